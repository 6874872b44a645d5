/**
 * The values the module's stores read and write (rows decoded: secrets decrypted, JSON parsed).
 * No Medusa imports.
 */
import type { Dollars } from "../../lib/money"
import type { FlexitiEnvironmentName, FlexitiFlow, FlexitiLang } from "../../lib/vocabulary"
import type { FlexitiCallOutcome, FlexitiReleaseState } from "./schema"

/** The settings singleton as returned by the service. */
export interface FlexitiSettingsDTO extends FlexitiSettingsValues {
  id: string
  created_at: Date
  updated_at: Date
}

/** What may leave the server about one environment's credentials: never the secret. */
export interface FlexitiCredentialStatus {
  environment: FlexitiEnvironmentName
  /** null when no credentials were saved for this environment */
  client_id: string | null
  secret_set: boolean
  secret_set_at: Date | null
  /**
   * false when a secret is stored but cannot be decrypted with the current
   * FLEXITI_ENCRYPTION_KEY (key missing or changed); null when no secret is stored
   */
  secret_readable: boolean | null
  pos_base_url: string | null
  online_base_url: string | null
}

/** Decrypted credentials, for server-side use only (never return them from a route). */
export interface FlexitiResolvedCredentials {
  environment: FlexitiEnvironmentName
  client_id: string
  client_secret: string | undefined
  pos_base_url: string | null
  online_base_url: string | null
}

/** Plain values of the settings singleton (what the provider and routes consume). */
export interface FlexitiSettingsValues {
  active_environment: FlexitiEnvironmentName
  flow: FlexitiFlow
  auto_capture: boolean
  default_lang: FlexitiLang
  /** decimal dollars, e.g. "100.00" */
  min_amount: string
  /** decimal dollars, e.g. "10000.00" */
  max_amount: string
  allowed_provinces: string[]
  storefront_origins: string[]
}

/**
 * The customer-scope token lineage snapshot of one widget checkout (structurally the
 * `HeldToken` of `src/flexiti/token-manager.ts`). Stored encrypted, never sent to a browser.
 */
export interface FlexitiStoredToken {
  accessToken: string
  refreshToken?: string
  scope: string
  /** epoch milliseconds */
  expiresAt: number
}

/** Server-side state of one payment session, with the token decrypted. */
export interface FlexitiCheckoutState {
  id: string
  payment_session_id: string
  flow: FlexitiFlow
  environment: FlexitiEnvironmentName
  reference_id: string
  widget_session_id: string | null
  customer_token: FlexitiStoredToken | null
  widget_result: Record<string, unknown> | null
  online_order_id: string | null
  authorization_id: string | null
  /** the cart the checkout was started for */
  cart_id: string | null
  /** what Medusa asked Flexiti to finance */
  amount: Dollars | null
  /** the Flexiti account that passed the widget, decrypted (never leaves the server) */
  account_number: string | null
  release_state: FlexitiReleaseState | null
  release_error: string | null
  /** set before the first POST authorization: a later attempt looks for what it may have created */
  authorization_attempted_at: Date | null
  /** set when an order was placed while Flexiti reviews the application */
  in_review_since: Date | null
  /** the financing Flexiti offered once the widget verified the account */
  financing_options: FlexitiFinancingOffer | null
  /** the option the shopper chose among them */
  financing_choice: FlexitiFinancingChoice | null
  /** the cart's lines and totals when the checkout started (Flexiti's sku_data), if known */
  sku_data: FlexitiSkuData | null
  /** when a completion last accepted the authorization for an order */
  accepted_at: Date | null
  /** when the reconciler last compared this checkout's open Medusa payment with Flexiti */
  reconciled_at: Date | null
  /** the signed checkout context this session was started from (each starts one session) */
  context_nonce: string | null
  created_at: Date
  updated_at: Date
}

/**
 * A create-or-update of a checkout, keyed by `payment_session_id`.
 * Omitted (undefined) fields keep their stored value on update; `null` clears a nullable field.
 * `flow`, `environment` and `reference_id` are required when the row does not exist yet.
 */
export interface FlexitiCheckoutWrite {
  payment_session_id: string
  flow?: FlexitiFlow
  environment?: FlexitiEnvironmentName
  reference_id?: string
  widget_session_id?: string | null
  customer_token?: FlexitiStoredToken | null
  widget_result?: Record<string, unknown> | null
  online_order_id?: string | null
  authorization_id?: string | null
  cart_id?: string | null
  amount?: Dollars | null
  account_number?: string | null
  release_state?: FlexitiReleaseState | null
  release_error?: string | null
  authorization_attempted_at?: Date | null
  in_review_since?: Date | null
  financing_options?: FlexitiFinancingOffer | null
  financing_choice?: FlexitiFinancingChoice | null
  sku_data?: FlexitiSkuData | null
  accepted_at?: Date | null
  reconciled_at?: Date | null
  context_nonce?: string | null
}

