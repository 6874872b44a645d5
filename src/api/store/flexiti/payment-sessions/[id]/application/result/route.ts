import type { MedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { z } from "zod"
import { langSchema } from "../../../../../../../flexiti/schemas"
import { submitApplication } from "../../../../../../../payments"
import { widgetOutcomeMessage } from "../../../../../../../payments"
import { parseBody } from "../../../../../../validation"
import { applicationContext, applicationFailure } from "../../../application-context"
import type { StoreApplicationResultAnswer } from "../../../../../../../storefront/store-answers"

export const applicationResultSchema = z
  .object({
    cart_id: z.string().min(1, "cart_id is required").max(100),
    /** from the application widget's flx-success: only says which application to ask Flexiti about */
    widget_session_id: z.string().min(1, "widget_session_id is required").max(100),
    lang: langSchema.optional(),
  })
  .strict()

/**
 * POST /store/flexiti/payment-sessions/:id/application/result { cart_id, widget_session_id }
 * Called after the application widget's flx-success: the server sends the application to
 * Flexiti (POST /apply) and answers Flexiti's decision. approved: `widget` is the purchase widget
 * for the new account, where the shopper confirms it before choosing a plan. pending, declined:
 * the Flexiti attempt ends and the cart stays open.
 */
export async function POST(req: MedusaRequest, res: MedusaResponse) {
  const body = parseBody(applicationResultSchema, req.body)
  const context = await applicationContext(req, body.cart_id, body.lang)
  try {
    const outcome = await submitApplication({ ...context, widgetSessionId: body.widget_session_id })
    res.status(200).json({
      payment_session_id: context.checkout.payment_session_id,
      outcome: outcome.kind,
      message: widgetOutcomeMessage(`application_${outcome.kind}`, context.lang),
      widget:
        outcome.kind === "approved"
          ? { redirection_url: outcome.redirection_url, modal_origin: outcome.modal_origin, widget_session_id: outcome.widget_session_id }
          : null,
    } satisfies StoreApplicationResultAnswer)
  } catch (error) {
    throw applicationFailure(req, error)
  }
}
