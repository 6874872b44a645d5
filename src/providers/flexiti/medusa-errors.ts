import { MedusaError } from "@medusajs/framework/utils"
import { FlexitiError } from "../../flexiti/errors"

/** A Flexiti failure as a Medusa error with Flexiti's code and reference id, never a secret. */
export function asMedusaError(action: string, error: unknown): Error {
  if (error instanceof MedusaError) return error
  if (error instanceof FlexitiError) {
    const type =
      error.kind === "business" || error.kind === "invalid_request" || error.kind === "not_found"
        ? MedusaError.Types.NOT_ALLOWED
        : MedusaError.Types.UNEXPECTED_STATE
    return new MedusaError(type, `Flexiti could not ${action}: ${error.message}`)
}
  return error instanceof Error ? error : new Error(String(error))
}
