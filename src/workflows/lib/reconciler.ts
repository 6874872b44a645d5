/**
 * The reconciler: nothing lost at Flexiti, nothing left open that no order holds.
 *
 * - authorizes orders placed while Flexiti reviewed the shopper's application once Flexiti
 *   approves, and cancels them past a deadline;
 * - retries releases Flexiti did not confirm (an order cancelled while Flexiti was unreachable);
 * - finds authorizations whose answer was lost before the plugin recorded them;
 * - gives back authorizations no Medusa payment took once a grace period has passed since the
 *   authorization attempt: releases what remains and returns what Flexiti captured (auto-capture)
 *   with no order behind it;
 * - flags Medusa payments that look open while Flexiti's authorization is closed.
 *
 * Each kind of work has its own batch, chosen in SQL and taken least recently reconciled first,
 * so placed orders never crowd out abandoned authorizations and a backlog is worked through over
 * successive runs; each run stops starting new checks once it has made `reconcile_call_budget`
 * Flexiti calls. Every action goes through the same money lock and records as the provider does,
 * so it is safe to run on several instances at once and next to live checkouts.
 */
import type { IPaymentModuleService, MedusaContainer } from "@medusajs/framework/types"
import { ContainerRegistrationKeys, MathBN, Modules } from "@medusajs/framework/utils"
import { authorizePaymentSessionForOrderWorkflow, cancelOrderWorkflow } from "@medusajs/medusa/core-flows"
import { isAuthorizationOpen } from "../../flexiti/assumptions"
import { newReferenceId } from "../../flexiti/reference-id"
import {
  listAbandonedAuthorizations,
  listInReview,
  listOpenOrderAuthorizations,
  listPendingReleases,
  listUnrecordedAttempts,
  markReconciled,
  writeCheckout,
} from "../../modules/flexiti/stores/checkout-store"
import { FlexitiCheckoutState } from "../../modules/flexiti/types"
import { appendCallLog } from "../../modules/flexiti/stores/call-log-store"
import { PgConnection } from "../../modules/flexiti/stores/connection"
import { declaredProviderOptions, runtimeConfigOf } from "../../config/from-container"
import { readHostedOutcome } from "../../payments"
import { MoneyContext, pgPaymentsDeps } from "../../payments"
import { AbandonedReleaseOutcome, releaseAbandoned } from "../../payments"
import { isPositive, toDollars } from "../../lib/money"
import type { RuntimeConfig } from "../../config/resolver"
import { emptyReconcileReport, ReconcileReport } from "../../lib/reconcile-report"
import { findAuthorizationByReference } from "../../payments"
import { CanceledOrderPayment, finishCanceledOrderRefund, unrefundedCapture } from "../../payments"

export { emptyReconcileReport }
export type { ReconcileReport }

export const DEFAULT_RELEASE_UNPAID_AFTER_MINUTES = 60
export const DEFAULT_PENDING_ORDER_DEADLINE_HOURS = 72
/** Flexiti calls one run may start (the job runs every 15 minutes; Flexiti publishes no rate limit) */
export const DEFAULT_RECONCILE_CALL_BUDGET = 300
/** how far back the reconciler searches Flexiti for authorizations whose answer was lost */
const LOOKBACK_DAYS = 7
/** checkouts per batch, for each kind of work */
const BATCH: Record<"reviews" | "pendingReleases" | "unrecorded" | "abandoned" | "openOrders" | "canceledOrders", number> = {
  reviews: 50,
  pendingReleases: 50,
  unrecorded: 50,
  abandoned: 100,
  openOrders: 100,
  canceledOrders: 20,
}

type AuthorizedCheckout = FlexitiCheckoutState & { authorization_id: string }

/** A client that counts the Flexiti calls made through it (each public method is one request). */
function counted(config: RuntimeConfig, onCall: () => void): RuntimeConfig {
  const client = new Proxy(config.client, {
    get(target, name, receiver) {
      const value = Reflect.get(target, name, receiver)
      if (typeof value !== "function") return value
      return (...args: unknown[]) => {
        onCall()
        return value.apply(target, args)
      }
    },
  })
  return { ...config, client }
}

