import type { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { releaseFlexitiAuthorizationWorkflow } from "../../../../../../workflows/release-flexiti-authorization"
import { parseBody } from "../../../../../validation"
import { flexitiPaymentSummary } from "../../../../../../payments"
import { paymentParams } from "../../../lib/schemas"

/**
 * Releases what remains of the Flexiti authorization (Medusa has no admin endpoint for it):
 * runs release-flexiti-authorization → paymentModule.cancelPayment → provider release.
 * Answers the updated summary.
 */
export async function POST(req: AuthenticatedMedusaRequest, res: MedusaResponse) {
  const { id } = parseBody(paymentParams, req.params)
  await releaseFlexitiAuthorizationWorkflow(req.scope).run({ input: { payment_id: id } })
  res.json(await flexitiPaymentSummary(req.scope, id))
}
