import type { MedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { z } from "zod"
import { langSchema } from "../../../../../../flexiti/schemas"
import { startApplication } from "../../../../../../payments"
import { parseBody } from "../../../../../validation"
import { applicationContext, applicationFailure } from "../../application-context"
import { applicationDataFromCart } from "../../application-data"
import type { StoreApplicationAnswer } from "../../../../../../storefront/store-answers"

export const startApplicationSchema = z
  .object({
    cart_id: z.string().min(1, "cart_id is required").max(100),
    // Flexiti's application needs the shopper's own agreement to its terms (SDK Init Method: tos_agreement must be true).
    tos_agreement: z.literal(true, { error: "tos_agreement must be true: the shopper agrees to Flexiti's terms to apply" }),
    lang: langSchema.optional(),
  })
  .strict()

/**
 * POST /store/flexiti/payment-sessions/:id/application { cart_id, tos_agreement: true, lang? }
 * Opens Flexiti's application for a shopper without an account (the purchase widget ended with
 * null/false/apply), with the applicant's data taken from the cart. Answers the widget to frame.
 */
export async function POST(req: MedusaRequest, res: MedusaResponse) {
  const body = parseBody(startApplicationSchema, req.body)
  const context = await applicationContext(req, body.cart_id, body.lang)
  const data = applicationDataFromCart(context.cart)
  try {
    const widget = await startApplication({ ...context, data })
    res.status(200).json({ payment_session_id: context.checkout.payment_session_id, application: widget } satisfies StoreApplicationAnswer)
  } catch (error) {
    throw applicationFailure(req, error)
  }
}
