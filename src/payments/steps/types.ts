import type { Dollars } from "../../lib/money"

import type { FlexitiFlow } from "../../lib/vocabulary"

/**
 * Session data: what Medusa stores on the payment session, readable by the storefront
 * (GET /store/carts/:id) and writable by it (POST /store/payment-collections/:id/payment-sessions).
 * So it holds only what the storefront needs to open Flexiti and show the checkout, and the
 * provider never reads money facts from it: those live in the plugin's own tables.
 */
export interface FlexitiSessionData {
  session_id: string
  flow: FlexitiFlow
  /** x-reference-id of this checkout flow, for support traceability */
  reference_id: string
  amount: Dollars
  lang: "en" | "fr"
  redirection_url: string
  /** origin the storefront accepts modal messages from */
  modal_origin: string
  widget_session_id?: string
  online_order_id?: number
  expires_at?: string
}

/** The keys the provider owns in session data; every other key a storefront sends is cleared. */
export const SESSION_DATA_KEYS: readonly (keyof FlexitiSessionData)[] = [
  "session_id",
  "flow",
  "reference_id",
  "amount",
  "lang",
  "redirection_url",
  "modal_origin",
  "widget_session_id",
  "online_order_id",
  "expires_at",
]

export interface CaptureLedgerEntry {
  capture_id: number
  /** the Medusa capture it settles (capt_…) */
  medusa_capture_id: string | null
  amount: Dollars
  date: string
  returned: Dollars
  refunded: Dollars
}

export interface RefundLedgerEntry {
  medusa_refund_id: string | null
  capture_id: number
  amount: Dollars
  method: "return" | "account_refund"
  return_id?: number
  date: string
}

/**
 * Payment data: built by the provider from its own tables and Flexiti after authorization, for
 * display (admin panel, order page). Never read back to decide a money movement.
 */
export interface FlexitiPaymentData {
  session_id: string
  flow: FlexitiFlow
  environment: string
  reference_id: string
  amount: Dollars
  authorization_id: number
  account_number_masked: string
  transaction_type: "promotional_purchase" | "regular_purchase"
  plan_id?: number | null
  term?: number | null
  authorized_amount: Dollars
  released_amount: Dollars
  captures: CaptureLedgerEntry[]
  refunds: RefundLedgerEntry[]
  authorization_status: string
  /** a release Flexiti has not confirmed yet; the reconciler retries it */
  release_pending?: boolean
  authorization_error?: string
}

export function maskAccountNumber(accountNumber: number | string): string {
  const digits = String(accountNumber)
  return `•••• ${digits.slice(-4)}`
}
