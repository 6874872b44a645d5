/**
 * The reconciler: nothing lost at Flexiti, nothing left open that no order holds.
 *
 * - authorizes orders placed while Flexiti reviewed the shopper's application once Flexiti
 *   approves, and cancels them past a deadline;
 * - retries releases Flexiti did not confirm (an order cancelled while Flexiti was unreachable);
 * - releases authorizations Flexiti holds for payment sessions that never became a Medusa
 *   payment, once a grace period has passed (the shopper left, or the order failed after
 *   Flexiti approved), including ones whose answer was lost before the plugin recorded them;
 * - flags Medusa payments that look open while Flexiti's authorization is closed.
 *
 * Every action goes through the same money lock and records as the provider does, so it is safe
 * to run on several instances at once and next to live checkouts.
 */
import type { IPaymentModuleService, MedusaContainer } from "@medusajs/framework/types"
import { ContainerRegistrationKeys, MathBN, Modules } from "@medusajs/framework/utils"
import { authorizePaymentSessionForOrderWorkflow, cancelOrderWorkflow } from "@medusajs/medusa/core-flows"
import { isAuthorizationOpen } from "../../flexiti/assumptions"
import { newReferenceId } from "../../flexiti/reference-id"
import { listAuthorizedCheckouts, listInReview, listPendingReleases, listUnrecordedAttempts, writeCheckout } from "../../modules/flexiti/stores/checkout-store"
import { FlexitiCheckoutState } from "../../modules/flexiti/types"
import { appendCallLog } from "../../modules/flexiti/stores/call-log-store"
import { PgConnection } from "../../modules/flexiti/stores/connection"
import { declaredProviderOptions, runtimeConfigOf } from "../../config/from-container"
import { readHostedOutcome } from "../../providers/flexiti/hosted-flow"
import { MoneyContext } from "../../providers/flexiti/money-movements"
import { AbandonedReleaseOutcome, releaseAbandoned } from "../../providers/flexiti/release"
import { toDollars } from "../../lib/money"
import type { RuntimeConfig } from "../../config/resolver"
import type { ReconcileReport } from "../../lib/reconcile-report"
import { findAuthorizationByReference } from "../../providers/flexiti/widget-flow"

export type { ReconcileReport }

export const DEFAULT_RELEASE_UNPAID_AFTER_MINUTES = 60
export const DEFAULT_PENDING_ORDER_DEADLINE_HOURS = 72
/** how far back the reconciler looks for checkouts to settle or check */
const LOOKBACK_DAYS = 7

type AuthorizedCheckout = FlexitiCheckoutState & { authorization_id: string }

