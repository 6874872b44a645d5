/**
 * Flexiti's money endpoints played in memory for the core's unit tests: one ledger per
 * authorization (authorized, captured, released, returned, refunded), kept in dollars through
 * src/lib/money.ts. A test can make the next call of an endpoint lose its answer (applied, then a
 * network error), be refused (a 409 with Flexiti's code) or fail with a 503 (not applied).
 */
import { FlexitiError } from "../../flexiti/errors"
import type {
  AccountRefundRequest,
  Authorization,
  CaptureRequest,
  CaptureResponse,
  ReleaseRequest,
  ReleaseResponse,
  ReturnRequest,
  ReturnResponse,
} from "../../flexiti/schemas"
import { addDollars, Dollars, lte, subDollars, toDollars, toFlexitiAmount, isPositive, ZERO_DOLLARS } from "../../lib/money"
import type { MoneyClient } from "../deps"

type Method = "getAuthorization" | "capture" | "release" | "returnCapture" | "refundAccount"
/** `ok` lets one call through, so a fault can target a later call of the same endpoint. */
export type Fault = "ok" | "lose" | "unavailable" | { refuse: string }

export interface FakeCapture {
  capture_id: number
  amount: Dollars
  reference: string | null
  returned: Dollars
  refunded: Dollars
}

export interface FakeAuthorization {
  authorization_id: number
  account_number: number
  reference: string
  transaction_type: "promotional_purchase" | "regular_purchase"
  open: boolean
  amount: Dollars
  released: Dollars
  captures: FakeCapture[]
  returns: { return_id: number; capture_id: number; amount: Dollars; reference: string | null }[]
  refunds: { capture_id: number; amount: Dollars; reference: string | null }[]
}

const tick = () => new Promise((resolve) => setImmediate(resolve))

export class FakeFlexiti {
  readonly authorizations = new Map<number, FakeAuthorization>()
  /** every call made, in order: a test counts the money moves sent */
  readonly calls: { method: Method; authorizationId?: number; amount?: Dollars; reference?: string | null }[] = []
  private readonly faults = new Map<Method, Fault[]>()
  private nextId = 9000

  authorize(args: { authorizationId: number; amount: Dollars; reference: string; transactionType?: FakeAuthorization["transaction_type"] }): FakeAuthorization {
    const authorization: FakeAuthorization = {
      authorization_id: args.authorizationId,
      account_number: 7000 + args.authorizationId,
      reference: args.reference,
      transaction_type: args.transactionType ?? "promotional_purchase",
      open: true,
      amount: toDollars(args.amount),
      released: ZERO_DOLLARS,
      captures: [],
      returns: [],
      refunds: [],
    }
    this.authorizations.set(args.authorizationId, authorization)
    return authorization
  }

  /** The next calls of `method` meet these faults, in order. */
  failNext(method: Method, ...faults: Fault[]): void {
    this.faults.set(method, [...(this.faults.get(method) ?? []), ...faults])
  }

  sent(method: Method): number {
    return this.calls.filter((c) => c.method === method).length
  }

  captured(authorizationId: number): Dollars {
    return addDollars(...this.ledger(authorizationId).captures.map((c) => c.amount))
  }

  remaining(authorizationId: number): Dollars {
    const a = this.ledger(authorizationId)
    return subDollars(subDollars(a.amount, a.released), this.captured(authorizationId))
  }

  /** The MoneyClient the core is handed. */
  readonly client: MoneyClient = {
    getAuthorization: (id) => this.call("getAuthorization", { authorizationId: id }, () => this.view(this.ledger(id))),
    capture: (id, body: CaptureRequest) =>
      this.call("capture", { authorizationId: id, amount: toDollars(body.amount), reference: body.reference }, () => this.applyCapture(id, body)),
    release: (id, body: ReleaseRequest = {}) =>
      this.call("release", { authorizationId: id, amount: body.amount === undefined ? undefined : toDollars(body.amount), reference: body.reference }, () =>
        this.applyRelease(id, body)
      ),
    returnCapture: (id, captureId, body: ReturnRequest) =>
      this.call("returnCapture", { authorizationId: id, amount: toDollars(body.amount), reference: body.reference }, () =>
        this.applyReturn(id, captureId, body)
      ),
    refundAccount: (accountNumber, body: AccountRefundRequest) =>
      this.call("refundAccount", { amount: toDollars(body.amount), reference: body.reference }, () => this.applyRefund(accountNumber, body)),
  }

  private async call<T>(method: Method, record: Omit<FakeFlexiti["calls"][number], "method">, apply: () => T): Promise<T> {
    this.calls.push({ method, ...record })
    // Each call yields, as a network round trip does, so concurrent steps interleave.
    await tick()
    const fault = this.faults.get(method)?.shift() ?? "ok"
    if (fault === "unavailable") {
      throw new FlexitiError({ kind: "server", status: 503, message: `Flexiti 503 (${method})` })
    }
    if (typeof fault === "object") {
      throw new FlexitiError({ kind: "business", status: 409, code: fault.refuse, message: `Flexiti 409 ${fault.refuse}` })
    }
    const result = apply()
    await tick()
    if (fault === "lose") {
      throw new FlexitiError({ kind: "network", message: `socket hang up (${method}): the answer was lost` })
    }
    return result
  }

