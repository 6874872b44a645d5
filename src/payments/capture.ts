import type { Logger } from "@medusajs/framework/types"
import { MedusaError } from "@medusajs/framework/utils"
import type { PaymentsDeps } from "./deps"
import { authorizedCheckoutOf, moneyContextOf, paymentDataFor } from "./reads"
import { captureOnFlexiti } from "./steps/money-movements"

/**
 * Settles one Medusa capture on Flexiti, under the session's money lock, and returns the ledger.
 * Medusa passes the capture's id, not its amount: the capture row holds it.
 */
export async function capturePayment(
  deps: PaymentsDeps,
  args: { sessionId: unknown; medusaCaptureId?: string; logger?: Logger }
): Promise<Record<string, unknown>> {
  const checkout = await authorizedCheckoutOf(deps, args.sessionId, "capture")
  const row = args.medusaCaptureId ? await deps.medusa.captureRow(args.medusaCaptureId) : undefined
  if (!row) {
    throw new MedusaError(MedusaError.Types.NOT_ALLOWED, "Flexiti: Medusa gave no capture to settle; nothing was captured.")
  }
  return deps.lock(checkout.payment_session_id, async () => {
    // Read under the lock: a release that finished while this capture waited for it counts.
    // Once released (the panel's "Release remaining", an order cancel), or while the release
    // awaits Flexiti's confirmation, the remainder is given back: nothing is captured from it.
    const state = (await deps.checkouts.read(checkout.payment_session_id))?.release_state
    if (state) {
      throw new MedusaError(
        MedusaError.Types.NOT_ALLOWED,
        state === "released"
          ? "Flexiti: the rest of this authorization was released; nothing more can be captured on this payment."
          : "Flexiti: the rest of this authorization is being released; nothing more can be captured on this payment."
      )
    }
    const ctx = await moneyContextOf(deps, checkout, args.logger)
    const live = await deps.medusa.capturesOfPayment(row.payment_id)
    await captureOnFlexiti(ctx, { medusaCaptureId: row.id, amount: row.amount, liveMedusaCaptureIds: live.map((c) => c.id) })
    return paymentDataFor(deps, checkout, await ctx.client.getAuthorization(Number(checkout.authorization_id)))
  })
}
