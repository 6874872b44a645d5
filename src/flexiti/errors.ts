import { errorBodySchema, FlexitiErrorBody } from "./schemas/common"

/**
 * How a failed Flexiti call should be treated (flexiti-api.md §8):
 * - auth: 401 (wrong or expired token); invalid_client on the token endpoint
 * - forbidden: 403 insufficient scope, 465–467 blocked ("can be treated the same way as 403")
 * - not_found: 404
 * - business: 409 with an error code (declines, amount rules, "already done")
 * - invalid_request: 400 (token endpoint input)
 * - server: 5xx
 * - network: timeouts, resets, refused connections (outcome unknown for mutations)
 */
export type FlexitiErrorKind =
  | "auth"
  | "forbidden"
  | "not_found"
  | "business"
  | "invalid_request"
  | "server"
  | "network"
  | "invalid_response"

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
  /** Flexiti's error code, e.g. auth_amount_exceeded, invalid_token */
  readonly code?: string
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

  is(code: string): boolean {
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
      kind: classifyStatus(status),
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
