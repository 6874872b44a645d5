import type { MedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { MedusaError } from "@medusajs/framework/utils"
import { z } from "zod"
import { langSchema } from "../../../../../../flexiti/schemas"
import { FLEXITI_PROVIDER_ID } from "../../../../../../lib/vocabulary"
import { FLEXITI_MODULE } from "../../../../../../modules/flexiti/schema"
import type FlexitiModuleService from "../../../../../../modules/flexiti/service"
import { choiceOf, findOffered } from "../../../../../../payments"
import { parseBody } from "../../../../../validation"
import { flexitiSessionOfCart } from "../../../cart-context"
import { ensureOffer, financingView, requireChoosable } from "../../../financing-view"
import type { StoreFinancingAnswer } from "../../../../../../storefront/store-answers"

const cartId = z.string().min(1, "cart_id is required").max(100)
const positiveInt = z.number().int().positive()

export const financingQuerySchema = z.object({ cart_id: cartId, lang: langSchema.optional() })

export const financingChoiceSchema = z
  .object({
    cart_id: cartId,
    transaction_type: z.enum(["promotional_purchase", "regular_purchase"]),
    plan_id: positiveInt.optional(),
    term: positiveInt.optional(),
    lang: langSchema.optional(),
  })
  .strict()
  .superRefine((body, ctx) => {
    if (body.transaction_type === "promotional_purchase" && (body.plan_id === undefined || body.term === undefined)) {
      ctx.addIssue({ code: "custom", path: ["plan_id"], message: "a promotional purchase needs plan_id and term" })
    }
    if (body.transaction_type === "regular_purchase" && (body.plan_id !== undefined || body.term !== undefined)) {
      ctx.addIssue({ code: "custom", path: ["plan_id"], message: "a regular (revolving) purchase has no plan_id or term" })
    }
  })

function langOf(requested: "en" | "fr" | undefined, sessionData: Record<string, unknown> | undefined): "en" | "fr" {
  return requested ?? (sessionData?.lang === "fr" ? "fr" : "en")
}

/**
 * GET /store/flexiti/payment-sessions/:id/financing?cart_id=&lang=
 * The financing Flexiti offers this checkout once its widget approved an account: per plan and
 * term the monthly amount, months, rate and fees, with Flexiti's labels and disclosures.
 */
export async function GET(req: MedusaRequest, res: MedusaResponse) {
  const query = parseBody(financingQuerySchema, req.query)
  const { session } = await flexitiSessionOfCart(req.scope, query.cart_id, req.params.id, FLEXITI_PROVIDER_ID)
  const flexiti = req.scope.resolve<FlexitiModuleService>(FLEXITI_MODULE)
  const checkout = await ensureOffer(req.scope, requireChoosable(await flexiti.getCheckout(session.id)))
  res.status(200).json({ financing: await financingView(req.scope, checkout, langOf(query.lang, session.data)) } satisfies StoreFinancingAnswer)
}

/**
 * POST /store/flexiti/payment-sessions/:id/financing { cart_id, transaction_type, plan_id?, term? }
 * Records the shopper's choice, one of the options Flexiti offered this checkout; completing the
 * cart then authorizes exactly that plan and term.
 */
export async function POST(req: MedusaRequest, res: MedusaResponse) {
  const body = parseBody(financingChoiceSchema, req.body)
  const { session } = await flexitiSessionOfCart(req.scope, body.cart_id, req.params.id, FLEXITI_PROVIDER_ID)
  const flexiti = req.scope.resolve<FlexitiModuleService>(FLEXITI_MODULE)
  const checkout = await ensureOffer(req.scope, requireChoosable(await flexiti.getCheckout(session.id)))
  // After an attempt whose answer may be lost, Flexiti may hold an authorization with the first
  // choice (found again by reference at completion), so the choice no longer changes.
  if (checkout.authorization_attempted_at) {
    throw new MedusaError(
      MedusaError.Types.NOT_ALLOWED,
      "Flexiti was already asked to authorize this checkout; start a new Flexiti checkout to choose another plan."
    )
  }
  const option = findOffered(checkout.financing_options, body)
  if (!option) {
    const named = body.transaction_type === "regular_purchase" ? "a revolving purchase" : `plan ${body.plan_id} for ${body.term} months`
    throw new MedusaError(MedusaError.Types.INVALID_DATA, `Flexiti did not offer ${named} for this checkout; choose one of the offered options.`)
  }
  const saved = await flexiti.saveCheckout({ payment_session_id: session.id, financing_choice: choiceOf(option) })
  res.status(200).json({ financing: await financingView(req.scope, saved, langOf(body.lang, session.data)) } satisfies StoreFinancingAnswer)
}
