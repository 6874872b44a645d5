import { dollarsOf, centsOf } from "./cents"
import { SandboxCore } from "./core"
import { documented } from "./docs/errors"
import { isPlanTermOffered, planTotalCents } from "./plans"
import { AccountState, AuthorizationState, CaptureState, SkuData } from "./state"
import { TransactionType } from "./types"

/** Known authorization statuses: opened (GET authorizations example) and closed (authorization_ended). */
export const AUTHORIZATION_STATUS = { open: "opened", closed: "closed" } as const

/** "return_date_exceeded (capture older than 100 days)" (Transactions Endpoints). */
export const RETURN_WINDOW_DAYS = 100

/** limit_payment_amount_24: "$10,000/day payments limit" (error pages). */
export const DAILY_PAYMENTS_LIMIT_CENTS = 1_000_000

/** A validated POST authorization body. */
export interface AuthorizationInput {
  account_number: number
  reference?: string
  financing_option: { transaction_type: TransactionType; plan_id?: number; term?: number }
  amount: number
  auto_capture: boolean
  sku_data?: SkuData
}
export interface AmountInput {
  amount?: number
  reference?: string
  sku_data?: SkuData
}
export interface ReturnInput extends AmountInput {
  full_return?: boolean
}
export interface RefundInput extends AmountInput {
  capture_id?: number
}

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
  return remainingCents(auth) > 0 ? AUTHORIZATION_STATUS.open : AUTHORIZATION_STATUS.closed
}
/** What of a capture can still be returned or refunded. */
export function captureRemainingCents(capture: CaptureState): number {
  return capture.amount_cents - sum(capture.returns.map((r) => r.amount_cents)) - sum(capture.refunds.map((r) => r.amount_cents))
}

function findAccount(core: SandboxCore, clientId: string, accountNumber: number): AccountState {
  const account = core.state.accountsOf(clientId).get(accountNumber)
  if (!account) throw documented("not_found", "Customer account not found")
  return account
}

function openAuthorization(core: SandboxCore, clientId: string, authorizationId: number): AuthorizationState {
  const auth = core.state.findAuthorization(clientId, authorizationId)
  if (!auth) throw documented("not_found", "Authorization not found")
  if (remainingCents(auth) <= 0) throw documented("authorization_ended")
  return auth
}

/** Account statuses (Customers Endpoints): N is the only one that allows purchases. */
function checkPurchaser(account: AccountState): void {
  // INFERENCE: frozen, charged-off and closed accounts are "not active"; an N account whose reason
  // code is not NNOR, or status A (authorizations prohibited), cannot purchase.
  if (["F", "Z", "C"].includes(account.account_status)) throw documented("user_not_active")
  if (account.account_status !== "N" || account.account_status_reason_code !== "NNOR") {
    throw documented("user_not_able_to_purchase")
  }
}

const NON_PRIME_RATINGS = ["XH", "XXH", "XXXH"]

/** Authorized in the last 24 hours on this account, less what was released of it. */
function paymentsLast24hCents(core: SandboxCore, clientId: string, accountNumber: number): number {
  const since = core.clock.now() - DAY_MS
  return sum(
    [...core.state.authorizations.values()]
      .filter((a) => a.client_id === clientId && a.account_number === accountNumber && a.creation_date > since)
      .map((a) => a.amount_cents - releasedCents(a))
  )
}

/**
 * POST authorization's business rules, in the order the sandbox checks them. The amount actually
 * booked can differ from the request by the tamper_amount_next fault.
 */
