import type { Logger } from "@medusajs/framework/types"
import type { MoneyContext } from "./money-movements"

/**
 * The live Medusa payment (a placed order) that holds a session's authorization, if any; noted on
 * the checkout for the admin. Every release of money no order took asks this inside the session's
 * money lock, so a release never voids a placed order.
 */
export async function heldByOrder(ctx: MoneyContext, logger?: Logger): Promise<{ kind: "held_by_order"; payment_id: string } | undefined> {
  const sessionId = ctx.checkout.payment_session_id
  const paymentId = await ctx.deps.medusa.livePaymentOfSession(sessionId)
  if (!paymentId) return undefined
  const note = `not released: Medusa payment ${paymentId} (a placed order) holds this authorization`
  await ctx.deps.checkouts.write({ payment_session_id: sessionId, release_state: null, release_error: note })
  logger?.warn(`Flexiti: session ${sessionId}: ${note}.`)
  return { kind: "held_by_order", payment_id: paymentId }
}
