import type { IPaymentModuleService, MedusaContainer } from "@medusajs/framework/types"
import { MedusaError, Modules } from "@medusajs/framework/utils"
import { refundPaymentWorkflow } from "@medusajs/medusa/core-flows"
import type { FlexitiCallLogEntry } from "../../modules/flexiti/types"
import { addDollars } from "../../lib/money"
import { recordsOf } from "../pg-deps"
import { RefundResolution, resolveUnansweredRefund, UnansweredRefund } from "./unanswered-refunds"
import { FLEXITI_PROVIDER_ID } from "../../lib/vocabulary"
import { finishCanceledOrderRefund, paymentOfCanceledOrder } from "./canceled-order-refunds"

export interface ResolvedRefund {
  piece: UnansweredRefund
  outcome: RefundResolution
  /** for `done`: whether Medusa now holds a refund for it (null when it already did, or for `not_done`) */
  medusa_refund: { recorded: true } | { recorded: false; message: string } | null
}

/**
 * Resolves one unanswered refund of a Flexiti payment inside the payment session's money lock.
 * A piece confirmed done is then recorded as a Medusa refund (Medusa deleted its own when the
 * provider failed): Medusa's refund path reaches the provider, which adopts the piece already
 * applied instead of sending it again, so Medusa's and Flexiti's books agree. That runs after the
 * lock is let go, because the provider takes the same lock.
 */
export async function resolveUnansweredRefundOfPayment(
  container: MedusaContainer,
  args: { paymentId: string; movementId: string; outcome: RefundResolution; actor: string }
): Promise<ResolvedRefund> {
  const payments = container.resolve<IPaymentModuleService>(Modules.PAYMENT)
  const payment = await payments.retrievePayment(args.paymentId, { select: ["id", "provider_id", "payment_session_id"] })
  if (payment.provider_id !== FLEXITI_PROVIDER_ID) {
    throw new MedusaError(MedusaError.Types.INVALID_DATA, `Payment ${payment.id} is not a Flexiti payment`)
  }
  const sessionId = (payment as { payment_session_id?: string }).payment_session_id
  if (!sessionId) throw new MedusaError(MedusaError.Types.NOT_FOUND, `Payment ${payment.id} has no Flexiti payment session`)
  const deps = recordsOf(container)
  const audit = async (entry: FlexitiCallLogEntry) => {
    await deps.callLog.append({ ...entry, payment_id: payment.id, payment_session_id: sessionId })
  }
  const piece = await deps.lock(sessionId, () =>
    resolveUnansweredRefund(deps, { paymentSessionId: sessionId, movementId: args.movementId, outcome: args.outcome, actor: args.actor, audit })
  )
  if (args.outcome === "not_done") return { piece, outcome: args.outcome, medusa_refund: null }

  const live = await deps.medusa.refundsOfPayment(payment.id)
  if (piece.medusa_refund_id && live.some((r) => r.id === piece.medusa_refund_id)) {
    return { piece, outcome: args.outcome, medusa_refund: null }
  }
  // The Medusa refund this piece was part of was deleted when the provider failed, and may have had
  // other pieces (on other captures) that Flexiti did confirm: record all of them as one refund, so
  // Medusa's refunded total matches Flexiti's.
  const siblings = piece.medusa_refund_id
    ? (await deps.movements.list(sessionId)).filter((m) => m.kind !== "capture" && m.state === "done" && m.medusa_id === piece.medusa_refund_id)
    : []
  const amount = siblings.length ? addDollars(...siblings.map((m) => m.amount)) : piece.amount
  if (await paymentOfCanceledOrder(container, payment.id)) {
    // Medusa's order cancel booked this refund in the order already: record it on the payment only.
    const finished = await finishCanceledOrderRefund(container, payment.id, amount)
    if (finished.refunded) return { piece, outcome: args.outcome, medusa_refund: { recorded: true } }
    const message =
      `Flexiti's records now count the $${amount} as refunded, but Medusa could not record the refund (${finished.error}). ` +
      "The reconciler records it on its next run without sending it again."
    return { piece, outcome: args.outcome, medusa_refund: { recorded: false, message } }
  }
  try {
    await refundPaymentWorkflow(container).run({
      input: {
        payment_id: payment.id,
        amount,
        created_by: args.actor,
        note: `Flexiti refund ${piece.reference_id}, confirmed in Flexiti's merchant portal`,
      },
    })
    return { piece, outcome: args.outcome, medusa_refund: { recorded: true } }
  } catch (error) {
    const message =
      `Flexiti's records now count the $${amount} as refunded, but Medusa could not record the refund (${(error as Error).message}). ` +
      `The next refund of at least $${amount} on this payment records it without sending it again.`
    return { piece, outcome: args.outcome, medusa_refund: { recorded: false, message } }
  }
}
