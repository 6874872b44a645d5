import { z } from "zod"
import { environmentSchema, setCredentialsSchema, updateSettingsSchema } from "../../../../modules/flexiti/validation"

/** Fields the settings answer carries that the server sets: a save naming them is refused, like Medusa's own routes refuse unknown fields. */
const READ_ONLY_SETTINGS = ["id", "created_at", "updated_at"]

/** The refusal of unknown keys, naming each one and what may be sent instead. */
export function unknownKeysMessage(keys: readonly string[], accepted: readonly string[]): string {
  const readOnly = keys.filter((k) => READ_ONLY_SETTINGS.includes(k))
  const unknown = keys.filter((k) => !READ_ONLY_SETTINGS.includes(k))
  const parts = [
    readOnly.length ? `${readOnly.join(", ")} ${readOnly.length > 1 ? "are" : "is"} read-only (set by the server)` : "",
    unknown.length ? `${unknown.join(", ")} ${unknown.length > 1 ? "are not fields" : "is not a field"} of this route` : "",
  ].filter(Boolean)
  return `${parts.join("; ")}; send only the fields to change: ${accepted.join(", ")}`
}

const settingsShape = { ...updateSettingsSchema.shape, environment: environmentSchema.optional() }

/** POST /admin/flexiti/settings: the module's settings fields; `environment` is accepted for `active_environment`. */
export const postSettingsBody = z
  .strictObject(settingsShape, {
    error: (issue) => (issue.code === "unrecognized_keys" ? unknownKeysMessage(issue.keys, Object.keys(settingsShape)) : undefined),
  })
  .refine((b) => !(b.environment && b.active_environment && b.environment !== b.active_environment), {
    message: "environment and active_environment disagree",
    path: ["environment"],
  })

export const environmentParams = z.object({ environment: environmentSchema }).strict()

/** POST /admin/flexiti/credentials/:environment (the environment comes from the path). */
export const postCredentialsBody = setCredentialsSchema.omit({ environment: true }).strict()

export const optionalEnvironmentBody = z.object({ environment: environmentSchema.optional() }).strict()

/** Query of GET routes taking an optional environment (Medusa may add its own query keys). */
export const optionalEnvironmentQuery = z.object({ environment: environmentSchema.optional() })

export const paymentParams = z.object({ id: z.string().trim().min(1).max(100) })

/** POST /admin/flexiti/payments/:id/refunds/resolve: which unanswered refund, and what Flexiti's portal shows. */
export const resolveRefundBody = z
  .object({
    movement_id: z.string().trim().min(1).max(100),
    outcome: z.enum(["done", "not_done"], { error: 'outcome must be "done" or "not_done"' }),
  })
  .strict()
