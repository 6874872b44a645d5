import { FLEXITI_PROVIDER_ID } from "../lib/vocabulary"
import type {
  BigNumberInput,
  BigNumberRawValue,
  IPaymentModuleService,
  PaymentCollectionDTO,
  PaymentCollectionUpdatableFields,
  UpdatePaymentDTO,
} from "@medusajs/framework/types"
import { BigNumber, MathBN, MedusaError, Modules, PaymentCollectionStatus } from "@medusajs/framework/utils"
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
 * A partially captured payment IS released: this is the "ship part, release the rest" case the
 * order widget offers; refusing it would leave the merchant no way to release a remainder short
 * of cancelling the whole order.
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
  const amount = payment.raw_amount ?? payment.amount
  if (payment.captured_at || MathBN.gte(captured, amount)) {
    throw new MedusaError(MedusaError.Types.INVALID_DATA, `Payment ${payment.id} is fully captured: nothing remains to release`)
  }
  return new StepResponse({
    payment_id: payment.id,
    payment_collection_id: payment.payment_collection_id,
    captured: captured.toString(),
    released: MathBN.sub(amount, captured).toString(),
  })
})

/** The payment fields this step writes; Medusa 2.21.2's `UpdatePaymentDTO` types only `id`, its service writes any field of the payment. */
type PaymentRecordUpdate = UpdatePaymentDTO & { canceled_at: Date | null; captured_at: Date; amount: BigNumberInput }

/**
 * Calls the payment module's cancelPayment: the provider releases what remains at Flexiti, under
 * the session's money lock, exactly as for an order Medusa cancels. Not compensable: a release
 * cannot be undone at Flexiti. Errors are not swallowed (unlike core's cancelPaymentStep), so the
 * admin sees Flexiti's refusal.
 *
 * Then records in Medusa what Flexiti kept (README "What Medusa's order page shows"):
 * - nothing captured: the payment stays canceled, and its collection too, as when an uncaptured
 *   order is canceled;
 * - something captured: Medusa 2.21.2's `cancelPayment` sets `canceled_at` whatever the captures,
 *   and its order page then shows the whole authorization "Canceled" although the captured money
 *   was kept. The payment is recorded instead as captured for what Flexiti kept: its amount
 *   becomes the captured amount and `captured_at` is set (Medusa then offers no further capture,
 *   and refunds of the captures stay possible), and the collection's amount drops by what was
 *   released, so its captured amount covers it (status completed, nothing pending). The order's
 *   `payment_status` follows from the collection (captured, or partially refunded).
 */
export const cancelFlexitiPaymentStep = createStep(
  "cancel-flexiti-payment",
  async (input: { payment_id: string; payment_collection_id: string; captured: string; released: string }, { container }) => {
    const payments = container.resolve<IPaymentModuleService>(Modules.PAYMENT)
    const canceled = await payments.cancelPayment(input.payment_id)
    if (!MathBN.gt(input.captured, 0)) {
      await payments.updatePaymentCollections(input.payment_collection_id, { status: "canceled" } as never).catch(() => undefined)
      return new StepResponse(canceled)
    }
    const capturedAt = new Date()
    const kept: PaymentRecordUpdate = { id: input.payment_id, canceled_at: null, captured_at: capturedAt, amount: new BigNumber(input.captured) }
    const payment = await payments.updatePayment(kept)
    const collection = (await payments.retrievePaymentCollection(input.payment_collection_id, {
      select: ["id", "amount", "raw_amount", "captured_amount", "raw_captured_amount"],
    })) as PaymentCollectionDTO & { raw_amount?: BigNumberRawValue; raw_captured_amount?: BigNumberRawValue }
    const amount = MathBN.sub(collection.raw_amount ?? collection.amount, input.released)
    const captured = collection.raw_captured_amount ?? collection.captured_amount ?? 0
    await payments.updatePaymentCollections(input.payment_collection_id, {
      amount: new BigNumber(amount),
      ...(MathBN.gte(captured, amount) ? { status: PaymentCollectionStatus.COMPLETED, completed_at: capturedAt } : {}),
    } as PaymentCollectionUpdatableFields)
    return new StepResponse(payment)
  }
)

export const releaseFlexitiAuthorizationWorkflow = createWorkflow("release-flexiti-authorization", (input: ReleaseFlexitiAuthorizationInput) => {
  const checked = validateFlexitiReleaseStep(input)
  const payment = cancelFlexitiPaymentStep(checked)
  return new WorkflowResponse(payment)
})