export async function reconcileFlexiti(
  container: MedusaContainer,
  args: { graceMinutes?: number; pendingDeadlineHours?: number; callBudget?: number; batch?: Partial<typeof BATCH>; now?: Date } = {}
): Promise<ReconcileReport> {
  const batch = { ...BATCH, ...args.batch }
  const knex = container.resolve(ContainerRegistrationKeys.PG_CONNECTION) as PgConnection
  const options = declaredProviderOptions(container)
  const now = args.now ?? new Date()
  const grace = args.graceMinutes ?? options.release_unpaid_after_minutes ?? DEFAULT_RELEASE_UNPAID_AFTER_MINUTES
  const graceEdge = new Date(now.getTime() - grace * 60_000)
  const since = new Date(now.getTime() - LOOKBACK_DAYS * 86_400_000)
  const deadlineHours = args.pendingDeadlineHours ?? options.pending_order_deadline_hours ?? DEFAULT_PENDING_ORDER_DEADLINE_HOURS
  const report = emptyReconcileReport()
  report.call_budget = args.callBudget ?? options.reconcile_call_budget ?? DEFAULT_RECONCILE_CALL_BUDGET

  const configs = new Map<string, Promise<RuntimeConfig>>()
  const configFor = (environment: FlexitiCheckoutState["environment"]) => {
    if (!configs.has(environment)) {
      configs.set(
        environment,
        runtimeConfigOf(container, environment).then((config) => counted(config, () => (report.flexiti_calls += 1)))
      )
    }
    return configs.get(environment)!
  }
  // The money steps' records over this run's connection; their Flexiti calls count against the budget.
  const deps = pgPaymentsDeps(knex, {
    settings: (environment) => (environment ? configFor(environment) : runtimeConfigOf(container)),
    client: async (environment) => (await configFor(environment)).client,
  })
  const audit = (sessionId: string, operation: string, message: string, flexitiId?: string) =>
    appendCallLog(knex, {
      payment_session_id: sessionId,
      operation,
      reference_id: newReferenceId(),
      outcome: "success",
      message,
      flexiti_id: flexitiId ?? null,
    }).catch(() => undefined)

  /**
   * Runs `check` on each checkout while the run's Flexiti budget lasts; the rest wait for the next
   * run (they are the least recently reconciled then). Every checkout looked at is marked.
   */
  const withinBudget = async <C extends FlexitiCheckoutState>(checkouts: C[], check: (checkout: C) => Promise<void>) => {
    for (const checkout of checkouts) {
      if (report.flexiti_calls >= report.call_budget) {
        report.deferred += 1
        continue
      }
      try {
        await check(checkout)
      } catch (error) {
        report.errors.push({ payment_session_id: checkout.payment_session_id, message: (error as Error).message })
      }
      await markReconciled(knex, [checkout.payment_session_id], now).catch(() => undefined)
    }
  }

  /**
   * Gives back what a session no order took, unless a live Medusa payment holds it (checked inside
   * the money lock); a held one is flagged for the admin instead, never released.
   */
  const giveBack = async (checkout: AuthorizedCheckout, referenceKey: string) => {
    let outcome: AbandonedReleaseOutcome
    try {
      const ctx: MoneyContext = {
        deps,
        client: (await configFor(checkout.environment)).client,
        checkout,
        audit: (entry) => appendCallLog(knex, { ...entry, payment_session_id: checkout.payment_session_id }).then(() => undefined),
      }
      outcome = await releaseAbandoned(ctx, referenceKey, undefined, now.getTime())
    } catch (error) {
      outcome = { kind: "pending", message: (error as Error).message }
    }
    const sessionId = checkout.payment_session_id
    if (outcome.kind === "released") {
      if (isPositive(outcome.returned)) {
        report.returned.push({ payment_session_id: sessionId, authorization_id: checkout.authorization_id, amount: outcome.returned })
        await audit(sessionId, "reconcile_return", `returned $${outcome.returned} Flexiti had captured with no order behind it`, checkout.authorization_id)
      }
      // what this release freed (nothing when Flexiti had closed it, e.g. captured at checkout)
      return { ok: true as const, amount: toDollars(outcome.authorization.released_amount) }
    }
    if (outcome.kind === "held_by_order") {
      const reason = `a release was asked for this checkout, but Medusa payment ${outcome.payment_id} (a placed order) holds its authorization: not released`
      report.flagged.push({ payment_session_id: sessionId, payment_id: outcome.payment_id, authorization_id: checkout.authorization_id, reason })
      await audit(sessionId, "reconcile_flag", reason, checkout.authorization_id)
      return { ok: false as const, held: true as const, message: reason }
    }
    return { ok: false as const, message: outcome.message }
  }

  // 1. Orders waiting for Flexiti's review: Medusa authorizes the session again through the provider.
  await withinBudget(await listInReview(knex, batch.reviews), async (checkout) => {
    const sessionId = checkout.payment_session_id
    const outcome = await readHostedOutcome({ config: await configFor(checkout.environment), sessionId })
    if (outcome.kind === "authorization") {
      // Medusa asks the provider again, which checks the authorization as at checkout.
      await authorizePaymentSessionForOrderWorkflow(container).run({ input: { payment_session_id: sessionId } })
      report.reviews.push({ payment_session_id: sessionId, outcome: "authorized" })
      await writeCheckout(knex, { payment_session_id: sessionId, in_review_since: null })
      await audit(sessionId, "reconcile_review", "Flexiti approved the application: the order's payment is authorized")
    } else if (outcome.kind === "not_ready") {
      // Declined, failed or cancelled after the review: the order cannot be paid with Flexiti.
      await cancelOrderOfSession(container, sessionId)
      await writeCheckout(knex, { payment_session_id: sessionId, in_review_since: null })
      report.reviews.push({ payment_session_id: sessionId, outcome: "declined" })
      await audit(sessionId, "reconcile_review", `Flexiti did not approve (${outcome.reason}): the order was cancelled`)
    } else if (now.getTime() - checkout.in_review_since!.getTime() >= deadlineHours * 3_600_000) {
      await cancelOrderOfSession(container, sessionId)
      await writeCheckout(knex, { payment_session_id: sessionId, in_review_since: null })
      report.reviews.push({ payment_session_id: sessionId, outcome: "order_cancelled" })
      await audit(sessionId, "reconcile_review", `Flexiti did not approve within ${deadlineHours} hours: the order was cancelled`)
    } else {
      report.reviews.push({ payment_session_id: sessionId, outcome: "waiting" })
    }
  })

  // 2. Releases Flexiti did not confirm.
  await withinBudget((await listPendingReleases(knex, batch.pendingReleases)) as AuthorizedCheckout[], async (checkout) => {
    const outcome = await giveBack(checkout, `${checkout.payment_session_id}-reconcile`)
    if ("held" in outcome) return
    report.pending_releases_retried.push({
      payment_session_id: checkout.payment_session_id,
      released: outcome.ok,
      ...(outcome.ok ? {} : { error: outcome.message }),
    })
  })

  // 3. Authorizations no Medusa payment took: released (and captured money returned) after the grace period.
  await withinBudget(
    (await listAbandonedAuthorizations(knex, { attemptedBefore: graceEdge, limit: batch.abandoned })) as AuthorizedCheckout[],
    async (checkout) => {
      const config = await configFor(checkout.environment)
      const authorization = await config.client.getAuthorization(Number(checkout.authorization_id))
      const closedWithNothingCaptured = !isAuthorizationOpen(authorization.status) && !(authorization.captures ?? []).length
      if (closedWithNothingCaptured) {
        // Released or expired at Flexiti already: nothing to give back.
        await writeCheckout(knex, { payment_session_id: checkout.payment_session_id, release_state: "released", release_error: null })
        return
      }
      const outcome = await giveBack(checkout, `${checkout.payment_session_id}-reconcile`)
      if (outcome.ok && isPositive(outcome.amount)) {
        report.released.push({ payment_session_id: checkout.payment_session_id, authorization_id: checkout.authorization_id, amount: outcome.amount })
        await audit(checkout.payment_session_id, "reconcile_release", "released: no order took this authorization", checkout.authorization_id)
      } else if (outcome.ok) {
        return
      } else if (!("held" in outcome)) {
        report.errors.push({ payment_session_id: checkout.payment_session_id, message: outcome.message })
      }
    }
  )

  // 4. Authorizations the plugin never recorded (lost answers): found at Flexiti by reference, then given back.
  await withinBudget(await listUnrecordedAttempts(knex, { createdBefore: graceEdge, createdAfter: since, limit: batch.unrecorded }), async (checkout) => {
    const config = await configFor(checkout.environment)
    let authorizationId: number | undefined
    if (checkout.flow === "widget" && checkout.account_number) {
      authorizationId = (await findAuthorizationByReference(config, Number(checkout.account_number), checkout.payment_session_id))?.authorization_id
    } else if (checkout.flow === "hosted") {
      const outcome = await readHostedOutcome({ config, sessionId: checkout.payment_session_id })
      if (outcome.kind === "authorization") {
        const authorization = await config.client.getAuthorization(outcome.authorizationId)
        if (authorization.reference === checkout.payment_session_id) authorizationId = authorization.authorization_id
      }
    }
    if (!authorizationId) return
    const recorded = (await writeCheckout(knex, {
      payment_session_id: checkout.payment_session_id,
      authorization_id: String(authorizationId),
    })) as AuthorizedCheckout
    report.recovered.push({ payment_session_id: checkout.payment_session_id, authorization_id: String(authorizationId) })
    await audit(checkout.payment_session_id, "reconcile_recover", "found an authorization whose answer was lost", String(authorizationId))
    const outcome = await giveBack(recorded, `${checkout.payment_session_id}-reconcile`)
    if (outcome.ok) {
      if (isPositive(outcome.amount))
        report.released.push({ payment_session_id: checkout.payment_session_id, authorization_id: String(authorizationId), amount: outcome.amount })
    } else if (!("held" in outcome)) report.errors.push({ payment_session_id: checkout.payment_session_id, message: outcome.message })
  })

  // 5. Placed orders whose Medusa payment is open: flagged when Flexiti's authorization is closed.
  const payments = container.resolve<IPaymentModuleService>(Modules.PAYMENT)
  await withinBudget((await listOpenOrderAuthorizations(knex, { limit: batch.openOrders })) as AuthorizedCheckout[], async (checkout) => {
    const [payment] = await payments.listPayments({ payment_session_id: checkout.payment_session_id }, { relations: ["captures"] })
    if (!payment) return
    const captured = (payment.captures ?? []).reduce((total, c) => MathBN.add(total, c.raw_amount ?? c.amount), MathBN.convert(0))
    if (payment.canceled_at || payment.captured_at || !MathBN.lt(captured, payment.raw_amount ?? payment.amount)) return
    const authorization = await (await configFor(checkout.environment)).client.getAuthorization(Number(checkout.authorization_id))
    if (!isAuthorizationOpen(authorization.status) || authorization.remaining_authorization_amount <= 0) {
      const reason = `Flexiti's authorization is ${authorization.status} (released $${toDollars(authorization.released_amount)}, captured $${toDollars(authorization.captured_amount)}) while Medusa still shows the payment open`
      report.flagged.push({ payment_session_id: checkout.payment_session_id, payment_id: payment.id, authorization_id: checkout.authorization_id, reason })
      await audit(checkout.payment_session_id, "reconcile_flag", reason, checkout.authorization_id)
    }
  })

  // 6. Cancelled orders whose captured money Medusa's cancel could not refund (Flexiti down, or its answer lost).
  const query = container.resolve(ContainerRegistrationKeys.QUERY)
  const unrefunded: { id: string; amount: string }[] = []
  for (let skip = 0; skip < CANCELED_ORDERS_SCANNED && unrefunded.length < batch.canceledOrders; skip += 100) {
    const { data } = await query.graph({
      entity: "order",
      fields: [
        "id",
        "payment_collections.payments.id",
        "payment_collections.payments.provider_id",
        "payment_collections.payments.captures.raw_amount",
        "payment_collections.payments.refunds.raw_amount",
      ],
      filters: { status: "canceled", canceled_at: { $gte: since } },
      pagination: { skip, take: 100, order: { canceled_at: "DESC" } },
    })
    const orders = data as { payment_collections?: { payments?: CanceledOrderPayment[] | null }[] | null }[]
    for (const payment of orders.flatMap((o) => (o.payment_collections ?? []).flatMap((pc) => pc.payments ?? []))) {
      const amount = unrefundedCapture(payment as CanceledOrderPayment)
      if (amount && unrefunded.length < batch.canceledOrders) unrefunded.push({ id: payment.id, amount })
    }
    if (orders.length < 100) break
  }
  for (const payment of unrefunded) {
    if (report.flexiti_calls >= report.call_budget) {
      report.deferred += 1
      continue
    }
    // A refund reads the authorization and sends at most one movement per capture it touches.
    report.flexiti_calls += 2
    report.canceled_order_refunds.push(await finishCanceledOrderRefund(container, payment.id, payment.amount))
  }
  return report
}

/** Cancelled orders of the look-back window read per run, newest first, looking for unrefunded captures. */
const CANCELED_ORDERS_SCANNED = 1_000

/** Cancels the order whose payment collection holds this payment session. */
async function cancelOrderOfSession(container: MedusaContainer, paymentSessionId: string): Promise<void> {
  const payments = container.resolve<IPaymentModuleService>(Modules.PAYMENT)
  const session = await payments.retrievePaymentSession(paymentSessionId, { select: ["id", "payment_collection_id"] })
  const query = container.resolve(ContainerRegistrationKeys.QUERY)
  const { data } = await query.graph({ entity: "payment_collection", fields: ["id", "order.id"], filters: { id: session.payment_collection_id } })
  const orderId = (data[0] as { order?: { id: string } } | undefined)?.order?.id
  if (orderId) await cancelOrderWorkflow(container).run({ input: { order_id: orderId } })
}