  private ledger(id: number): FakeAuthorization {
    const authorization = this.authorizations.get(id)
    if (!authorization) throw new FlexitiError({ kind: "not_found", status: 404, code: "not_found", message: `Flexiti 404: authorization ${id}` })
    return authorization
  }

  private refuse(code: string): never {
    throw new FlexitiError({ kind: "business", status: 409, code, message: `Flexiti 409 ${code}` })
  }

  private applyCapture(id: number, body: CaptureRequest): CaptureResponse {
    const a = this.ledger(id)
    if (!a.open) this.refuse("authorization_ended")
    if (!lte(body.amount, this.remaining(id))) this.refuse("capture_amount_exceeded")
    const capture: FakeCapture = {
      capture_id: this.nextId++,
      amount: toDollars(body.amount),
      reference: body.reference ?? null,
      returned: ZERO_DOLLARS,
      refunded: ZERO_DOLLARS,
    }
    a.captures.push(capture)
    if (!isPositive(this.remaining(id))) a.open = false
    return {
      capture_id: capture.capture_id,
      authorization_id: id,
      amount: toFlexitiAmount(capture.amount),
      reference: capture.reference,
      date: new Date().toISOString(),
      remaining_authorization_amount: toFlexitiAmount(this.remaining(id)),
    }
  }

  private applyRelease(id: number, body: ReleaseRequest): ReleaseResponse {
    const a = this.ledger(id)
    if (!a.open) this.refuse("authorization_ended")
    const amount = body.amount === undefined ? this.remaining(id) : toDollars(body.amount)
    if (!lte(amount, this.remaining(id))) this.refuse("auth_amount_exceeded")
    a.released = addDollars(a.released, amount)
    if (!isPositive(this.remaining(id))) a.open = false
    return {
      authorization_id: id,
      released_amount: toFlexitiAmount(a.released),
      remaining_authorization_amount: toFlexitiAmount(this.remaining(id)),
      status: a.open ? "opened" : "closed",
    }
  }

  private refundableOf(capture: FakeCapture): Dollars {
    return subDollars(capture.amount, addDollars(capture.returned, capture.refunded))
  }

  private applyReturn(id: number, captureId: number, body: ReturnRequest): ReturnResponse {
    const a = this.ledger(id)
    if (a.transaction_type !== "promotional_purchase") this.refuse("wrong_transaction_type")
    const capture = a.captures.find((c) => c.capture_id === captureId) ?? this.refuse("not_found")
    if (!lte(body.amount, this.refundableOf(capture))) this.refuse("refunds_limit_exceeded_amount")
    capture.returned = addDollars(capture.returned, body.amount)
    const returnId = this.nextId++
    a.returns.push({ return_id: returnId, capture_id: captureId, amount: toDollars(body.amount), reference: body.reference ?? null })
    return { return_id: returnId, capture_id: captureId, amount: toFlexitiAmount(body.amount) }
  }

  private applyRefund(accountNumber: number, body: AccountRefundRequest): Record<string, never> {
    const a = [...this.authorizations.values()].find((x) => x.account_number === accountNumber) ?? this.refuse("not_found")
    const capture = a.captures.find((c) => c.capture_id === body.capture_id) ?? this.refuse("not_found")
    if (!lte(body.amount, this.refundableOf(capture))) this.refuse("refunds_limit_exceeded_amount")
    capture.refunded = addDollars(capture.refunded, body.amount)
    a.refunds.push({ capture_id: capture.capture_id, amount: toDollars(body.amount), reference: body.reference ?? null })
    return {}
  }

  /** What GET authorization answers: Flexiti's amounts as numbers, built from the dollar ledger. */
  private view(a: FakeAuthorization): Authorization {
    return {
      authorization_id: a.authorization_id,
      account_number: a.account_number,
      reference: a.reference,
      status: a.open ? "opened" : "closed",
      transaction_type: a.transaction_type,
      amount: toFlexitiAmount(a.amount),
      captured_amount: toFlexitiAmount(this.captured(a.authorization_id)),
      released_amount: toFlexitiAmount(a.released),
      remaining_authorization_amount: toFlexitiAmount(this.remaining(a.authorization_id)),
      creation_date: "2026-01-01T00:00:00Z",
      captures: a.captures.map((c, i) => ({
        capture_id: c.capture_id,
        amount: toFlexitiAmount(c.amount),
        reference: c.reference,
        date: `2026-01-01T00:00:${String(i).padStart(2, "0")}Z`,
        returned_amount: toFlexitiAmount(c.returned),
      })),
    }
  }
}
