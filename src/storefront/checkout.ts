/**
 * Framework-free Flexiti checkout for a Medusa cart: start a session on the store route, open the
 * modal, hand the widget's result to the store, complete the cart. The store decides: the
 * widget's event only says the shopper finished; Medusa's cart completion makes the provider ask
 * Flexiti for the authorization.
 */
import { flexitiText, FlexitiLang } from "./i18n"
import { FlexitiOutcome, openFlexitiModal, OpenFlexitiModalOptions } from "./launcher"
import { FlexitiStoreError, FlexitiStoreOptions, storeRequest } from "./store-api"
import { chooseFinancing, fetchFinancing, FlexitiFinancing, FlexitiFinancingOption, FlexitiPlanChooser, noOptionFitsCredit } from "./financing"
import { widgetFailureKind } from "./messages"
import { openFlexitiPlanPicker } from "./plan-picker"
import { applyInCheckout } from "./application"
import { openFlexitiStepDialog } from "./step-dialog"
import { stepText } from "./step-texts"
import type { StorePaymentSession, StorePaymentSessionAnswer, StoreWidgetResultAnswer } from "./store-answers"

/** A Flexiti session as POST /store/flexiti/payment-sessions answers it (a caller building one may leave out `status` and `provider_id`). */
export type FlexitiPaymentSession = Omit<StorePaymentSession, "status" | "provider_id"> & Partial<Pick<StorePaymentSession, "status" | "provider_id">>

export interface PayWithFlexitiOptions extends FlexitiStoreOptions, Pick<OpenFlexitiModalOptions, "container" | "mode" | "returnUrl" | "errorUrl" | "onEvent"> {
  cartId: string
  lang?: FlexitiLang
  /**
   * A Flexiti session already started for this cart (e.g. by the checkout's payment step), used
   * instead of starting another one: each session is a Flexiti widget session. Ignored unless it
   * carries a `redirection_url`.
   */
  session?: FlexitiPaymentSession | null
  /** called with the session, before the modal opens */
  onSession?: (session: FlexitiPaymentSession) => void
  /**
   * Completes the cart instead of `POST /store/carts/:id/complete`, e.g. the Next.js starter's
   * `placeOrder` server action (it clears the cart cookie and redirects to the confirmation).
   */
  complete?: (cartId: string) => Promise<PayWithFlexitiResult>
  /**
   * Shows the shopper the financing Flexiti offers and resolves with their choice (null: they
   * closed it). Default: the kit's accessible plan picker dialog (`openFlexitiPlanPicker`).
   */
  choosePlan?: FlexitiPlanChooser
}

/** A Medusa store order (only the id is relied upon here). */
export type FlexitiOrder = { id: string } & Record<string, unknown>

export type PayWithFlexitiResult =
  | { type: "order"; order: FlexitiOrder }
  /**
   * not paid with Flexiti; the cart is unchanged and the shopper may choose another method.
   * `reason` names the documented outcome when there is one.
   */
  | { type: "failure"; message: string; reason?: FlexitiRefusalReason }
  /**
   * the shopper closed a window: still at the payment step. `approved`: Flexiti's approval is
   * kept (the plan picker was closed); paying again for this cart reopens the plan choice.
   * Otherwise paying again starts a new Flexiti session.
   */
  | { type: "cancel"; approved?: boolean }
  /** the page is leaving for Flexiti's hosted page; call resumeFlexitiCheckout() on the return page */
  | { type: "redirect" }

/** Flexiti's answers that end the attempt: a refused purchase, an account to activate, an application pending or declined. */
export type FlexitiRefusalReason =
  | "purchase_refused"
  | "activation_required"
  | "application_pending"
  | "application_declined"
  /** the account's available credit covers none of the plans Flexiti offered (told before confirming) */
  | "credit_exceeded"

const PENDING_KEY = "flexiti:pending-checkout"
const APPROVED_KEY = "flexiti:approved-checkout"
/** used when sessionStorage is unavailable */
let approvedInMemory: { cartId: string; sessionId: string } | null = null

function errorMessage(e: unknown, lang: string | undefined): string {
  if (e instanceof FlexitiStoreError && e.network) return flexitiText(lang, "network")
  return (e as Error)?.message || flexitiText(lang, "network")
}

function pending(write?: { cartId: string; sessionId: string } | null): { cartId: string; sessionId: string } | undefined {
  try {
    if (write) sessionStorage.setItem(PENDING_KEY, JSON.stringify(write))
    else if (write === null) sessionStorage.removeItem(PENDING_KEY)
    else return JSON.parse(sessionStorage.getItem(PENDING_KEY) || "null") ?? undefined
  } catch {
    // storage unavailable (privacy mode): the redirect fallback then needs the cart id from the caller
  }
  return undefined
}

/**
 * The session whose account Flexiti approved while the shopper has not chosen a plan yet (they
 * closed the picker), per cart: paying again reopens the plan choice instead of Flexiti's window.
 */
