import { z } from "zod"
import { dollarsOf, centsOf, isDollarAmount } from "./cents"
import { DOCUMENTED_ERRORS, DocumentedErrorCode, documented, isDocumentedErrorCode } from "./docs/errors"
import { HttpError, Reply } from "./http-utils"

export const faultsInputSchema = z.strictObject({
  latency_ms: z.number().int().min(0).max(60_000).optional(),
  server_error_rate: z.number().min(0).max(1).optional(),
  /** destroy the socket of the next n resource calls before they are processed */
  reset_next: z.number().int().min(0).optional(),
  /** process the next n resource calls, then destroy the socket instead of answering (outcome unknown to the client) */
  reset_after_apply_next: z.number().int().min(0).optional(),
  fail_next: z
    .array(
      z.strictObject({
        path_contains: z.string().min(1),
        method: z.string().optional(),
        status: z.number().int().min(100).max(599),
        body: z.unknown().optional(),
        /** let this many matching calls through before failing */
        skip: z.number().int().min(0).optional(),
        /** how many matching calls fail (default 1) */
        times: z.number().int().min(1).optional(),
      })
    )
    .optional(),
  /** apply the next matching call, then destroy the socket (targeted reset_after_apply_next) */
  lose_answer_next: z
    .array(
      z.strictObject({
        path_contains: z.string().min(1),
        method: z.string().optional(),
        /** answer this many matching calls before losing one (e.g. the second refund piece of a refund) */
        skip: z.number().int().min(0).optional(),
      })
    )
    .optional(),
  /**
   * answer the next matching Flexiti call with a documented error, in the shape of the API that
   * was called (e.g. general_error, not_permitted, invalid_role). Flexiti's 465–467 "Blocked" statuses come
   * with no documented code or body: inject them with fail_next and a status
   */
  error_next: z
    .array(
      z.strictObject({
        code: z.string().refine(isDocumentedErrorCode, { message: `one of ${Object.keys(DOCUMENTED_ERRORS).join(", ")}` }),
        path_contains: z.string().min(1).optional(),
        method: z.string().optional(),
      })
    )
    .optional(),
  expire_tokens_now: z.literal(true).optional(),
  tamper_amount_next: z.number().refine(isDollarAmount, "dollars with at most 2 decimals").optional(),
})
export type FaultsInput = z.infer<typeof faultsInputSchema>

type FailRule = NonNullable<FaultsInput["fail_next"]>[number]
type PathRule = { path_contains: string; method?: string }

const matches = (rule: PathRule, method: string, path: string) => path.includes(rule.path_contains) && (!rule.method || rule.method.toUpperCase() === method)
type ErrorRule = NonNullable<FaultsInput["error_next"]>[number]

export type FaultDecision = { kind: "proceed" } | { kind: "reset" } | { kind: "reply"; reply: Reply } | { kind: "error"; error: HttpError }

/**
 * Faults apply to Flexiti API paths only, never to /__sandbox/* or the hosted pages.
 * reset_next, reset_after_apply_next and server_error_rate skip oauth/token calls so that
 * "fail the next capture" is not swallowed by the token request a client makes first;
 * fail_next (targeted by path) and latency apply to token calls too.
 */
export class FaultInjector {
  latencyMs = 0
  serverErrorRate = 0
  resetNext = 0
  resetAfterApplyNext = 0
  failNext: FailRule[] = []
  loseAnswerNext: (PathRule & { skip?: number })[] = []
  errorNext: ErrorRule[] = []
  tamperCents = 0

  /** Sets the faults named in input; the others keep their current value. */
  configure(input: FaultsInput): void {
    if (input.latency_ms !== undefined) this.latencyMs = input.latency_ms
    if (input.server_error_rate !== undefined) this.serverErrorRate = input.server_error_rate
    if (input.reset_next !== undefined) this.resetNext = input.reset_next
    if (input.reset_after_apply_next !== undefined) this.resetAfterApplyNext = input.reset_after_apply_next
    if (input.fail_next !== undefined) this.failNext = input.fail_next.map((rule) => ({ ...rule }))
    if (input.error_next !== undefined) this.errorNext = [...input.error_next]
    if (input.lose_answer_next !== undefined) this.loseAnswerNext = input.lose_answer_next.map((rule) => ({ ...rule }))
    if (input.tamper_amount_next !== undefined) this.tamperCents = centsOf(input.tamper_amount_next)
  }

  clear(): void {
    this.latencyMs = 0
    this.serverErrorRate = 0
    this.resetNext = 0
    this.resetAfterApplyNext = 0
    this.failNext = []
    this.loseAnswerNext = []
    this.errorNext = []
    this.tamperCents = 0
  }

  async before(method: string, path: string, isTokenCall: boolean): Promise<FaultDecision> {
    if (this.latencyMs > 0) await new Promise((resolve) => setTimeout(resolve, this.latencyMs))
    const rule = this.failNext.find((r) => matches(r, method, path))
    if (rule && rule.skip) {
      rule.skip -= 1
    } else if (rule) {
      rule.times = (rule.times ?? 1) - 1
      if (rule.times <= 0) this.failNext.splice(this.failNext.indexOf(rule), 1)
      return { kind: "reply", reply: { status: rule.status, json: rule.body ?? {} } }
    }
    const errorIndex = this.errorNext.findIndex((r) => (!r.path_contains || path.includes(r.path_contains)) && (!r.method || r.method.toUpperCase() === method))
    if (errorIndex >= 0) {
      const [rule] = this.errorNext.splice(errorIndex, 1)
      return { kind: "error", error: documented(rule.code as DocumentedErrorCode) }
    }
    if (isTokenCall) return { kind: "proceed" }
    if (this.resetNext > 0) {
      this.resetNext -= 1
      return { kind: "reset" }
    }
    if (this.serverErrorRate > 0 && Math.random() < this.serverErrorRate) {
      return {
        kind: "reply",
        reply: { status: 500, json: { error: "server_error", message: "Sandbox injected server error" } },
      }
    }
    return { kind: "proceed" }
  }

  /** After a resource call was applied: should its answer be lost? */
  takeResetAfterApply(method: string, path: string): boolean {
    const targeted = this.loseAnswerNext.findIndex((r) => matches(r, method, path))
    if (targeted >= 0) {
      const rule = this.loseAnswerNext[targeted]
      if (rule.skip) {
        rule.skip -= 1
        return false
      }
      this.loseAnswerNext.splice(targeted, 1)
      return true
    }
    if (this.resetAfterApplyNext <= 0) return false
    this.resetAfterApplyNext -= 1
    return true
  }

  /** Amount delta (cents) for the next authorization created or online approval; consumed once. */
  takeTamperCents(): number {
    const delta = this.tamperCents
    this.tamperCents = 0
    return delta
  }

  view(): Record<string, unknown> {
    return {
      latency_ms: this.latencyMs,
      server_error_rate: this.serverErrorRate,
      reset_next: this.resetNext,
      reset_after_apply_next: this.resetAfterApplyNext,
      fail_next: this.failNext,
      lose_answer_next: this.loseAnswerNext,
      error_next: this.errorNext,
      tamper_amount_next: dollarsOf(this.tamperCents),
    }
  }
}
