import type { Logger } from "@medusajs/framework/types"
import { Authorization } from "../../flexiti/schemas"
import { addDollars, Dollars, isPositive, ZERO_DOLLARS } from "../../lib/money"
import { paymentDataOf, refundableOf } from "./authorization-ledger"
import { heldByOrder } from "./held-by-order"
import { MoneyContext, refundOnFlexiti } from "./money-movements"
import { releaseOnFlexiti } from "./release-on-flexiti"

/**
 * Gives back what Flexiti captured for a payment session that no Medusa payment holds (an
 * auto-capture whose answer was lost, or whose order failed after Flexiti captured): the shopper
 * was charged and has no order. It goes through the refund path Medusa's refunds use, so each
 * piece is a return against its capture or an account refund as Flexiti's rules require, recorded
 * by what it moves and never sent twice. The caller holds the session's money lock and has checked
 * that no Medusa payment exists. Returns the amount given back now ("0.00" when nothing was left).
 */
export async function returnCapturedWithoutOrder(ctx: MoneyContext, authorization: Authorization): Promise<Dollars> {
  const movements = await ctx.deps.movements.list(ctx.checkout.payment_session_id)
  const refundable = addDollars(...paymentDataOf(ctx.checkout, authorization, movements).captures.map(refundableOf))
  if (!isPositive(refundable)) return ZERO_DOLLARS
  // Every earlier piece is accounted for by its own id: none may be taken as part of this return.
  const earlier = movements.map((m) => m.medusa_id).filter((id): id is string => !!id)
  await refundOnFlexiti(ctx, { medusaRefundId: `no-order-return:${Date.now()}`, amount: refundable, liveMedusaRefundIds: earlier })
  return refundable
}

/**
 * Medusa asked Flexiti for an authorization and then could not record it (its payment module
 * cancels at the provider when writing the payment fails, e.g. the session was replaced
 * meanwhile): no Medusa payment and no order will ever hold it. Everything goes back: what remains
 * is released and what Flexiti captured at checkout is returned. When Flexiti cannot be reached
 * the release is left pending and the reconciler gives it back later.
 */
export async function giveBackUnrecorded(
  ctx: MoneyContext,
  referenceKey: string,
  logger?: Logger
): Promise<{ authorization?: Authorization; returned: Dollars; held_by?: string }> {
  const sessionId = ctx.checkout.payment_session_id
  try {
    return await ctx.deps.lock(sessionId, async () => {
      // Another completion of this session may have recorded its payment meanwhile (Medusa lets
      // two authorizations of one session race; the loser cancels): that payment keeps it all.
      const held = await heldByOrder(ctx, logger)
      if (held) return { returned: ZERO_DOLLARS, held_by: held.payment_id }
      const authorization = await releaseOnFlexiti(ctx, referenceKey)
      const returned = await returnCapturedWithoutOrder(ctx, authorization)
      await ctx.deps.checkouts.write({ payment_session_id: sessionId, release_state: "released", release_error: null })
      if (isPositive(returned)) logger?.warn(`Flexiti: session ${sessionId}: Medusa could not record its payment; returned $${returned} Flexiti had captured.`)
      return { authorization: await ctx.client.getAuthorization(authorization.authorization_id), returned }
    })
  } catch (error) {
    const message = (error as Error).message
    await ctx.deps.checkouts.write({ payment_session_id: sessionId, release_state: "pending", release_error: message })
    logger?.warn(`Flexiti: giving back session ${sessionId} is pending (retried by the reconciler): ${message}`)
    return { returned: ZERO_DOLLARS }
  }
}
