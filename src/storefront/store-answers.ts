/**
 * What the plugin's store routes (`/store/flexiti/**`) answer, defined once: the routes build
 * their answers as these types and the storefront kit reads them as these types. Types only, and
 * no import: the server compiles this file too, and it ships in the kit's .d.ts, so it lives
 * inside the storefront's build. Amounts are decimal dollars, as strings.
 */

export type StoreLang = "en" | "fr"

/** A fee of a financing option, as Flexiti states it. */
export interface StoreFinancingFee {
  description: string | null
  amount: string | null
  type: string | null
  message: string | null
}

/** One financing option as a storefront shows it. No account data. */
export interface StoreFinancingOption {
  /** "promotional_purchase:5:12" or "regular_purchase": what a picker's radio value can hold */
  key: string
  transaction_type: "promotional_purchase" | "regular_purchase"
  plan_id: number | null
  term: number | null
  /** the plan's name from Flexiti's synced labels, else Flexiti's own plan name */
  label: string
  transaction_type_label: string
  monthly_amount: string
  /** number of monthly payments; null for a revolving purchase */
  months: number | null
  total: string | null
  annual_rate: number | null
  fees: StoreFinancingFee[]
  /**
   * false: over the account's available Flexiti credit (Flexiti would refuse it); null: unknown.
   * The available credit itself is never sent.
   */
  within_available_credit: boolean | null
}

/** A checkout's financing: GET and POST …/payment-sessions/:id/financing (`{ financing }`) and the widget result. */
export interface StoreFinancing {
  payment_session_id: string
  amount: string
  lang: StoreLang
  options: StoreFinancingOption[]
  /** the store's default among the options, selected first (the shopper confirms) */
  preselected: string | null
  /** the shopper's recorded choice */
  chosen: string | null
  /** Flexiti's disclosures for this shopper (Quebec's consumer-protection text for a Quebec address) */
  disclosures: { code: string; text: string }[]
  /** false when the store never synced Flexiti's texts: the picker says so instead of showing nothing */
  disclosures_synced: boolean
}

/** GET /store/flexiti/calculator: the "as low as" line for an amount. */
export type StoreCalculatorAnswer =
  | {
      available: false
      reason: "below_minimum" | "above_maximum" | "province_not_allowed" | "no_plan" | "not_configured" | "unavailable"
      amount: string
      min_amount?: string
      max_amount?: string
    }
  | { available: true; quebec: true; amount: string; lang: StoreLang }
  | { available: true; quebec: false; amount: string; lang: StoreLang; monthly_payment: string; months: number }
  /** Flexiti was slow to answer: financing is offered, the monthly amount comes with a later request */
  | { available: true; quebec: false; amount: string; lang: StoreLang; monthly_payment: null; months: null }

/** One rule the cart fails, named in English and French. */
export interface StoreEligibilityReason {
  code:
    | "not_configured"
    | "not_enabled_in_region"
    | "currency_not_cad"
    | "amount_below_minimum"
    | "amount_above_maximum"
    | "province_not_allowed"
    | "cart_completed"
  message_en: string
  message_fr: string
}

/** GET /store/flexiti/eligibility?cart_id= */
export interface StoreEligibilityAnswer {
  eligible: boolean
  reasons: StoreEligibilityReason[]
  cart_id: string
  amount: string
  currency_code: string
  province: string | null
  /** absent when Flexiti is not configured */
  min_amount?: string
  max_amount?: string
}

/** The fields of a Flexiti payment session a storefront needs to open Flexiti's window (no token, no secret). */
export interface StorePaymentSession {
  id: string
  provider_id: string
  status: string
  amount: number
  data: {
    flow: "widget" | "hosted"
    redirection_url: string
    modal_origin?: string
    widget_session_id?: string
    online_order_id?: number
    reference_id?: string
    lang?: StoreLang
    amount?: string
    expires_at?: string
  }
}

/** POST /store/flexiti/payment-sessions */
export interface StorePaymentSessionAnswer {
  payment_session: StorePaymentSession
}

/** What the storefront does after Flexiti's purchase widget ended. */
export type StoreWidgetNextStep = "choose_plan" | "activate" | "apply" | "retry" | "other_method"

/** POST /store/flexiti/payment-sessions/:id/widget-result */
export interface StoreWidgetResultAnswer {
  payment_session_id: string
  approved: boolean
  next: StoreWidgetNextStep
  message: string
  /** Flexiti's customer portal, where an account is activated; null unless `next` is "activate" */
  activation_url: string | null
  /** null when not approved, or when Flexiti did not list the options yet (GET …/financing asks again) */
  financing: StoreFinancing | null
}

/** GET and POST /store/flexiti/payment-sessions/:id/financing */
export interface StoreFinancingAnswer {
  financing: StoreFinancing
}

/** A Flexiti window the storefront frames. */
export interface StoreWidgetToOpen {
  redirection_url: string
  modal_origin: string
  widget_session_id: string
}

/** POST /store/flexiti/payment-sessions/:id/application */
export interface StoreApplicationAnswer {
  payment_session_id: string
  application: StoreWidgetToOpen
}

/** POST /store/flexiti/payment-sessions/:id/application/result */
export interface StoreApplicationResultAnswer {
  payment_session_id: string
  outcome: "approved" | "pending" | "declined"
  message: string
  /** approved: the purchase widget for the new account */
  widget: StoreWidgetToOpen | null
}
