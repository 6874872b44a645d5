import { SandboxCore } from "./core"
import { checkRequest } from "./docs/fields"
import { TOKEN_REQUEST } from "./docs/requests"
import { isFormEncoded, ok, Reply, RequestContext } from "./http-utils"
import { IssuedToken } from "./token-store"
import { TokenScope } from "./types"

/** Token errors are OAuth-style {error, error_description} (Authentication Endpoints). */
function tokenError(status: number, error: string, description: string, extra: Record<string, unknown> = {}): Reply {
  return { status, json: { error, error_description: description, ...extra } }
}

/**
 * POST oauth/token of the POS API (v2.5) or the Online API, one credential set per client id.
 * Checks, in order: x-reference-id (Required: Yes), the form encoding ("must be passed in the
 * x-www-form-urlencoded format, or you will receive an error"; the error itself is not
 * documented, so the sandbox answers 400 invalid_request, the documented code for a bad request
 * on this endpoint), the credentials (400 invalid_client, also when missing), the other fields
 * (400 invalid_request), the developer account's role for this API (409 invalid_role).
 */
export function handleTokenRequest(core: SandboxCore, ctx: RequestContext, api: "pos" | "online"): Reply {
  const referenceId = ctx.headers["x-reference-id"]
  if (typeof referenceId !== "string" || referenceId.trim() === "") {
    return tokenError(409, "wrong_inputs", "Some inputs are wrong!", { field_errors: [{ param: "x-reference-id", msg: "required" }] })
  }
  if (!isFormEncoded(ctx)) {
    return tokenError(400, "invalid_request", "The request body must be application/x-www-form-urlencoded")
  }
  const form = Object.fromEntries(new URLSearchParams(ctx.rawBody).entries())
  const client = core.state.clients.get(form.client_id ?? "")
  if (!client || client.client_secret !== form.client_secret) {
    return tokenError(400, "invalid_client", "Client authentication failed: wrong or missing client_id or client_secret")
  }
  const fieldErrors = checkRequest(TOKEN_REQUEST, form)
  if (fieldErrors.length > 0) return tokenError(400, "invalid_request", "Some inputs are wrong!", { field_errors: fieldErrors })
  const apis = client.merchant?.apis
  if (apis && !apis.includes(api)) {
    return tokenError(409, "invalid_role", `The developer account has no role for the ${api === "pos" ? "POS" : "Online"} API`)
  }

  const scope = (form.scope ?? "merchant") as TokenScope
  let token: IssuedToken
  if (form.grant_type === "refresh_token") {
    // The refresh error is not documented; OAuth's invalid_grant is the sandbox's reading.
    const refreshed = core.tokens.refresh(client.client_id, form.refresh_token ?? "")
    if (refreshed === "unknown") return tokenError(400, "invalid_grant", "Unknown refresh token")
    if (refreshed === "expired") return tokenError(400, "invalid_grant", "token expired, cannot be refreshed")
    token = refreshed
    core.state.counters.token_refreshes += 1
  } else {
    // grant_type=password is a legacy variant of the docs; it is served like client_credentials.
    token = core.tokens.issue(client.client_id, scope)
    core.state.counters.token_requests[scope] += 1
  }
  return ok({
    token_type: "bearer",
    access_token: token.access_token,
    expires_in: core.tokens.lifetimeSeconds,
    refresh_token: token.refresh_token,
    scope: token.scope,
  })
}