export async function reconcileFlexiti(
  container: MedusaContainer,
  args: { graceMinutes?: number; pendingDeadlineHours?: number; now?: Date } = {}
): Promise<ReconcileReport> {
  const knex = container.resolve(ContainerRegistrationKeys.PG_CONNECTION) as PgConnection
  const payments = container.resolve<IPaymentModuleService>(Modules.PAYMENT)
  const options = declaredProviderOptions(container)
  const now = args.now ?? new Date()
  const grace = args.graceMinutes ?? options.release_unpaid_after_minutes ?? DEFAULT_RELEASE_UNPAID_AFTER_MINUTES
  const graceEdge = new Date(now.getTime() - grace * 60_000)
  const since = new Date(now.getTime() - LOOKBACK_DAYS * 86_400_000)
  const deadlineHours = args.pendingDeadlineHours ?? options.pending_order_deadline_hours ?? DEFAULT_PENDING_ORDER_DEADLINE_HOURS
  const report: ReconcileReport = { reviews: [], released: [], pending_releases_retried: [], recovered: [], flagged: [], errors: [] }

  const configs = new Map<string, Promise<RuntimeConfig>>()
  const configFor = (environment: FlexitiCheckoutState["environment"]) => {
    if (!configs.has(environment)) configs.set(environment, runtimeConfigOf(container, environment))
    return configs.get(environment)!
  }
  const audit = (sessionId: string, operation: string, message: string, flexitiId?: string) =>
    appendCallLog(knex, { payment_session_id: sessionId, operation, reference_id: newReferenceId(), outcome: "success", message, flexiti_id: flexitiId ?? null }).catch(
      () => undefined
    )
  const paymentsOf = async (sessionIds: string[]) => {
    if (!sessionIds.length) return new Map<string, Awaited<ReturnType<typeof payments.listPayments>>[number]>()
    const found = await payments.listPayments({ payment_session_id: sessionIds }, { relations: ["captures", "payment_session"] })
    return new Map(found.map((p) => [p.payment_session?.id as string, p]))
  }

  /**
   * Releases what remains unless a live Medusa payment holds the session (checked inside the
   * money lock); a held one is flagged for the admin instead, never released.
   */
  const release = async (checkout: AuthorizedCheckout, referenceKey: string) => {
    let outcome: AbandonedReleaseOutcome
    try {
      const ctx: MoneyContext = {
        config: await configFor(checkout.environment),
        knex,
        checkout,
        audit: (entry) => appendCallLog(knex, { ...entry, payment_session_id: checkout.payment_session_id }).then(() => undefined),
      }
      outcome = await releaseAbandoned(ctx, referenceKey)
    } catch (error) {
      outcome = { kind: "pending", message: (error as Error).message }
    }
    if (outcome.kind === "released") return { ok: true as const, amount: toDollars(outcome.authorization.released_amount) }
    if (outcome.kind === "held_by_order") {
      const reason = `a release was asked for this checkout, but Medusa payment ${outcome.payment_id} (a placed order) holds its authorization: not released`
      report.flagged.push({ payment_session_id: checkout.payment_session_id, payment_id: outcome.payment_id, authorization_id: checkout.authorization_id, reason })
      await audit(checkout.payment_session_id, "reconcile_flag", reason, checkout.authorization_id)
      return { ok: false as const, held: true as const, message: reason }
    }
    return { ok: false as const, message: outcome.message }
  }
  /** The grace period counts from the authorization attempt, not from the checkout's creation. */
  const attemptedAt = (c: FlexitiCheckoutState) => c.authorization_attempted_at ?? c.created_at

  // 0. Orders waiting for Flexiti's review: Medusa authorizes the session again through the provider.
  for (const checkout of await listInReview(knex)) {
    const sessionId = checkout.payment_session_id
    try {
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
    } catch (error) {
      report.errors.push({ payment_session_id: sessionId, message: (error as Error).message })
    }
  }

  // 1. Releases Flexiti did not confirm.
  for (const checkout of await listPendingReleases(knex)) {
    const outcome = await release(checkout as AuthorizedCheckout, `${checkout.payment_session_id}-reconcile`)
    if ("held" in outcome) continue
    report.pending_releases_retried.push({ payment_session_id: checkout.payment_session_id, released: outcome.ok, ...(outcome.ok ? {} : { error: outcome.message }) })
  }

  // 2. Authorizations the plugin never recorded (lost answers): find them at Flexiti by reference.
  const attempts = await listUnrecordedAttempts(knex, { createdBefore: graceEdge, createdAfter: since })
  const attemptPayments = await paymentsOf(attempts.map((c) => c.payment_session_id))
  for (const checkout of attempts.filter((c) => !attemptPayments.has(c.payment_session_id))) {
    try {
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
      if (!authorizationId) continue
      const recorded = (await writeCheckout(knex, { payment_session_id: checkout.payment_session_id, authorization_id: String(authorizationId) })) as AuthorizedCheckout
      report.recovered.push({ payment_session_id: checkout.payment_session_id, authorization_id: String(authorizationId) })
      await audit(checkout.payment_session_id, "reconcile_recover", "found an authorization whose answer was lost", String(authorizationId))
      const outcome = await release(recorded, `${checkout.payment_session_id}-reconcile`)
      if (outcome.ok) report.released.push({ payment_session_id: checkout.payment_session_id, authorization_id: String(authorizationId), amount: outcome.amount })
      else if (!("held" in outcome)) report.errors.push({ payment_session_id: checkout.payment_session_id, message: outcome.message })
    } catch (error) {
      report.errors.push({ payment_session_id: checkout.payment_session_id, message: (error as Error).message })
    }
  }

  // 3. Recorded authorizations: release those no payment took; flag payments Flexiti closed.
  const authorized = (await listAuthorizedCheckouts(knex, { createdBefore: now, createdAfter: since })) as AuthorizedCheckout[]
  const authorizedPayments = await paymentsOf(authorized.map((c) => c.payment_session_id))
  for (const checkout of authorized) {
    const payment = authorizedPayments.get(checkout.payment_session_id)
    try {
      if (!payment) {
        if (attemptedAt(checkout) >= graceEdge) continue
        const config = await configFor(checkout.environment)
        const authorization = await config.client.getAuthorization(Number(checkout.authorization_id))
        if (!isAuthorizationOpen(authorization.status)) continue
        const outcome = await release(checkout, `${checkout.payment_session_id}-reconcile`)
        if (outcome.ok) {
          report.released.push({ payment_session_id: checkout.payment_session_id, authorization_id: checkout.authorization_id, amount: outcome.amount })
          await audit(checkout.payment_session_id, "reconcile_release", "released: no order took this authorization", checkout.authorization_id)
        } else if (!("held" in outcome)) {
          report.errors.push({ payment_session_id: checkout.payment_session_id, message: outcome.message })
        }
        continue
      }
      const captured = (payment.captures ?? []).reduce((total, c) => MathBN.add(total, c.raw_amount ?? c.amount), MathBN.convert(0))
      const open = !payment.canceled_at && !payment.captured_at && MathBN.lt(captured, payment.raw_amount ?? payment.amount)
      if (!open) continue
      const config = await configFor(checkout.environment)
      const authorization = await config.client.getAuthorization(Number(checkout.authorization_id))
      if (!isAuthorizationOpen(authorization.status) || authorization.remaining_authorization_amount <= 0) {
        const reason = `Flexiti's authorization is ${authorization.status} (released $${toDollars(authorization.released_amount)}, captured $${toDollars(authorization.captured_amount)}) while Medusa still shows the payment open`
        report.flagged.push({ payment_session_id: checkout.payment_session_id, payment_id: payment.id, authorization_id: checkout.authorization_id, reason })
        await audit(checkout.payment_session_id, "reconcile_flag", reason, checkout.authorization_id)
      }
    } catch (error) {
      report.errors.push({ payment_session_id: checkout.payment_session_id, message: (error as Error).message })
    }
  }
  return report
}

/** Cancels the order whose payment collection holds this payment session. */
async function cancelOrderOfSession(container: MedusaContainer, paymentSessionId: string): Promise<void> {
  const payments = container.resolve<IPaymentModuleService>(Modules.PAYMENT)
  const session = await payments.retrievePaymentSession(paymentSessionId, { select: ["id", "payment_collection_id"] })
  const query = container.resolve(ContainerRegistrationKeys.QUERY)
  const { data } = await query.graph({ entity: "payment_collection", fields: ["id", "order.id"], filters: { id: session.payment_collection_id } })
  const orderId = (data[0] as { order?: { id: string } } | undefined)?.order?.id
  if (orderId) await cancelOrderWorkflow(container).run({ input: { order_id: orderId } })
}
