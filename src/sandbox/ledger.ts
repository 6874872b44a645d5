import { ASSUMPTIONS } from "../flexiti/assumptions"
import { centsToDollars, dollarsToCents } from "../flexiti/amount"
import {
  AccountRefundRequest,
  Authorization,
  AuthorizationCreateRequest,
  authorizationSchema,
  CaptureRequest,
  CaptureResponse,
  captureResponseSchema,
  ReleaseRequest,
  ReleaseResponse,
  releaseResponseSchema,
  ReturnRequest,
  ReturnResponse,
  returnResponseSchema,
} from "../flexiti/schemas"
import { SandboxCore } from "./core"
import { conform, HttpError } from "./http-utils"
import { isPlanTermOffered } from "./plans"
import { AccountState, AuthorizationState, CaptureState } from "./state"

const DAY_MS = 24 * 60 * 60 * 1000
const iso = (ms: number): string => new Date(ms).toISOString()
const sum = (values: number[]): number => values.reduce((a, b) => a + b, 0)

export function capturedCents(auth: AuthorizationState): number {
  return sum(auth.captures.map((c) => c.amount_cents))
}
export function releasedCents(auth: AuthorizationState): number {
  return sum(auth.releases.map((r) => r.amount_cents))
}
/** What can still be captured or released. Returns and refunds do not change it. */
export function remainingCents(auth: AuthorizationState): number {
  return auth.amount_cents - capturedCents(auth) - releasedCents(auth)
}
export function statusOf(auth: AuthorizationState): string {
  const { open, closed } = ASSUMPTIONS.AUTHORIZATION_STATUSES
  return remainingCents(auth) > 0 ? open : closed
}
/** What of a capture can still be returned or refunded. */
export function captureRemainingCents(capture: CaptureState): number {
  return (
    capture.amount_cents -
    sum(capture.returns.map((r) => r.amount_cents)) -
    sum(capture.refunds.map((r) => r.amount_cents))
  )
}

function findAccount(core: SandboxCore, clientId: string, accountNumber: number): AccountState {
  const account = core.state.accountsOf(clientId).get(accountNumber)
  if (!account) throw new HttpError(404, "not_found", "Customer account not found")
  return account
}

function openAuthorization(core: SandboxCore, clientId: string, authorizationId: number): AuthorizationState {
  const auth = core.state.findAuthorization(clientId, authorizationId)
  if (!auth) throw new HttpError(404, "not_found", "Authorization not found")
  if (remainingCents(auth) <= 0) {
    throw new HttpError(409, "authorization_ended", "The authorization has closed status")
  }
  return auth
}

/** The amount actually booked can differ from the request by the tamper_amount_next fault. */
export function createAuthorization(
  core: SandboxCore,
  clientId: string,
  request: AuthorizationCreateRequest,
  amountCents: number
): AuthorizationState {
  const account = findAccount(core, clientId, request.account_number)
  if (account.account_status !== "N") {
    throw new HttpError(409, "user_not_able_to_purchase", "The customer's account status does not allow purchases")
  }
  const { transaction_type, plan_id, term } = request.financing_option
  if (transaction_type === "promotional_purchase") {
    if (term === undefined) throw new HttpError(409, "plan_term_not_set", "A term is required for a promotional purchase")
    if (plan_id === undefined || !isPlanTermOffered(plan_id, term)) {
      throw new HttpError(409, "plan_term_not_available", `Plan ${plan_id} with term ${term} is not available`)
    }
  }
  if (amountCents > account.available_credit_cents) {
    throw new HttpError(409, "credit_exceeded", "The amount requested plus interest is greater than the available credit")
  }
  const now = core.clock.now()
  const auth: AuthorizationState = {
    authorization_id: core.state.nextId("authorization"),
    client_id: clientId,
    account_number: account.account_number,
    reference: request.reference,
    transaction_type,
    plan_id: transaction_type === "promotional_purchase" ? plan_id : undefined,
    term: transaction_type === "promotional_purchase" ? term : undefined,
    amount_cents: amountCents,
    auto_capture: request.auto_capture,
    creation_date: now,
    captures: [],
    releases: [],
  }
  account.available_credit_cents -= amountCents
  core.state.authorizations.set(auth.authorization_id, auth)
  core.state.counters.authorizations_created += 1
  if (request.auto_capture) {
    auth.captures.push(newCapture(core, amountCents, request.reference, now))
    core.state.counters.captures += 1
  }
  return auth
}

