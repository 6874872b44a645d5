import type { SubscriberArgs, SubscriberConfig } from "@medusajs/framework"
import { ContainerRegistrationKeys, MathBN } from "@medusajs/framework/utils"
import { FLEXITI_PROVIDER_ID } from "../lib/vocabulary"
import { releaseFlexitiAuthorizationWorkflow } from "../workflows/release-flexiti-authorization"
import { finishCanceledOrderRefund, unrefundedCapture } from "../payments"

type OrderPayment = {
  id: string
  provider_id: string
  amount: unknown
  raw_amount?: unknown
  canceled_at?: Date | string | null
  captured_at?: Date | string | null
  captures?: { amount: unknown; raw_amount?: unknown }[] | null
  refunds?: { amount: unknown; raw_amount?: unknown }[] | null
}

/** A Flexiti payment of a cancelled order that may still hold an authorized remainder at Flexiti. */
export function holdsRemainder(payment: OrderPayment): boolean {
  if (payment.provider_id !== FLEXITI_PROVIDER_ID || payment.canceled_at || payment.captured_at) return false
  const captured = (payment.captures ?? []).reduce<ReturnType<typeof MathBN.convert>>(
    (total, c) => MathBN.add(total, (c.raw_amount ?? c.amount) as never),
    MathBN.convert(0)
  )
  return MathBN.lt(captured, (payment.raw_amount ?? payment.amount) as never)
}

/**
 * Medusa's order cancel refunds what was captured (a refund the provider could not complete is
 * only logged: finished here, see canceled-order-refunds.ts) and cancels only payments with no
 * capture, so after a partial capture the rest stays authorized at Flexiti. This releases it through the same
 * path as the order panel's release (the provider's locked release, marked pending and retried by
 * the reconciler when Flexiti does not confirm). Releasing twice, or when nothing remains, does
 * nothing: a payment already released is recorded in Medusa as captured for what was captured
 * (README "What Medusa's order page shows") and skipped here.
 */
export default async function releaseFlexitiRemainderOfCanceledOrder({ event, container }: SubscriberArgs<{ id: string }>) {
  const logger = container.resolve(ContainerRegistrationKeys.LOGGER)
  const query = container.resolve(ContainerRegistrationKeys.QUERY)
  const { data } = await query.graph({
    entity: "order",
    fields: [
      "id",
      "status",
      "payment_collections.payments.id",
      "payment_collections.payments.provider_id",
      "payment_collections.payments.amount",
      "payment_collections.payments.raw_amount",
      "payment_collections.payments.canceled_at",
      "payment_collections.payments.captured_at",
      "payment_collections.payments.captures.amount",
      "payment_collections.payments.captures.raw_amount",
      "payment_collections.payments.refunds.amount",
      "payment_collections.payments.refunds.raw_amount",
    ],
    filters: { id: event.data.id },
  })
  const order = data[0] as { id: string; status: string; payment_collections?: { payments?: OrderPayment[] | null }[] | null } | undefined
  if (!order || order.status !== "canceled") return
  const orderPayments = (order.payment_collections ?? []).flatMap((pc) => pc.payments ?? [])
  for (const payment of orderPayments) {
    const amount = unrefundedCapture(payment)
    if (!amount) continue
    const outcome = await finishCanceledOrderRefund(container, payment.id, amount)
    if (outcome.refunded)
      logger.info(`Flexiti: order ${order.id} was cancelled; refunded $${amount} of payment ${payment.id} that Medusa's cancel could not record.`)
    else
      logger.warn(
        `Flexiti: order ${order.id} was cancelled; $${amount} of payment ${payment.id} is not refunded yet (the reconciler retries): ${outcome.error}`
      )
  }
  const payments = orderPayments.filter(holdsRemainder)
  for (const payment of payments) {
    try {
      // The provider marks the release pending when Flexiti does not confirm; Medusa records the
      // payment as captured either way, so no capture holds the remainder and the reconciler
      // retries the release.
      await releaseFlexitiAuthorizationWorkflow(container).run({ input: { payment_id: payment.id } })
      logger.info(
        `Flexiti: order ${order.id} was cancelled; asked Flexiti to release what remained authorized of payment ${payment.id} (a release Flexiti does not confirm is retried by the reconciler).`
      )
    } catch (error) {
      logger.warn(`Flexiti: order ${order.id} was cancelled; could not release the rest of payment ${payment.id}: ${(error as Error).message}`)
    }
  }
}

export const config: SubscriberConfig = {
  event: "order.canceled",
}
