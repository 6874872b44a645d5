import type { FlexitiCheckoutState } from "../../modules/flexiti/types"

/**
 * A checkout row as the checkout store returns it before anything was recorded: every column
 * empty, a widget checkout in training. Tests set only the fields their case is about.
 */
export function blankCheckout(fields: Partial<FlexitiCheckoutState> & { payment_session_id: string }, now = new Date()): FlexitiCheckoutState {
  return {
    id: `fxco_${fields.payment_session_id}`,
    flow: "widget",
    environment: "training",
    reference_id: fields.payment_session_id,
    widget_session_id: null,
    customer_token: null,
    widget_result: null,
    online_order_id: null,
    authorization_id: null,
    cart_id: null,
    amount: null,
    account_number: null,
    release_state: null,
    release_error: null,
    authorization_attempted_at: null,
    in_review_since: null,
    financing_options: null,
    financing_choice: null,
    sku_data: null,
    accepted_at: null,
    reconciled_at: null,
    context_nonce: null,
    created_at: now,
    updated_at: now,
    ...fields,
  }
}
