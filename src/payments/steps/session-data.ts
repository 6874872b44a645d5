import { FlexitiCheckoutState } from "../../modules/flexiti/types"
import type { CheckoutsPort } from "../deps"
import { FlexitiSessionData, SESSION_DATA_KEYS } from "./types"

/** Medusa's payment session ids: only such an id is looked up in the plugin's records. */
export const SESSION_ID = /^payses_[A-Za-z0-9]+$/

/** The plugin's checkout for a payment session id taken from Medusa's input, if it is one. */
export async function checkoutOfSession(checkouts: CheckoutsPort, sessionId: unknown): Promise<FlexitiCheckoutState | undefined> {
  return typeof sessionId === "string" && SESSION_ID.test(sessionId) ? checkouts.read(sessionId) : undefined
}

/** The public session fields of a checkout (for answers given before an authorization exists). */
export function sessionDataOf(checkout: FlexitiCheckoutState): Record<string, unknown> {
  return {
    session_id: checkout.payment_session_id,
    flow: checkout.flow,
    reference_id: checkout.reference_id,
    amount: checkout.amount,
    widget_session_id: checkout.widget_session_id ?? undefined,
    online_order_id: checkout.online_order_id ? Number(checkout.online_order_id) : undefined,
  }
}

/**
 * Medusa stores a session as `{ ...what the storefront sent, ...what the provider returns }`:
 * every storefront key the provider does not own is returned as null, so nothing a shopper
 * sends (an authorization id, a ledger, the signed cart facts with their personal data) stays.
 */
export function publicSessionData(own: FlexitiSessionData, sent: Record<string, unknown> | undefined): Record<string, unknown> {
  const cleared = Object.fromEntries(
    Object.keys(sent ?? {})
      .filter((k) => !SESSION_DATA_KEYS.includes(k as never))
      .map((k) => [k, null])
  )
  return { ...cleared, ...own }
}