export function createAuthorization(core: SandboxCore, clientId: string, request: AuthorizationInput, amountCents: number): AuthorizationState {
  const account = findAccount(core, clientId, request.account_number)
  const merchant = core.state.clients.get(clientId)?.merchant ?? {}
  checkPurchaser(account)
  if (merchant.preauthorization === false && !request.auto_capture) throw documented("auth_not_allowed")
  const { transaction_type, plan_id, term } = request.financing_option
  let totalCents = amountCents
  if (transaction_type === "promotional_purchase") {
    if (term === undefined || plan_id === undefined) throw documented("plan_term_not_set")
    if (!isPlanTermOffered(plan_id, term)) {
      throw documented("plan_term_not_available", `Plan ${plan_id} with term ${term} is not available`)
    }
    totalCents = planTotalCents(amountCents, plan_id, term)
  } else if (NON_PRIME_RATINGS.includes(account.risk_rating) && !merchant.nonprime_regular_purchase) {
    throw documented("merchant_not_support_nonprime_regularpurchase")
  }
  if (paymentsLast24hCents(core, clientId, account.account_number) + amountCents > DAILY_PAYMENTS_LIMIT_CENTS) {
    throw documented("limit_payment_amount_24")
  }
  // INFERENCE: not_enough_credit when nothing is available at all; credit_exceeded ("amount
  // requested plus interest is greater than the available credit") otherwise.
  if (account.available_credit_cents <= 0) throw documented("not_enough_credit")
  if (totalCents > account.available_credit_cents) throw documented("credit_exceeded")
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
    sku_data: request.sku_data,
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
  request: AmountInput & { amount: number }
): Record<string, unknown> {
  const auth = openAuthorization(core, clientId, authorizationId)
  const amountCents = centsOf(request.amount)
  if (amountCents > remainingCents(auth)) {
    throw documented("auth_amount_exceeded", "Capture amount is greater than the remaining credit authorization amount")
  }
  const capture = { ...newCapture(core, amountCents, request.reference, core.clock.now()), sku_data: request.sku_data }
  auth.captures.push(capture)
  core.state.counters.captures += 1
  return {
    capture_id: capture.capture_id,
    authorization_id: auth.authorization_id,
    amount: dollarsOf(amountCents),
    reference: capture.reference ?? null,
    date: iso(capture.date),
    remaining_authorization_amount: dollarsOf(remainingCents(auth)),
  }
}

/** Omitted amount releases everything that remains (the release body is not documented). */
export function releaseAuthorization(core: SandboxCore, clientId: string, authorizationId: number, request: AmountInput): Record<string, unknown> {
  const auth = openAuthorization(core, clientId, authorizationId)
  const amountCents = request.amount === undefined ? remainingCents(auth) : centsOf(request.amount)
  if (amountCents > remainingCents(auth)) {
    throw documented("auth_amount_exceeded", "Release amount is greater than the remaining credit authorization amount")
  }
  auth.releases.push({ amount_cents: amountCents, reference: request.reference, date: core.clock.now() })
  findAccount(core, clientId, auth.account_number).available_credit_cents += amountCents
  core.state.counters.releases += 1
  // released_amount is the authorization's total, as in authorizationSchema; amount is this call's.
  return {
    authorization_id: auth.authorization_id,
    amount: dollarsOf(amountCents),
    released_amount: dollarsOf(releasedCents(auth)),
    remaining_authorization_amount: dollarsOf(remainingCents(auth)),
    status: statusOf(auth),
  }
}

export function returnCapture(core: SandboxCore, clientId: string, authorizationId: number, captureId: number, request: ReturnInput): Record<string, unknown> {
  const auth = core.state.findAuthorization(clientId, authorizationId)
  const capture = auth?.captures.find((c) => c.capture_id === captureId)
  if (!auth || !capture) throw documented("not_found", "Authorization or capture not found")
  if (auth.transaction_type !== "promotional_purchase") throw documented("wrong_transaction_type")
  if (core.clock.now() - capture.date > RETURN_WINDOW_DAYS * DAY_MS) throw documented("return_date_exceeded")
  const amountCents = request.amount === undefined ? captureRemainingCents(capture) : centsOf(request.amount)
  if (amountCents <= 0 || amountCents > captureRemainingCents(capture)) throw documented("capture_amount_exceeded")
  const record = {
    return_id: core.state.nextId("return"),
    amount_cents: amountCents,
    // full_return is recorded as sent; the amount alone decides what is returned.
    full_return: request.full_return ?? false,
    reference: request.reference,
    date: core.clock.now(),
    sku_data: request.sku_data,
  }
  capture.returns.push(record)
  findAccount(core, clientId, auth.account_number).available_credit_cents += amountCents
  core.state.counters.returns += 1
  return {
    return_id: record.return_id,
    reference: record.reference ?? null,
    capture_id: capture.capture_id,
    date: iso(record.date),
    amount: dollarsOf(amountCents),
    remaining_capture_amount: dollarsOf(captureRemainingCents(capture)),
    remaining_authorization_amount: dollarsOf(remainingCents(auth)),
  }
}

