/**
 * A shopper without a Flexiti account applies inside the checkout (the purchase widget ended with
 * Flexiti's null/false/apply): the shopper agrees to Flexiti's terms, the store opens Flexiti's
 * application (POST …/application), the shopper fills it in, and the store sends it to Flexiti
 * (POST …/application/result) and answers Flexiti's decision. Approved: the purchase widget for
 * the new account opens and the checkout goes on as for any shopper.
 */
import type { FlexitiLang } from "./i18n"
import { FlexitiOutcome, openFlexitiModal } from "./launcher"
import { openFlexitiStepDialog } from "./step-dialog"
import { stepText } from "./step-texts"
import { FlexitiStoreOptions, storeRequest } from "./store-api"
import type { StoreApplicationAnswer, StoreApplicationResultAnswer, StoreWidgetToOpen } from "./store-answers"

export interface ApplicationStepOptions extends FlexitiStoreOptions {
  cartId: string
  sessionId: string
  lang?: FlexitiLang
  container?: HTMLElement
}

export type ApplicationStepResult =
  /** Flexiti approved: the purchase widget for the new account was shown; this is how it ended */
  | { type: "purchase"; outcome: FlexitiOutcome }
  | { type: "refused"; reason: "application_pending" | "application_declined" | "retry"; message: string }
  /** the shopper chose another payment method or closed a window */
  | { type: "cancel" }
  /** Flexiti's window reported a failure */
  | { type: "failure"; outcome: FlexitiOutcome & { type: "failure" } }

const modal = (widget: StoreWidgetToOpen, options: ApplicationStepOptions) =>
  openFlexitiModal({ redirectionUrl: widget.redirection_url, expectedOrigin: widget.modal_origin, lang: options.lang, container: options.container })

export async function applyInCheckout(options: ApplicationStepOptions): Promise<ApplicationStepResult> {
  const { lang } = options
  const agreed = await openFlexitiStepDialog({
    title: stepText(lang, "applyTitle"),
    text: stepText(lang, "applyBody"),
    consent: stepText(lang, "applyTerms"),
    confirm: stepText(lang, "applyConfirm"),
    cancel: stepText(lang, "otherMethod"),
    container: options.container,
  })
  if (!agreed) return { type: "cancel" }
  const base = `/store/flexiti/payment-sessions/${encodeURIComponent(options.sessionId)}/application`
  const { application } = await storeRequest<StoreApplicationAnswer>(options, base, { cart_id: options.cartId, tos_agreement: true, lang })
  const applied = await modal(application, options)
  if (applied.type === "failure") return { type: "failure", outcome: applied }
  if (applied.type !== "success" || !applied.eventData) return { type: "cancel" }
  if (applied.eventData.action === "retry") return { type: "refused", reason: "retry", message: "" }
  // The event only names the application; the store asks Flexiti (POST /apply) for the decision.
  const decided = await storeRequest<StoreApplicationResultAnswer>(options, `${base}/result`, {
    cart_id: options.cartId,
    widget_session_id: applied.eventData.widget_session_id,
    lang,
  })
  if (decided.outcome === "approved" && decided.widget) return { type: "purchase", outcome: await modal(decided.widget, options) }
  return { type: "refused", reason: decided.outcome === "pending" ? "application_pending" : "application_declined", message: decided.message }
}