function newCapture(core: SandboxCore, amountCents: number, reference: string | undefined, date: number): CaptureState {
  return { capture_id: core.state.nextId("capture"), amount_cents: amountCents, reference, date, returns: [], refunds: [] }
}

export function captureAuthorization(
  core: SandboxCore,
  clientId: string,
  authorizationId: number,
  request: CaptureRequest
): CaptureResponse {
  const auth = openAuthorization(core, clientId, authorizationId)
  const amountCents = dollarsToCents(request.amount)
  if (amountCents > remainingCents(auth)) {
    throw new HttpError(409, "auth_amount_exceeded", "Capture amount is greater than the remaining credit authorization amount")
  }
  const capture = newCapture(core, amountCents, request.reference, core.clock.now())
  auth.captures.push(capture)
  core.state.counters.captures += 1
  return conform(captureResponseSchema, {
    capture_id: capture.capture_id,
    authorization_id: auth.authorization_id,
    amount: centsToDollars(amountCents),
    reference: capture.reference ?? null,
    date: iso(capture.date),
    remaining_authorization_amount: centsToDollars(remainingCents(auth)),
  })
}

/** Omitted amount releases everything that remains (ASSUMPTIONS.RELEASE_BODY). */
export function releaseAuthorization(
  core: SandboxCore,
  clientId: string,
  authorizationId: number,
  request: ReleaseRequest
): ReleaseResponse {
  const auth = openAuthorization(core, clientId, authorizationId)
  const amountCents = request.amount === undefined ? remainingCents(auth) : dollarsToCents(request.amount)
  if (amountCents > remainingCents(auth)) {
    throw new HttpError(409, "auth_amount_exceeded", "Release amount is greater than the remaining credit authorization amount")
  }
  auth.releases.push({ amount_cents: amountCents, reference: request.reference, date: core.clock.now() })
  findAccount(core, clientId, auth.account_number).available_credit_cents += amountCents
  core.state.counters.releases += 1
  // released_amount is the authorization's total, as in authorizationSchema; amount is this call's.
  return conform(releaseResponseSchema, {
    authorization_id: auth.authorization_id,
    amount: centsToDollars(amountCents),
    released_amount: centsToDollars(releasedCents(auth)),
    remaining_authorization_amount: centsToDollars(remainingCents(auth)),
    status: statusOf(auth),
  })
}

export function returnCapture(
  core: SandboxCore,
  clientId: string,
  authorizationId: number,
  captureId: number,
  request: ReturnRequest
): ReturnResponse {
  const auth = core.state.findAuthorization(clientId, authorizationId)
  const capture = auth?.captures.find((c) => c.capture_id === captureId)
  if (!auth || !capture) throw new HttpError(404, "not_found", "Authorization or capture not found")
  if (auth.transaction_type !== "promotional_purchase") {
    throw new HttpError(409, "wrong_transaction_type", "The capture is not related to a promotional purchase")
  }
  if (core.clock.now() - capture.date > ASSUMPTIONS.RETURN_WINDOW_DAYS * DAY_MS) {
    throw new HttpError(409, "return_date_exceeded", `The capture is older than ${ASSUMPTIONS.RETURN_WINDOW_DAYS} days`)
  }
  const amountCents = dollarsToCents(request.amount)
  if (amountCents > captureRemainingCents(capture)) {
    throw new HttpError(409, "capture_amount_exceeded", "Return amount is greater than the remaining capture amount")
  }
  const record = {
    return_id: core.state.nextId("return"),
    amount_cents: amountCents,
    // full_return is recorded as sent; the amount alone decides what is returned.
    full_return: request.full_return,
    reference: request.reference,
    date: core.clock.now(),
  }
  capture.returns.push(record)
  findAccount(core, clientId, auth.account_number).available_credit_cents += amountCents
  core.state.counters.returns += 1
  return conform(returnResponseSchema, {
    return_id: record.return_id,
    reference: record.reference ?? null,
    capture_id: capture.capture_id,
    date: iso(record.date),
    amount: centsToDollars(amountCents),
    remaining_capture_amount: centsToDollars(captureRemainingCents(capture)),
    remaining_authorization_amount: centsToDollars(remainingCents(auth)),
  })
}

