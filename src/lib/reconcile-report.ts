/**
 * What one reconciliation run did, as the admin's "Reconcile now" shows it. Defined here, not
 * beside the reconciler, so the admin UI can type the route's answer without importing the server
 * workflow.
 */
export interface ReconcileReport {
  /** orders placed while Flexiti reviewed the application: authorized now, still waiting, or cancelled */
  reviews: { payment_session_id: string; outcome: "authorized" | "waiting" | "declined" | "order_cancelled" }[]
  released: { payment_session_id: string; authorization_id: string; amount: string }[]
  /** money Flexiti captured with no order behind it (auto-capture), given back to the shopper */
  returned: { payment_session_id: string; authorization_id: string; amount: string }[]
  pending_releases_retried: { payment_session_id: string; released: boolean; error?: string }[]
  recovered: { payment_session_id: string; authorization_id: string }[]
  flagged: { payment_session_id: string; payment_id: string; authorization_id: string; reason: string }[]
  /** cancelled orders whose captured money Medusa's cancel left unrefunded: refunded now, or still waiting */
  canceled_order_refunds: { payment_id: string; amount: string; refunded: boolean; error?: string }[]
  errors: { payment_session_id: string; message: string }[]
  /** Flexiti calls this run made, its budget, and the checkouts left for the next run */
  flexiti_calls: number
  call_budget: number
  deferred: number
}

export function emptyReconcileReport(): ReconcileReport {
  return {
    reviews: [],
    released: [],
    returned: [],
    pending_releases_retried: [],
    recovered: [],
    flagged: [],
    canceled_order_refunds: [],
    errors: [],
    flexiti_calls: 0,
    call_budget: 0,
    deferred: 0,
  }
}
