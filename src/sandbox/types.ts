/**
 * The sandbox's own vocabulary, written from Flexiti's public documentation. It deliberately
 * does not reuse the plugin's client types: the sandbox is the plugin's examiner, so a
 * misreading in the client must not become the sandbox's reading too.
 */

/** Query `lang`: "ASCII string (2) … en=English or fr=French, default en" (POS API, Authentication Endpoints). */
export type Lang = "en" | "fr"
export const LANGS: readonly Lang[] = ["en", "fr"]

/** "Available values: 'customer', 'merchant'. Default value: merchant" (POST /oauth/token). */
export type TokenScope = "merchant" | "customer"

/** i18n `transaction_types` (POS API, i18n). */
export type TransactionType = "promotional_purchase" | "regular_purchase"

/** flx-success eventData (Widget Communication Events). */
export interface WidgetSuccessData {
  accountNumber: number | null
  verified: boolean
  action: "apply" | "purchase" | "activation" | "retry" | null
  mfaOptionSelected: "sms" | "email" | "security_question" | null
  widget_session_id: string
  customerId: string | null
  accountType: "business" | "consumer" | null
}

/** What the hosted widget posts to its parent window (Widget Communication Events). */
export type WidgetEvent =
  | { eventType: "flx-success"; eventData: WidgetSuccessData }
  | { eventType: "flx-failure"; eventData: { error: number; message: string } }
  | { eventType: "flx-cancel" }

/**
 * GET notifications. The Online API Endpoints Reference example: transaction_id, flow,
 * callback_url, apply{customer_id, apply_status}, date. The `purchase` part of a buy flow is not public: the sandbox's reading is documented in
 * docs/assumptions.md ("Assumptions about the Flexiti API").
 */
export interface SandboxNotification {
  transaction_id: number
  flow: string
  callback_url: string
  date: string
  merchant_orderid: string | null
  apply?: { customer_id: number | null; apply_status: string }
  purchase?: {
    status: string
    authorization_id?: number
    account_number?: number
    amount: number
    auto_capture?: boolean
    error?: string
  }
}
