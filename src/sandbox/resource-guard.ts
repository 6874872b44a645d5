import { SandboxCore } from "./core"
import { HttpError, RequestContext, wrongInputs } from "./http-utils"
import { IssuedToken } from "./token-store"
import { Lang, LANGS, TokenScope } from "./types"

export const ANY_SCOPE: readonly TokenScope[] = ["merchant", "customer"]
export const MERCHANT_ONLY: readonly TokenScope[] = ["merchant"]

export interface Caller {
  token: IssuedToken
  referenceId: string
  lang: Lang
}

/**
 * Checks shared by every resource call, in this order: bearer token (401 invalid_token),
 * client id of the path (403), scope (403 insufficient_scope: "other endpoints will consider
 * this token invalid", Authentication Endpoints), x-reference-id present (409 wrong_inputs: the
 * docs call it required and describe it as "ASCII string (32) GUID"; other lengths are accepted
 * because the docs do not say they are refused), lang en|fr.
 */
export function authorize(core: SandboxCore, ctx: RequestContext, scopes: readonly TokenScope[]): Caller {
  const match = /^Bearer\s+(\S+)$/i.exec(ctx.headers.authorization ?? "")
  if (!match) throw new HttpError(401, "invalid_token", "Access token is missing")
  const check = core.tokens.check(match[1])
  if (!check.ok) {
    throw new HttpError(401, "invalid_token", check.reason === "expired" ? "Access token expired" : "Invalid access token")
  }
  const { token } = check
  if (ctx.params.client_id !== token.client_id) {
    throw new HttpError(403, "forbidden", "The client id in the path does not match the access token")
  }
  if (!scopes.includes(token.scope)) {
    throw new HttpError(403, "insufficient_scope", "Insufficient scope: authorized scope is insufficient")
  }
  const referenceId = ctx.headers["x-reference-id"]
  if (typeof referenceId !== "string" || referenceId.trim() === "") {
    throw wrongInputs([{ param: "x-reference-id", msg: "required" }])
  }
  const rawLang = ctx.query.get("lang") ?? "en"
  if (!(LANGS as readonly string[]).includes(rawLang)) throw wrongInputs([{ param: "lang", msg: "lang must be en or fr", value: rawLang }])
  return { token, referenceId, lang: rawLang as Lang }
}

/** Path ids are numbers; anything else cannot name an existing object. */
export function pathNumber(ctx: RequestContext, name: string, what: string): number {
  const value = ctx.params[name]
  if (!/^\d+$/.test(value ?? "")) throw new HttpError(404, "not_found", `${what} not found`)
  return Number(value)
}
