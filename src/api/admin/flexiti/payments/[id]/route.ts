import type { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { parseBody } from "../../../../validation"
import { flexitiPaymentSummary } from "../../../../../payments"
import { paymentParams } from "../../lib/schemas"

/** A Flexiti payment's summary (authorization, account, plan, amounts) and its call-log history. */
export async function GET(req: AuthenticatedMedusaRequest, res: MedusaResponse) {
  const { id } = parseBody(paymentParams, req.params)
  res.json(await flexitiPaymentSummary(req.scope, id))
}
