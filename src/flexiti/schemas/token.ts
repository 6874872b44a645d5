import { z } from "zod"

/** POST oauth/token, form-encoded only (Authentication Endpoints). */
export const tokenScopeSchema = z.enum(["merchant", "customer"])
export type TokenScope = z.infer<typeof tokenScopeSchema>

export const tokenRequestSchema = z
  .object({
    client_id: z.string().min(1).max(100),
    client_secret: z.string().min(1).max(100),
    grant_type: z.enum(["client_credentials", "refresh_token", "password"]).default("client_credentials"),
    refresh_token: z.string().optional(),
    scope: tokenScopeSchema.default("merchant"),
  })
  .refine((r) => r.grant_type !== "refresh_token" || !!r.refresh_token, {
    message: "refresh_token is required when grant_type is refresh_token",
    path: ["refresh_token"],
  })
export type TokenRequest = z.input<typeof tokenRequestSchema>

export const tokenResponseSchema = z.object({
  token_type: z.string().refine((t) => t.toLowerCase() === "bearer", "token_type must be bearer"),
  access_token: z.string().min(1),
  expires_in: z.number().int().positive(),
  refresh_token: z.string().min(1).optional(),
  scope: tokenScopeSchema,
})
export type TokenResponse = z.infer<typeof tokenResponseSchema>
