import { z } from "zod"
import { environmentSchema, setCredentialsSchema, updateSettingsSchema } from "../../../../modules/flexiti/validation"

/** POST /admin/flexiti/settings: the module's settings fields; `environment` is accepted for `active_environment`. */
export const postSettingsBody = z
  .object({
    ...updateSettingsSchema.shape,
    environment: environmentSchema.optional(),
  })
  .strict()
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
