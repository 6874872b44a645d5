import type { MedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import type { Logger } from "@medusajs/framework/types"
import { ContainerRegistrationKeys, MedusaError } from "@medusajs/framework/utils"
import { z } from "zod"
import { WidgetSuccessEventData, widgetSuccessEventDataSchema } from "../../../../../../flexiti/schemas"
import { FLEXITI_ACTIVATION_URL, WidgetOutcome, widgetOutcomeMessage } from "../../../../../../payments"
import { FLEXITI_MODULE } from "../../../../../../modules/flexiti/schema"
import type FlexitiModuleService from "../../../../../../modules/flexiti/service"
import { parseBody } from "../../../../../validation"
import { maskAccountNumber } from "../../../../../../payments"
import { flexitiSessionOfCart } from "../../../cart-context"
import { ensureOffer, financingView, FinancingView } from "../../../financing-view"
import type { StoreWidgetNextStep, StoreWidgetResultAnswer } from "../../../../../../storefront/store-answers"
import { FLEXITI_PROVIDER_ID } from "../../../../../../lib/vocabulary"

export const widgetResultSchema = z.object({
  cart_id: z.string().min(1, "cart_id is required"),
  event: z.object({ eventType: z.literal("flx-success"), eventData: widgetSuccessEventDataSchema }),
})

/**
 * POST /store/flexiti/payment-sessions/:id/widget-result { cart_id, event }
 * Records the widget's flx-success for a session of this cart and, once Flexiti verified the
 * account, asks Flexiti what financing it offers (calculate-interest) for the shopper to choose
 * from (POST …/financing). It authorizes nothing: at cart completion the provider asks Flexiti
 * for an authorization on the checkout's own token lineage, and Flexiti refuses a customer who
 * did not pass its widget.
 */
export async function POST(req: MedusaRequest, res: MedusaResponse) {
  const body = parseBody(widgetResultSchema, req.body)
  const { session } = await flexitiSessionOfCart(req.scope, body.cart_id, req.params.id, FLEXITI_PROVIDER_ID)
  const event = body.event.eventData
  const flexiti = req.scope.resolve<FlexitiModuleService>(FLEXITI_MODULE)
  const checkout = await flexiti.getCheckout(session.id)
  if (!checkout || checkout.flow !== "widget" || checkout.widget_session_id !== event.widget_session_id) {
    throw new MedusaError(MedusaError.Types.INVALID_DATA, "This Flexiti result belongs to another checkout (widget_session_id differs)")
  }
  if (checkout.authorization_id || checkout.authorization_attempted_at) {
    // After an attempt the recorded account is what a lost answer is looked up by: it stays.
    throw new MedusaError(MedusaError.Types.NOT_ALLOWED, "This Flexiti checkout was already sent to Flexiti; start a new one to pay again.")
  }
  // Flexiti offers no way to read a widget session's result back, so the browser's account number
  // is taken once per widget session: a second, different one cannot probe other accounts.
  const recordedAccount = checkout.widget_result?.widget_session_id === event.widget_session_id ? checkout.account_number : null
  if (recordedAccount && event.accountNumber && String(event.accountNumber) !== recordedAccount) {
    throw new MedusaError(MedusaError.Types.NOT_ALLOWED, "This Flexiti window already verified an account; open Flexiti again to use another one.")
  }
  // The account number stays on the server, encrypted; the stored result keeps only its last
  // digits. A new result means a new verification: what was offered and chosen before is cleared.
  const recorded = await flexiti.saveCheckout({
    payment_session_id: session.id,
    widget_result: { ...event, accountNumber: null, account_number_masked: event.accountNumber ? maskAccountNumber(event.accountNumber) : null },
    account_number: event.accountNumber ? String(event.accountNumber) : null,
    financing_options: null,
    financing_choice: null,
  })

  const approved = event.verified && event.action === "purchase" && !!event.accountNumber
  let financing: FinancingView | null = null
  if (approved) {
    try {
      financing = await financingView(req.scope, await ensureOffer(req.scope, recorded), session.data?.lang === "fr" ? "fr" : "en")
    } catch (error) {
      // The result is recorded; GET …/financing asks Flexiti again.
      req.scope.resolve<Logger>(ContainerRegistrationKeys.LOGGER).warn(`Flexiti: no financing options yet for ${session.id}: ${(error as Error).message}`)
    }
  }
  res.status(200).json({
    payment_session_id: session.id,
    approved,
    next: nextStep(event),
    message: approved
      ? "Flexiti approved the purchase; choose a plan (POST …/financing), then complete the cart to place the order."
      : widgetOutcomeMessage(outcomeOf(event), session.data?.lang === "fr" ? "fr" : "en"),
    activation_url: event.action === "activation" ? FLEXITI_ACTIVATION_URL : null,
    financing,
  } satisfies StoreWidgetResultAnswer)
}

/**
 * The documented purchase scenarios (Widget Communication Events): numeric/true/purchase → plan
 * choice; null/false/activation → the customer portal; null/false/apply → a new application;
 * retry → the widget again; anything else (numeric/false/purchase, a derogatory status) → another
 * payment method. This only guides the storefront: Flexiti itself checks, at authorization, that
 * the account passed its widget.
 */
type NextStep = StoreWidgetNextStep
function nextStep(event: WidgetSuccessEventData): NextStep {
  if (event.verified && event.action === "purchase" && event.accountNumber) return "choose_plan"
  if (event.action === "activation") return "activate"
  if (event.action === "apply") return "apply"
  if (event.action === "retry") return "retry"
  return "other_method"
}

function outcomeOf(event: WidgetSuccessEventData): WidgetOutcome {
  const next = nextStep(event)
  return next === "activate" ? "activation_required" : next === "apply" ? "apply" : next === "retry" ? "retry" : "purchase_refused"
}