/** What the customer owes on the account from this client's captures, less returns and refunds. */
export function accountBalanceCents(core: SandboxCore, clientId: string, accountNumber: number): number {
  return sum(
    [...core.state.authorizations.values()]
      .filter((a) => a.client_id === clientId && a.account_number === accountNumber)
      .flatMap((a) => a.captures.map(captureRemainingCents))
  )
}

export function refundAccount(core: SandboxCore, clientId: string, accountNumber: number, request: RefundInput & { amount: number }): void {
  const account = findAccount(core, clientId, accountNumber)
  const captures = [...core.state.authorizations.values()]
    .filter((a) => a.client_id === clientId && a.account_number === accountNumber)
    .flatMap((a) => a.captures)
  const amountCents = centsOf(request.amount)
  // Without capture_id (docs silent) the refund goes against the newest capture with money left.
  const capture =
    request.capture_id === undefined
      ? [...captures].reverse().find((c) => captureRemainingCents(c) >= amountCents)
      : captures.find((c) => c.capture_id === request.capture_id)
  if (request.capture_id !== undefined && !capture) throw documented("not_found", "Capture not found for this account")
  // "Refund amount exceeds account balance limit": the account's balance bounds every refund.
  if (amountCents > accountBalanceCents(core, clientId, accountNumber) || !capture) {
    throw documented("refunds_limit_exceeded_amount")
  }
  // INFERENCE: a refund is also bounded by what remains of the capture it names.
  if (amountCents > captureRemainingCents(capture)) throw documented("refunds_limit_exceeded_amount")
  capture.refunds.push({
    refund_id: core.state.nextId("refund"),
    amount_cents: amountCents,
    reference: request.reference,
    date: core.clock.now(),
  })
  account.available_credit_cents += amountCents
  core.state.counters.refunds += 1
}

/** GET authorization's answer: its shape is not public, this one is docs/assumptions.md's assumption 3. */
export function authorizationView(auth: AuthorizationState): Record<string, unknown> {
  return {
    authorization_id: auth.authorization_id,
    account_number: auth.account_number,
    reference: auth.reference ?? null,
    status: statusOf(auth),
    transaction_type: auth.transaction_type,
    plan_id: auth.plan_id ?? null,
    term: auth.term ?? null,
    amount: dollarsOf(auth.amount_cents),
    captured_amount: dollarsOf(capturedCents(auth)),
    released_amount: dollarsOf(releasedCents(auth)),
    remaining_authorization_amount: dollarsOf(remainingCents(auth)),
    auto_capture: auth.auto_capture,
    creation_date: iso(auth.creation_date),
    captures: auth.captures.map((c) => ({
      capture_id: c.capture_id,
      amount: dollarsOf(c.amount_cents),
      reference: c.reference ?? null,
      date: iso(c.date),
      returned_amount: dollarsOf(sum(c.returns.map((r) => r.amount_cents))),
    })),
  }
}

/** The control view: everything, including returns, refunds and releases (dollars). */
export function authorizationFullView(auth: AuthorizationState): Record<string, unknown> {
  return {
    ...authorizationView(auth),
    client_id: auth.client_id,
    sku_data: auth.sku_data ?? null,
    captures: auth.captures.map((c) => ({
      capture_id: c.capture_id,
      amount: dollarsOf(c.amount_cents),
      reference: c.reference ?? null,
      date: iso(c.date),
      remaining_capture_amount: dollarsOf(captureRemainingCents(c)),
      sku_data: c.sku_data ?? null,
      returns: c.returns.map((r) => ({
        return_id: r.return_id,
        amount: dollarsOf(r.amount_cents),
        full_return: r.full_return,
        reference: r.reference ?? null,
        date: iso(r.date),
        sku_data: r.sku_data ?? null,
      })),
      refunds: c.refunds.map((r) => ({
        refund_id: r.refund_id,
        amount: dollarsOf(r.amount_cents),
        reference: r.reference ?? null,
        date: iso(r.date),
      })),
    })),
    releases: auth.releases.map((r) => ({
      amount: dollarsOf(r.amount_cents),
      reference: r.reference ?? null,
      date: iso(r.date),
    })),
  }
}
