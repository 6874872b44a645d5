import { FLEXITI_PROVIDER_ID } from "../lib/vocabulary"
import type { IPaymentModuleService } from "@medusajs/framework/types"
import { MathBN, MedusaError, Modules } from "@medusajs/framework/utils"
import { createStep, createWorkflow, StepResponse, WorkflowResponse } from "@medusajs/framework/workflows-sdk"

export interface ReleaseFlexitiAuthorizationInput {
  payment_id: string
}

/**
 * Refuses what would leave Medusa and Flexiti disagreeing:
 * - not a Flexiti payment, or no Flexiti authorization on it;
 * - already canceled (nothing to release);
 * - fully captured (Medusa set captured_at: nothing remains at Flexiti either).
 *
 * A partially captured payment IS released. Medusa's `paymentModule.cancelPayment` (2.21.2)
 * calls the provider, stores the returned data and sets `canceled_at` whatever the captures;
 * afterwards Medusa refuses any further capture ("has been canceled") while refunds of the
 * existing captures stay possible. The provider's `cancelPayment` releases exactly what remains
 * at Flexiti and closes the authorization, so both sides agree: captured amounts stand and are
 * refundable, nothing more can be captured. This is the "ship part, release the rest" case the
 * order widget offers; refusing it would leave the merchant no way to release a remainder
 * short of cancelling the whole order.
 */
export const validateFlexitiReleaseStep = createStep("validate-flexiti-release", async (input: ReleaseFlexitiAuthorizationInput, { container }) => {
  const payments = container.resolve<IPaymentModuleService>(Modules.PAYMENT)
  const payment = await payments.retrievePayment(input.payment_id, {
    select: ["id", "provider_id", "data", "amount", "raw_amount", "canceled_at", "captured_at", "payment_collection_id"],
    relations: ["captures"],
  })
  if (payment.provider_id !== FLEXITI_PROVIDER_ID) {
    throw new MedusaError(MedusaError.Types.INVALID_DATA, `Payment ${payment.id} is not a Flexiti payment`)
  }
  const data = (payment.data ?? {}) as { authorization_id?: number }
  if (!data.authorization_id) {
    throw new MedusaError(MedusaError.Types.INVALID_DATA, `Payment ${payment.id} has no Flexiti authorization to release`)
  }
  if (payment.canceled_at) {
    throw new MedusaError(MedusaError.Types.INVALID_DATA, `Payment ${payment.id} was already canceled: nothing remains to release`)
  }
  const captured = (payment.captures ?? []).reduce((sum, c) => MathBN.add(sum, c.raw_amount ?? c.amount), MathBN.convert(0))
  if (payment.captured_at || MathBN.gte(captured, payment.raw_amount ?? payment.amount)) {
    throw new MedusaError(MedusaError.Types.INVALID_DATA, `Payment ${payment.id} is fully captured: nothing remains to release`)
  }
  return new StepResponse({
    payment_id: payment.id,
    payment_collection_id: payment.payment_collection_id,
    has_captures: MathBN.gt(captured, 0),
  })
})

/**
 * Calls the payment module's cancelPayment (→ the provider releases the remainder at Flexiti).
 * Not compensable: a release cannot be undone at Flexiti. Errors are not swallowed (unlike
 * core's cancelPaymentStep), so the admin sees Flexiti's refusal.
 */
export const cancelFlexitiPaymentStep = createStep(
  "cancel-flexiti-payment",
  async (input: { payment_id: string; payment_collection_id: string; has_captures: boolean }, { container }) => {
    const payments = container.resolve<IPaymentModuleService>(Modules.PAYMENT)
    const payment = await payments.cancelPayment(input.payment_id)
    if (!input.has_captures) {
      // Nothing was captured: the collection is over, as when an uncaptured order is canceled.
      // With captures, the collection keeps Medusa's own status (partially captured).
      await payments.updatePaymentCollections(input.payment_collection_id, { status: "canceled" } as never).catch(() => undefined)
    }
    return new StepResponse(payment)
  }
)

export const releaseFlexitiAuthorizationWorkflow = createWorkflow("release-flexiti-authorization", (input: ReleaseFlexitiAuthorizationInput) => {
  const checked = validateFlexitiReleaseStep(input)
  const payment = cancelFlexitiPaymentStep(checked)
  return new WorkflowResponse(payment)
})
