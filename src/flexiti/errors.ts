import { errorBodySchema, FlexitiErrorBody } from "./schemas/common"

/**
 * How a failed Flexiti call should be treated (Flexiti's Error Overview):
 * - auth: 401 (wrong or expired token); invalid_client on the token endpoint
 * - forbidden: 403 insufficient scope, 465–467 blocked ("can be treated the same way as 403")
 * - not_found: 404
 * - business: 409 with an error code (declines, amount rules, "already done")
 * - invalid_request: 400 (token endpoint input)
 * - server: 5xx
 * - network: timeouts, resets, refused connections (outcome unknown for mutations)
 */
export type FlexitiErrorKind = "auth" | "forbidden" | "not_found" | "business" | "invalid_request" | "server" | "network" | "invalid_response"

/**
 * Error codes Flexiti documents on its public error pages, so callers can map them without
 * string literals scattered around, plus one reading of ours: `invalid_grant` for a refused
 * refresh (assumptions.ts). A code Flexiti adds later still arrives in `FlexitiError.code`.
 */
export const FLEXITI_ERROR_CODES = {
  /** oauth/token */
  token: ["invalid_client", "invalid_request", "invalid_grant", "invalid_role", "wrong_inputs"],
  /** POST authorization refusals a shopper can be told about */
  authorization: [
    "credit_exceeded",
    "not_enough_credit",
    "user_not_able_to_purchase",
    "user_not_active",
    "customer_identity_not_found",
    "limit_payment_amount_24",
    "merchant_not_support_nonprime_regularpurchase",
    "auth_not_allowed",
    "plan_term_not_set",
    "plan_term_not_available",
    "not_verified",
  ],
  /** capture, release, return, refund */
  backOffice: [
    "authorization_ended",
    "auth_amount_exceeded",
    "capture_amount_exceeded",
    "return_date_exceeded",
    "wrong_transaction_type",
    "refunds_limit_exceeded_amount",
    "not_permitted",
    "account_type_not_permitted",
    "vcc_account_mismatch",
  ],
  /** any endpoint */
  general: ["invalid_token", "insufficient_scope", "not_found", "wrong_inputs", "general_error", "invalid_role"],
  /** the widget's application step (flx-failure message in the sandbox) */
  application: ["application_declined", "application_marked_pending_1", "application_marked_pending_2"],
} as const

export type FlexitiErrorCode = (typeof FLEXITI_ERROR_CODES)[keyof typeof FLEXITI_ERROR_CODES][number]

/** 465 malicious payload, 466 access-control rule, 467 geo-blocked: "treated the same way as 403". */
export function isBlocked(error: unknown): boolean {
  return error instanceof FlexitiError && error.status !== undefined && error.status >= 465 && error.status <= 467
}

export function classifyStatus(status: number): FlexitiErrorKind {
  if (status === 401) return "auth"
  if (status === 403 || (status >= 465 && status <= 467)) return "forbidden"
  if (status === 404) return "not_found"
  if (status === 409) return "business"
  if (status >= 500) return "server"
  return "invalid_request"
}

export class FlexitiError extends Error {
  readonly kind: FlexitiErrorKind
  readonly status?: number
  /** Flexiti's error code, e.g. auth_amount_exceeded, invalid_token (see FLEXITI_ERROR_CODES) */
  readonly code?: FlexitiErrorCode | (string & {})
  readonly fieldErrors: { param: string; msg: string }[]
  readonly referenceId?: string
  readonly path?: string

  constructor(args: {
    kind: FlexitiErrorKind
    message: string
    status?: number
    code?: string
    fieldErrors?: { param: string; msg: string }[]
    referenceId?: string
    path?: string
  }) {
    super(args.message)
    this.name = "FlexitiError"
    this.kind = args.kind
    this.status = args.status
    this.code = args.code
    this.fieldErrors = args.fieldErrors ?? []
    this.referenceId = args.referenceId
    this.path = args.path
  }

  /** A transport failure or 5xx: the request may or may not have been applied. */
  get isTransient(): boolean {
    return this.kind === "server" || this.kind === "network"
  }

  /**
   * Flexiti said no to this request (a 409 with its code, or a 404): a decline a shopper or an
   * admin is told about in words for its code, not an outage to retry.
   */
  get isRefusal(): boolean {
    return this.kind === "business" || this.kind === "not_found"
  }

  /** Flexiti answered and did not apply the request: a money move claimed for it can be let go. */
  get certainlyNotApplied(): boolean {
    return !this.isTransient && this.kind !== "invalid_response"
  }

  is(code: FlexitiErrorCode | (string & {})): boolean {
    return this.code === code
  }

  static fromResponse(status: number, body: unknown, meta: { referenceId?: string; path?: string }): FlexitiError {
    const parsed = errorBodySchema.safeParse(body)
    const b: FlexitiErrorBody = parsed.success ? parsed.data : {}
    const code = b.error ?? (typeof b.code === "string" ? b.code : undefined)
    const detail = b.message ?? b.error_description ?? (typeof body === "string" ? body.slice(0, 200) : undefined)
    const fields = (b.field_errors ?? []).map((f) => ({ param: f.param, msg: f.msg }))
    const fieldText = fields.length ? ` (${fields.map((f) => `${f.param}: ${f.msg}`).join("; ")})` : ""
    return new FlexitiError({
      // invalid_client is a 400 of the token endpoint, but it means the credentials are wrong.
      kind: code === "invalid_client" ? "auth" : classifyStatus(status),
      status,
      code,
      fieldErrors: fields,
      referenceId: meta.referenceId,
      path: meta.path,
      message: `Flexiti ${status}${code ? ` ${code}` : ""}${detail ? `: ${detail}` : ""}${fieldText}${
        meta.referenceId ? ` [x-reference-id ${meta.referenceId}]` : ""
      }`,
    })
  }

  static network(cause: Error & { code?: string }, meta: { referenceId?: string; path?: string }): FlexitiError {
    return new FlexitiError({
      kind: "network",
      code: cause.code,
      referenceId: meta.referenceId,
      path: meta.path,
      message: `Flexiti unreachable (${cause.code ?? cause.message})${meta.referenceId ? ` [x-reference-id ${meta.referenceId}]` : ""}`,
    })
  }
}