export function refundAccount(
  core: SandboxCore,
  clientId: string,
  accountNumber: number,
  request: AccountRefundRequest
): void {
  const account = findAccount(core, clientId, accountNumber)
  const capture = [...core.state.authorizations.values()]
    .filter((a) => a.client_id === clientId && a.account_number === accountNumber)
    .flatMap((a) => a.captures)
    .find((c) => c.capture_id === request.capture_id)
  if (!capture) throw new HttpError(404, "not_found", "Capture not found for this account")
  const amountCents = dollarsToCents(request.amount)
  if (amountCents > captureRemainingCents(capture)) {
    throw new HttpError(409, "refunds_limit_exceeded_amount", "Refund amount exceeds account balance limit")
  }
  capture.refunds.push({
    refund_id: core.state.nextId("refund"),
    amount_cents: amountCents,
    reference: request.reference,
    date: core.clock.now(),
  })
  account.available_credit_cents += amountCents
  core.state.counters.refunds += 1
}

/** The API shape (authorizationSchema). */
export function authorizationView(auth: AuthorizationState): Authorization {
  return conform(authorizationSchema, {
    authorization_id: auth.authorization_id,
    account_number: auth.account_number,
    reference: auth.reference ?? null,
    status: statusOf(auth),
    transaction_type: auth.transaction_type,
    plan_id: auth.plan_id ?? null,
    term: auth.term ?? null,
    amount: centsToDollars(auth.amount_cents),
    captured_amount: centsToDollars(capturedCents(auth)),
    released_amount: centsToDollars(releasedCents(auth)),
    remaining_authorization_amount: centsToDollars(remainingCents(auth)),
    auto_capture: auth.auto_capture,
    creation_date: iso(auth.creation_date),
    captures: auth.captures.map((c) => ({
      capture_id: c.capture_id,
      amount: centsToDollars(c.amount_cents),
      reference: c.reference ?? null,
      date: iso(c.date),
      returned_amount: centsToDollars(sum(c.returns.map((r) => r.amount_cents))),
    })),
  }) as Authorization
}

/** The control view: everything, including returns, refunds and releases (dollars). */
export function authorizationFullView(auth: AuthorizationState): Record<string, unknown> {
  return {
    ...authorizationView(auth),
    client_id: auth.client_id,
    captures: auth.captures.map((c) => ({
      capture_id: c.capture_id,
      amount: centsToDollars(c.amount_cents),
      reference: c.reference ?? null,
      date: iso(c.date),
      remaining_capture_amount: centsToDollars(captureRemainingCents(c)),
      returns: c.returns.map((r) => ({
        return_id: r.return_id,
        amount: centsToDollars(r.amount_cents),
        full_return: r.full_return,
        reference: r.reference ?? null,
        date: iso(r.date),
      })),
      refunds: c.refunds.map((r) => ({
        refund_id: r.refund_id,
        amount: centsToDollars(r.amount_cents),
        reference: r.reference ?? null,
        date: iso(r.date),
      })),
    })),
    releases: auth.releases.map((r) => ({
      amount: centsToDollars(r.amount_cents),
      reference: r.reference ?? null,
      date: iso(r.date),
    })),
  }
}
