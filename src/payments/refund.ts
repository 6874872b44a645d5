import type { Logger } from "@medusajs/framework/types"
import { MedusaError } from "@medusajs/framework/utils"
import type { Dollars } from "../lib/money"
import type { PaymentsDeps } from "./deps"
import { authorizedCheckoutOf, moneyContextOf, paymentDataFor } from "./reads"
import { refundOnFlexiti } from "./steps/money-movements"

/** Settles one Medusa refund on Flexiti, under the session's money lock, and returns the ledger. */
export async function refundPayment(
  deps: PaymentsDeps,
  args: { sessionId: unknown; medusaRefundId?: string; amount: Dollars; logger?: Logger }
): Promise<Record<string, unknown>> {
  const checkout = await authorizedCheckoutOf(deps, args.sessionId, "refund")
  const refundId = args.medusaRefundId
  if (!refundId) {
    throw new MedusaError(MedusaError.Types.NOT_ALLOWED, "Flexiti: Medusa gave no refund to settle; nothing was refunded.")
  }
  const paymentId = await deps.medusa.paymentOfSession(checkout.payment_session_id)
  return deps.lock(checkout.payment_session_id, async () => {
    const ctx = await moneyContextOf(deps, checkout, args.logger)
    const live = paymentId ? await deps.medusa.refundsOfPayment(paymentId) : []
    await refundOnFlexiti(ctx, { medusaRefundId: refundId, amount: args.amount, liveMedusaRefundIds: live.map((r) => r.id) })
    return paymentDataFor(deps, checkout, await ctx.client.getAuthorization(Number(checkout.authorization_id)))
  })
}