export type FlexitiSkuProduct = {
  sku_id: string
  category?: string
  description?: string
  quantity: number
  unit_price: number
  extended_price: number
}

/** The documented sku_data fields the plugin fills (amounts in dollars, as Flexiti takes them). */
export type FlexitiSkuData = {
  shipping_total?: number
  transaction_discount_total?: number
  transaction_subtotal?: number
  transaction_total: number
  gst_hst?: number
  pst?: number
  products?: FlexitiSkuProduct[]
}

export type FlexitiTransactionType = "promotional_purchase" | "regular_purchase"

/** A fee Flexiti lists with an option (calculate-interest `fees[]`), the amount in decimal dollars. */
export interface FlexitiOfferedFee {
  description: string | null
  amount: string | null
  type: string | null
  message: string | null
}

/** One financing option Flexiti offered a checkout (calculate-interest), amounts in decimal dollars. */
export interface FlexitiOfferedOption {
  transaction_type: FlexitiTransactionType
  /** promotional purchases only */
  plan_id: number | null
  term: number | null
  /** Flexiti's term_amount: the monthly payment (for a revolving purchase, the minimum payment) */
  monthly_amount: string
  /** monthly amount × term for a promotional purchase; null for a revolving purchase */
  total: string | null
  /** annual interest rate in percent, when Flexiti states one */
  annual_rate: number | null
  fees: FlexitiOfferedFee[]
  /** Flexiti's own plan name, in the checkout's language */
  plan_name: string | null
}

/** What calculate-interest offered for a checkout's amount. */
export interface FlexitiFinancingOffer {
  amount: string
  /** ISO time of the calculate-interest answer */
  fetched_at: string
  options: FlexitiOfferedOption[]
  /** calculate-interest's customer.available_credit in decimal dollars, when Flexiti gave it */
  available_credit?: string | null
}

/** The shopper's choice, one of the offered options. */
export interface FlexitiFinancingChoice {
  transaction_type: FlexitiTransactionType
  plan_id: number | null
  term: number | null
  /** ISO time the shopper confirmed it */
  chosen_at: string
}

/** One audit row of a Flexiti call. Never put secrets or tokens in `message`. */
export interface FlexitiCallLogEntry {
  payment_id?: string | null
  payment_session_id?: string | null
  /** authorize, capture, release, return, refund, token_test, … */
  operation: string
  reference_id: string
  outcome: FlexitiCallOutcome
  http_status?: number | null
  error_code?: string | null
  /** decimal dollars, e.g. "125.50" */
  amount?: string | null
  /** authorization / capture / return id returned by Flexiti */
  flexiti_id?: string | null
  message?: string | null
}

export interface FlexitiCallLogRow extends Required<FlexitiCallLogEntry> {
  id: string
  created_at: Date
  updated_at: Date
}

/** Label maps keyed by code, as Flexiti's i18n answers them (docs/assumptions.md, "Assumptions about the Flexiti API"). */
export type FlexitiLabelMap = Record<string, string>

export type FlexitiI18nSection = "plan_ids" | "provinces" | "transaction_types" | "disclosures"

/** The stored labels of one environment in one language. */
export interface FlexitiI18nLabels {
  plan_ids: FlexitiLabelMap
  provinces: FlexitiLabelMap
  transaction_types: FlexitiLabelMap
  disclosures: FlexitiLabelMap
}

/** Number of labels per section fetched by a sync (per language). */
export type FlexitiI18nCounts = Record<FlexitiI18nSection, number>

export interface FlexitiI18nSyncRow {
  id: string
  environment: FlexitiEnvironmentName
  outcome: FlexitiCallOutcome
  synced_at: Date
  counts: Partial<Record<FlexitiLang, FlexitiI18nCounts>> | null
  reference_id: string | null
  error_code: string | null
  message: string | null
}

/** What GET /admin/flexiti/i18n answers: both languages of one environment and its last sync. */
export interface FlexitiI18nSnapshot {
  environment: FlexitiEnvironmentName
  labels: Partial<Record<FlexitiLang, FlexitiI18nLabels & { synced_at: Date }>>
  last_sync: FlexitiI18nSyncRow | null
}
