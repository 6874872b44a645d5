import type { Logger } from "@medusajs/framework/types"
import type { PaymentsDeps } from "./deps"
import { checkoutOf, moneyContextOf, paymentDataFor } from "./reads"
import type { AuthorizedCheckout } from "./steps/money-movements"
import { releaseAbandoned, releaseOrMarkPending } from "./steps/release"
import { giveBackUnrecorded } from "./steps/return-without-order"

type SessionData = Record<string, unknown> | undefined

/**
 * Medusa cancels a payment (order cancelled, or an order that failed after authorization):
 * releases what remains. Returns the session data Medusa keeps.
 */
export async function cancelPayment(
  deps: PaymentsDeps,
  args: { sessionId: unknown; data: SessionData; idempotencyKey?: string; logger?: Logger }
): Promise<SessionData> {
  const checkout = await checkoutOf(deps, args.sessionId)
  if (!checkout?.authorization_id) {
    return args.data // nothing was authorized at Flexiti
  }
  const sessionId = checkout.payment_session_id
  const referenceKey = args.idempotencyKey ?? `${sessionId}-cancel`
  if (!(await deps.medusa.paymentOfSession(sessionId))) {
    // Medusa could not record the payment it authorized: nothing will ever hold this money.
    const ctx = await moneyContextOf(deps, checkout as AuthorizedCheckout, args.logger)
    const { authorization, held_by } = await giveBackUnrecorded(ctx, referenceKey, args.logger)
    if (held_by) return args.data // another completion recorded its payment: that order keeps it
    const current = (await deps.checkouts.read(sessionId))!
    return authorization ? await paymentDataFor(deps, current, authorization) : { ...(args.data ?? {}), release_pending: true }
  }
  const authorization = await releaseOrMarkPending(await moneyContextOf(deps, checkout as AuthorizedCheckout, args.logger), referenceKey, args.logger)
  const current = (await deps.checkouts.read(sessionId))!
  if (!authorization) {
    return { ...(args.data ?? {}), release_pending: true }
  }
  return paymentDataFor(deps, current, authorization)
}

/**
 * A session dropped before it became a payment: releases anything an authorize attempt left
 * open. A session an order's payment came from is left alone: Medusa deletes sessions when a
 * shopper starts another one on the same collection, and that must not touch a placed order
 * (checked inside the money lock, steps/release.ts).
 */
export async function deletePayment(deps: PaymentsDeps, args: { sessionId: unknown; logger?: Logger }): Promise<void> {
  const checkout = await checkoutOf(deps, args.sessionId)
  if (!checkout?.authorization_id || checkout.release_state === "released") return
  await releaseAbandoned(await moneyContextOf(deps, checkout as AuthorizedCheckout, args.logger), `${checkout.payment_session_id}-delete`, args.logger)
}
