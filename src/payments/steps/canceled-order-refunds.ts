/**
 * Medusa's order cancel refunds what each payment captured, but its refund step only logs a
 * provider error and the order is cancelled anyway: when Flexiti is down, or its answer to the
 * return is lost, the cancelled order keeps captured money Medusa never refunded. This finishes
 * those refunds through Medusa's payment module, so the provider's content-keyed path decides
 * what still has to move: a return Flexiti applied whose answer was lost is confirmed on Flexiti's
 * authorization and recorded without sending it again; one Flexiti never received is sent; an
 * account refund that cannot be read back stays in the order panel for the admin to resolve.
 * Used by the order-cancel subscriber (at once) and by the reconciler (later, while Flexiti was down).
 *
 * The payment module, not Medusa's refund workflow: the cancel already booked the refund in the
 * order's transactions (Medusa 2.21 adds them whether or not the provider succeeded), and the
 * workflow would book it a second time, or refuse a cancelled order its credit line.
 */
import type { IPaymentModuleService, MedusaContainer } from "@medusajs/framework/types"
import { ContainerRegistrationKeys, MathBN, Modules } from "@medusajs/framework/utils"
import { FLEXITI_PROVIDER_ID } from "../../lib/vocabulary"

type Amount = Parameters<typeof MathBN.convert>[0]

export interface CanceledOrderPayment {
  id: string
  provider_id: string
  canceled_at?: Date | string | null
  captures?: { amount: unknown; raw_amount?: unknown }[] | null
  refunds?: { amount: unknown; raw_amount?: unknown }[] | null
}

const totalOf = (rows: { amount: unknown; raw_amount?: unknown }[] | null | undefined) =>
  (rows ?? []).reduce<ReturnType<typeof MathBN.convert>>((sum, row) => MathBN.add(sum, (row.raw_amount ?? row.amount) as Amount), MathBN.convert(0))

/** What a Flexiti payment of a cancelled order captured and Medusa has not refunded, or null when nothing. */
export function unrefundedCapture(payment: CanceledOrderPayment): string | null {
  if (payment.provider_id !== FLEXITI_PROVIDER_ID) return null
  const left = MathBN.sub(totalOf(payment.captures), totalOf(payment.refunds))
  return MathBN.gt(left, 0) ? left.toFixed(2) : null
}

export type FinishedRefund = { payment_id: string; amount: string; refunded: boolean; error?: string }

/** Refunds, through Medusa's payment module, what the cancel of the payment's order left unrefunded. */
export async function finishCanceledOrderRefund(container: MedusaContainer, paymentId: string, amount: string): Promise<FinishedRefund> {
  try {
    await container.resolve<IPaymentModuleService>(Modules.PAYMENT).refundPayment({
      payment_id: paymentId,
      amount,
      note: "Flexiti: the refund of a cancelled order, finished after Medusa's cancel could not record it",
    })
    return { payment_id: paymentId, amount, refunded: true }
  } catch (error) {
    return { payment_id: paymentId, amount, refunded: false, error: (error as Error).message }
  }
}

/** Whether the order holding this payment is cancelled (its cancel already booked the refunds in the order). */
export async function paymentOfCanceledOrder(container: MedusaContainer, paymentId: string): Promise<boolean> {
  const query = container.resolve(ContainerRegistrationKeys.QUERY)
  const { data } = await query.graph({ entity: "payment", fields: ["id", "payment_collection.order.status"], filters: { id: paymentId } })
  const payment = data[0] as { payment_collection?: { order?: { status?: string } | null } | null } | undefined
  return payment?.payment_collection?.order?.status === "canceled"
}
