import { Authorization } from "../../flexiti/schemas"
import { listMovements } from "../../modules/flexiti/stores/movement-store"
import { addDollars, Dollars, isPositive } from "../../lib/money"
import { paymentDataOf, refundableOf } from "./authorization-ledger"
import { MoneyContext, refundOnFlexiti } from "./money-movements"

/**
 * Gives back what Flexiti captured for a payment session that no Medusa payment holds (an
 * auto-capture whose answer was lost, or whose order failed after Flexiti captured): the shopper
 * was charged and has no order. It goes through the refund path Medusa's refunds use, so each
 * piece is a return against its capture or an account refund as Flexiti's rules require, recorded
 * by what it moves and never sent twice. The caller holds the session's money lock and has checked
 * that no Medusa payment exists. Returns the amount given back now ("0.00" when nothing was left).
 */
export async function returnCapturedWithoutOrder(ctx: MoneyContext, authorization: Authorization): Promise<Dollars> {
  const movements = await listMovements(ctx.knex, ctx.checkout.payment_session_id)
  const refundable = addDollars(...paymentDataOf(ctx.checkout, authorization, movements).captures.map(refundableOf))
  if (!isPositive(refundable)) return "0.00"
  // Every earlier piece is accounted for by its own id: none may be taken as part of this return.
  const earlier = movements.map((m) => m.medusa_id).filter((id): id is string => !!id)
  await refundOnFlexiti(ctx, { medusaRefundId: `no-order-return:${Date.now()}`, amount: refundable, liveMedusaRefundIds: earlier })
  return refundable
}
