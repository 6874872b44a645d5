import { MedusaError } from "@medusajs/framework/utils"
import { z } from "zod"

/** Parses a route body with the shared zod schemas; bad input is a 400 with every problem named. */
export function parseBody<T extends z.ZodTypeAny>(schema: T, body: unknown): z.infer<T> {
  const parsed = schema.safeParse(body ?? {})
  if (!parsed.success) {
    const details = parsed.error.issues.map((i) => `${i.path.join(".") || "body"}: ${i.message}`).join("; ")
    throw new MedusaError(MedusaError.Types.INVALID_DATA, `Invalid request: ${details}`)
  }
  return parsed.data
}