export function approvedSession(cartId: string, write?: string | null): string | undefined {
  const entry = write ? { cartId, sessionId: write } : null
  try {
    if (write !== undefined) {
      if (entry) sessionStorage.setItem(APPROVED_KEY, JSON.stringify(entry))
      else sessionStorage.removeItem(APPROVED_KEY)
    } else {
      const saved = JSON.parse(sessionStorage.getItem(APPROVED_KEY) || "null")
      return saved?.cartId === cartId ? saved.sessionId : undefined
    }
  } catch {
    // storage unavailable (privacy mode): kept in memory for this page
  }
  if (write !== undefined) approvedInMemory = entry
  else return approvedInMemory?.cartId === cartId ? approvedInMemory.sessionId : undefined
  return undefined
}

/** POST /store/flexiti/payment-sessions: a new Flexiti session for the cart (replaces an older one). */
export async function startFlexitiSession(options: FlexitiStoreOptions & { cartId: string; lang?: FlexitiLang }) {
  const { payment_session } = await storeRequest<StorePaymentSessionAnswer>(options, "/store/flexiti/payment-sessions", {
    cart_id: options.cartId,
    lang: options.lang,
  })
  return payment_session
}

/** POST /store/carts/:id/complete → the order, or the reason it was not placed. */
export async function completeFlexitiCart(options: FlexitiStoreOptions & { cartId: string; lang?: FlexitiLang }): Promise<PayWithFlexitiResult> {
  try {
    const res = await storeRequest<{ type: string; order?: FlexitiOrder; error?: { message?: string } }>(
      options,
      `/store/carts/${encodeURIComponent(options.cartId)}/complete`,
      {}
    )
    if (res.type === "order" && res.order) return { type: "order", order: res.order }
    return { type: "failure", message: flexitiText(options.lang, "orderFailed", { message: res.error?.message ?? "" }) }
  } catch (e) {
    return { type: "failure", message: flexitiText(options.lang, "orderFailed", { message: errorMessage(e, options.lang) }) }
  }
}

type SettleOptions = FlexitiStoreOptions & Pick<PayWithFlexitiOptions, "cartId" | "lang" | "complete" | "choosePlan" | "container">

/** The shopper's message for a widget's flx-failure: a declined or pending application, or another failure. */
export function widgetFailureMessage(failure: { error: number; message: string }, lang: string | undefined): string {
  const kind = widgetFailureKind(failure.message)
  if (kind === "declined") return flexitiText(lang, "applicationDeclined")
  if (kind === "pending") return flexitiText(lang, "applicationPending")
  return failure.error ? flexitiText(lang, "widgetFailure", { message: failure.message }) : failure.message
}

/** What the checkout does with the modal's outcome (exported for tests). */
export async function settleFlexitiOutcome(options: SettleOptions, session: FlexitiPaymentSession, outcome: FlexitiOutcome): Promise<PayWithFlexitiResult> {
  const { lang } = options
  if (outcome.type === "cancel" || outcome.type === "redirect") return outcome
  if (outcome.type === "failure") return { type: "failure", message: widgetFailureMessage(outcome, lang) }
  if (outcome.eventData) {
    try {
      const result = await storeRequest<StoreWidgetResultAnswer>(options, `/store/flexiti/payment-sessions/${encodeURIComponent(session.id)}/widget-result`, {
        cart_id: options.cartId,
        event: { eventType: "flx-success", eventData: outcome.eventData },
      })
      if (!result.approved) return await notApproved(options, session, result)
      const financing = result.financing && (!lang || result.financing.lang === lang) ? result.financing : undefined
      return await choosePlanAndPlace(options, session.id, financing)
    } catch (e) {
      return { type: "failure", message: errorMessage(e, lang) }
    }
  }
  return placeOrder(options)
}

const placeOrder = (options: SettleOptions) => (options.complete ? options.complete(options.cartId) : completeFlexitiCart(options))

/**
 * After Flexiti approved the account: the shopper chooses among what Flexiti offers and the order
 * is placed with that choice. An account whose available credit covers no plan is told so here,
 * before anything is confirmed. Closing the picker keeps the approval (the next payment attempt
 * for the cart reopens the choice); any other end forgets it.
 */
async function choosePlanAndPlace(options: SettleOptions, sessionId: string, offered?: FlexitiFinancing): Promise<PayWithFlexitiResult> {
  const { lang, cartId } = options
  const call = { ...options, sessionId }
  const financing = offered ?? (await fetchFinancing(call))
  const refusal: PayWithFlexitiResult | null = !financing.options.length
    ? { type: "failure", message: flexitiText(lang, "planNone") }
    : noOptionFitsCredit(financing)
      ? { type: "failure", message: stepText(lang, "creditExceeded"), reason: "credit_exceeded" }
      : null
  if (refusal) {
    approvedSession(cartId, null)
    return refusal
  }
  approvedSession(cartId, sessionId)
  let placed: PayWithFlexitiResult | undefined
  const place = async (option: FlexitiFinancingOption) => {
    approvedSession(cartId, null)
    try {
      await chooseFinancing({ ...call, option })
      placed = await placeOrder(options)
    } catch (e) {
      placed = { type: "failure", message: errorMessage(e, lang) }
    }
  }
  const option = options.choosePlan
    ? await options.choosePlan(financing)
    : await openFlexitiPlanPicker({ financing, lang, container: options.container, place })
  if (!option) return { type: "cancel", approved: true }
  if (!placed) await place(option)
  return placed!
}

