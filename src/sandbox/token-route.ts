import { ASSUMPTIONS } from "../flexiti/assumptions"
import { tokenRequestSchema, tokenResponseSchema } from "../flexiti/schemas"
import { SandboxCore } from "./core"
import { conform, ok, Reply, RequestContext, zodFieldErrors } from "./http-utils"
import { IssuedToken } from "./token-store"

/** Token errors are OAuth-style {error, error_description} (see errorBodySchema). */
function tokenError(status: number, error: string, description: string, extra: Record<string, unknown> = {}): Reply {
  return { status, json: { error, error_description: description, ...extra } }
}

/** POST oauth/token, shared by the POS and Online APIs (one credential set per client id). */
export function handleTokenRequest(core: SandboxCore, ctx: RequestContext): Reply {
  const contentType = (ctx.headers["content-type"] ?? "").toLowerCase()
  if (!contentType.startsWith("application/x-www-form-urlencoded")) {
    const { status, error } = ASSUMPTIONS.TOKEN_WRONG_ENCODING_ERROR
    return tokenError(status, error, "The request body must be application/x-www-form-urlencoded")
  }
  const form = Object.fromEntries(new URLSearchParams(ctx.rawBody).entries())
  const client = core.state.clients.get(form.client_id ?? "")
  if (!client || client.client_secret !== form.client_secret) {
    return tokenError(400, "invalid_client", "Client authentication failed: wrong client_id or client_secret")
  }
  const parsed = tokenRequestSchema.safeParse(form)
  if (!parsed.success) {
    return tokenError(400, "invalid_request", "Some inputs are wrong!", { field_errors: zodFieldErrors(parsed.error, form) })
  }
  const request = parsed.data

  let token: IssuedToken
  if (request.grant_type === "refresh_token") {
    const refreshed = core.tokens.refresh(client.client_id, request.refresh_token ?? "")
    if (refreshed === "unknown") return tokenError(400, "invalid_grant", "Unknown refresh token")
    if (refreshed === "expired") return tokenError(400, "invalid_grant", "token expired, cannot be refreshed")
    token = refreshed
    core.state.counters.token_refreshes += 1
  } else {
    // grant_type=password is the legacy variant (§3.2); it is served like client_credentials.
    token = core.tokens.issue(client.client_id, request.scope)
    core.state.counters.token_requests[request.scope] += 1
  }
  return ok(
    conform(tokenResponseSchema, {
      token_type: "bearer",
      access_token: token.access_token,
      expires_in: core.tokens.lifetimeSeconds,
      refresh_token: token.refresh_token,
      scope: token.scope,
    })
  )
}
