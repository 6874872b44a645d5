import type { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { parseBody } from "../../../../../../validation"
import { flexitiPaymentSummary } from "../../../../../../../payments"
import { paymentParams, resolveRefundBody } from "../../../../lib/schemas"
import { resolveUnansweredRefundOfPayment } from "../../../../../../../payments"

/**
 * Settles a refund Flexiti did not answer and that cannot be read back, as the admin found it in
 * Flexiti's merchant portal: `done` (it counts as refunded, and Medusa records the refund) or
 * `not_done` (the amount is refundable again). Answers the updated summary.
 */
export async function POST(req: AuthenticatedMedusaRequest, res: MedusaResponse) {
  const { id } = parseBody(paymentParams, req.params)
  const body = parseBody(resolveRefundBody, req.body)
  const resolved = await resolveUnansweredRefundOfPayment(req.scope, {
    paymentId: id,
    movementId: body.movement_id,
    outcome: body.outcome,
    actor: req.auth_context?.actor_id ?? "an admin",
  })
  res.json({ resolved, ...(await flexitiPaymentSummary(req.scope, id)) })
}
