import { MedusaError } from "@medusajs/framework/utils"
import { FlexitiError } from "../../flexiti/errors"
import type { FlexitiLang } from "../../lib/vocabulary"
import { flexitiUnavailableMessage, shopperMessage } from "./shopper-messages"

/** A Flexiti failure as a Medusa error with Flexiti's code and reference id, never a secret. */
export function asMedusaError(action: string, error: unknown): Error {
  if (error instanceof MedusaError) return error
  if (error instanceof FlexitiError) {
    const type = error.isRefusal || error.kind === "invalid_request" ? MedusaError.Types.NOT_ALLOWED : MedusaError.Types.UNEXPECTED_STATE
    return new MedusaError(type, `Flexiti could not ${action}: ${error.message}`)
  }
  return error instanceof Error ? error : new Error(String(error))
}

/**
 * A Flexiti failure on a path whose answer reaches a shopper (starting a checkout, completing the
 * cart, listing plans): a refusal is told in the shopper's words for its code; an outage, a setup problem or an
 * unexpected error becomes "try again" in the shopper's language with the reference id, while
 * the full text goes to the store's log.
 */
export function asShopperError(action: string, error: unknown, lang: FlexitiLang, log?: (message: string) => void): Error {
  if (error instanceof MedusaError) return error
  // Our own check before any call (no HTTP status): its message says what the cart lacks.
  if (error instanceof FlexitiError && error.kind === "invalid_request" && error.status === undefined) {
    return new MedusaError(MedusaError.Types.INVALID_DATA, error.message)
  }
  if (error instanceof FlexitiError && error.isRefusal) {
    return new MedusaError(MedusaError.Types.NOT_ALLOWED, shopperMessage(error, lang))
  }
  log?.(`Flexiti could not ${action}: ${error instanceof Error ? error.message : String(error)}`)
  const referenceId = error instanceof FlexitiError ? error.referenceId : undefined
  return new MedusaError(MedusaError.Types.UNEXPECTED_STATE, flexitiUnavailableMessage(lang, referenceId))
}
