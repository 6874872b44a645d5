import { MedusaError } from "@medusajs/framework/utils"
import type { FlexitiCallLogEntry } from "../../modules/flexiti/types"
import type { StoredMovement } from "../../modules/flexiti/stores/movement-store"
import { Dollars, toDollars } from "../../lib/money"
import type { PaymentsDeps } from "../deps"
import { refundReferenceOf } from "./money-movements"

type Audit = (entry: FlexitiCallLogEntry) => Promise<void>

/** A refund piece Flexiti did not answer and that cannot be read back: what the plugin knows of it. */
export interface UnansweredRefund {
  /** the movement's own id: a resolve names it, so a stale or repeated resolve finds nothing pending */
  id: string
  kind: "return" | "account_refund"
  amount: Dollars
  /** the Flexiti capture it refunds */
  capture_id: string | null
  /** the Medusa refund it was sent for (Medusa deletes that refund when the provider fails) */
  medusa_refund_id: string | null
  /** the reference id sent to Flexiti, to look the refund up in Flexiti's merchant portal */
  reference_id: string
  sent_at: Date
}

function unansweredOf(movement: StoredMovement): UnansweredRefund {
  return {
    id: movement.id,
    kind: movement.kind as UnansweredRefund["kind"],
    amount: toDollars(movement.amount),
    capture_id: movement.capture_id,
    medusa_refund_id: movement.medusa_id,
    reference_id: refundReferenceOf(movement.content_key),
    sent_at: movement.created_at,
  }
}

/**
 * The refund pieces of a session still pending. Outside the money lock a pending piece may also
 * be one being sent right now; a resolve takes the lock, so it only ever acts on a lost answer.
 */
export async function listUnansweredRefunds(deps: Pick<PaymentsDeps, "movements">, paymentSessionId: string): Promise<UnansweredRefund[]> {
  return (await deps.movements.pendingRefunds(paymentSessionId)).map(unansweredOf)
}

export type RefundResolution = "done" | "not_done"

/**
 * Settles an unanswered refund piece as the admin found it in Flexiti's merchant portal: `done`
 * records it as applied (it counts as refunded from now on), `not_done` gives its claim back (the
 * money is refundable again). Must run inside the session's money lock: the piece is re-read
 * there, so a second or stale resolve, or one for another payment, is refused and moves nothing.
 */
export async function resolveUnansweredRefund(
  deps: Pick<PaymentsDeps, "movements">,
  args: { paymentSessionId: string; movementId: string; outcome: RefundResolution; actor: string; audit: Audit }
): Promise<UnansweredRefund> {
  const row = await deps.movements.byId(args.movementId)
  if (!row) {
    // A piece resolved as not done is gone: a second resolve of it lands here.
    throw new MedusaError(
      MedusaError.Types.CONFLICT,
      `Refund ${args.movementId} is not waiting to be resolved (already resolved, or unknown); reload the panel.`
    )
  }
  if (row.payment_session_id !== args.paymentSessionId || row.kind === "capture") {
    throw new MedusaError(MedusaError.Types.NOT_FOUND, `Refund ${args.movementId} is not a refund of this payment.`)
  }
  const piece = unansweredOf(row)
  if (row.state !== "pending") {
    throw new MedusaError(MedusaError.Types.CONFLICT, `The refund of $${piece.amount} (reference ${piece.reference_id}) is already resolved; reload the panel.`)
  }
  const contentKey = row.content_key
  if (args.outcome === "done") await deps.movements.complete(contentKey, {})
  else await deps.movements.releaseClaim(contentKey)
  await args.audit({
    operation: `${piece.kind}_resolved`,
    reference_id: piece.reference_id,
    outcome: "success",
    amount: piece.amount,
    flexiti_id: piece.capture_id,
    message:
      args.outcome === "done"
        ? `${args.actor} confirmed in Flexiti's merchant portal that this unanswered refund was applied: it counts as refunded`
        : `${args.actor} confirmed in Flexiti's merchant portal that this unanswered refund was not applied: the amount is refundable again`,
  })
  return piece
}