/**
 * The documented outcomes other than an approved purchase (Widget Communication Events): a new
 * shopper applies in the checkout, an account to activate gets Flexiti's activation link and a
 * way back, a refused purchase sends the shopper to another payment method.
 */
async function notApproved(options: SettleOptions, session: FlexitiPaymentSession, result: StoreWidgetResultAnswer): Promise<PayWithFlexitiResult> {
  const { lang } = options
  const message = result.message || flexitiText(lang, "declined")
  if (result.next === "apply") {
    const step = await applyInCheckout({ ...options, sessionId: session.id })
    if (step.type === "purchase") return settleFlexitiOutcome(options, session, step.outcome)
    if (step.type === "failure") return { type: "failure", message: widgetFailureMessage(step.outcome, lang) }
    if (step.type === "refused") {
      return step.reason === "retry"
        ? { type: "failure", message: stepText(lang, "applyRetry") }
        : { type: "failure", message: step.message, reason: step.reason }
    }
    return step
  }
  if (result.next === "activate" && result.activation_url) {
    const retry = await openFlexitiStepDialog({
      title: stepText(lang, "activateTitle"),
      text: message,
      link: { href: result.activation_url, text: stepText(lang, "activateLink") },
      confirm: stepText(lang, "activateRetry"),
      cancel: stepText(lang, "otherMethod"),
      container: options.container,
    })
    // Back from Flexiti's portal: a new Flexiti session, as for any new attempt.
    if (retry) return payWithFlexiti({ ...options, session: null })
    return { type: "failure", message, reason: "activation_required" }
  }
  return { type: "failure", message, reason: result.next === "retry" ? undefined : "purchase_refused" }
}

/**
 * Pays a cart with Flexiti: new session → modal → (widget) result to the store → cart completion.
 * Never throws for expected situations: every end is a result.
 */
export async function payWithFlexiti(options: PayWithFlexitiOptions): Promise<PayWithFlexitiResult> {
  const { cartId, lang } = options
  const kept = approvedSession(cartId)
  if (kept) {
    // Flexiti already approved this cart's account: back to the plan choice, when the store
    // still offers it (the session is the cart's and not authorized yet).
    let financing: FlexitiFinancing | undefined
    try {
      financing = await fetchFinancing({ ...options, sessionId: kept })
    } catch {
      approvedSession(cartId, null)
    }
    if (financing) {
      try {
        return await choosePlanAndPlace(options, kept, financing)
      } catch (e) {
        return { type: "failure", message: errorMessage(e, lang) }
      }
    }
  }
  let session: FlexitiPaymentSession
  if (options.session?.data?.redirection_url) {
    session = options.session
  } else {
    try {
      session = await startFlexitiSession(options)
    } catch (e) {
      return { type: "failure", message: errorMessage(e, lang) }
    }
  }
  options.onSession?.(session)
  const hosted = session.data.flow === "hosted"
  if (hosted) pending({ cartId, sessionId: session.id })
  const outcome = await openFlexitiModal({
    redirectionUrl: session.data.redirection_url,
    expectedOrigin: session.data.modal_origin,
    lang,
    flow: session.data.flow,
    container: options.container,
    mode: options.mode,
    returnUrl: options.returnUrl,
    errorUrl: options.errorUrl,
    onEvent: options.onEvent,
  })
  if (hosted && outcome.type !== "redirect") pending(null)
  return settleFlexitiOutcome(options, session, outcome)
}

/** True on a return page that is displayed inside the Flexiti modal (the opener completes the cart). */
export function isInsideFlexitiModal(): boolean {
  try {
    return window.parent !== window && !!window.parent.document.getElementById("flexiti-modal")
  } catch {
    return false
  }
}

/**
 * On the store's return page after a full-page redirect to Flexiti (hosted flow): completes the
 * cart saved before leaving (or `cartId`). Resolves null when there is nothing to resume or when
 * the page is shown inside the modal (the modal's opener completes the cart then).
 */
export async function resumeFlexitiCheckout(options: FlexitiStoreOptions & { cartId?: string; lang?: FlexitiLang }): Promise<PayWithFlexitiResult | null> {
  if (isInsideFlexitiModal()) return null
  const cartId = options.cartId ?? pending()?.cartId
  if (!cartId) return null
  pending(null)
  return completeFlexitiCart({ ...options, cartId })
}
