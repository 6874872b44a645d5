import type { Dollars } from "./money"

export type FlexitiFlow = "widget" | "hosted"

/**
 * Session data: readable by the storefront (GET /store/carts/:id), so public fields only.
 * No token, no secret, no full account number.
 */
export interface FlexitiSessionData {
  session_id: string
  flow: FlexitiFlow
  environment: string
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
  /** signed cart facts built by the store route (see checkout-context.ts) */
  checkout_context?: unknown
  checkout_signature?: string
}

export interface CaptureLedgerEntry {
  capture_id: number
  /** Medusa capture id (capt_…), also the Flexiti capture reference */
  medusa_capture_id: string | null
  amount: Dollars
  date: string
  returned: Dollars
  refunded: Dollars
}

export interface RefundLedgerEntry {
  medusa_refund_id: string
  capture_id: number
  amount: Dollars
  method: "return" | "account_refund"
  return_id?: number
  date: string
}

/** Payment data after authorization (session data plus the Flexiti authorization ledger). */
export interface FlexitiPaymentData extends FlexitiSessionData {
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
  authorization_error?: string
}

export function maskAccountNumber(accountNumber: number | string): string {
  const digits = String(accountNumber)
  return `•••• ${digits.slice(-4)}`
}
