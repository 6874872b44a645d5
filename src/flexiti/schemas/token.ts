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

/**
 * The token answer. "Response Parameters" (Authentication Endpoints) list access_token, expires_in
 * and refresh_token; of the page's two success examples one carries `scope` and one does not, and
 * `token_type` is in both but in no parameter table. Only access_token and expires_in are needed
 * to call Flexiti: without refresh_token a new token is requested instead of a refresh, without
 * scope the token has the scope that was asked for.
 */
export const tokenResponseSchema = z.looseObject({
  token_type: z.string().optional(),
  access_token: z.string().min(1),
  expires_in: z.number().int().positive(),
  refresh_token: z.string().min(1).optional(),
  scope: z.string().optional(),
})
export type TokenResponse = z.infer<typeof tokenResponseSchema>
