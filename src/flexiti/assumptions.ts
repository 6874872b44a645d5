/**
 * Every INFERENCE about the Flexiti API that drives behaviour lives here, so it can be
 * corrected in one place when Flexiti confirms (implementation@flexiti.com).
 * Each one is listed in the README under "Assumptions about the Flexiti API".
 * References are to ../shared/flexiti-api.md.
 */
export const ASSUMPTIONS = {
  /** §5.4: POST/GET authorization live under v2.5.1; capture, release, return and refund stay on v2.5. */
  POS_VERSIONS: {
    authorization: "v2.5.1",
    calculateInterest: "v2.5.1",
    capture: "v2.5",
    release: "v2.5",
    return: "v2.5",
    refund: "v2.5",
    widgetInit: "v2.5",
    customers: "v2.5",
    i18n: "v2.5",
    token: "v2.5",
  },
  /**
   * §5.3: a purchase widget needs customer_identification; a cart has no date of birth, so we
   * send personal_information (names and postal code) without dob and let the widget ask.
   */
  WIDGET_IDENTIFICATION: "personal_information_without_dob",
  /** §5.4/§9.1: the authorization response carries authorization_id, status, amounts and captures. */
  AUTHORIZATION_SHAPE: "authorization_id,status,amount,captured_amount,released_amount,remaining_authorization_amount,captures[]",
  /** §5.4/§9.2: capture answers capture_id and remaining_authorization_amount. */
  CAPTURE_SHAPE: "capture_id,amount,remaining_authorization_amount",
  /** §5.4: release takes an optional amount; omitted = release everything that remains. */
  RELEASE_BODY: "amount optional",
  /** §5.4: statuses are opened (amount remains) and closed (nothing remains: captured and/or released). */
  AUTHORIZATION_STATUSES: { open: "opened", closed: "closed" },
  /** §3.4: refresh a token this many seconds before it expires (it cannot be refreshed after). */
  TOKEN_REFRESH_SKEW_SECONDS: 120,
  /** §5.4 + §6.1: returns go to capture/{id}/return for promotional purchases within 100 days, else account refund. */
  RETURN_WINDOW_DAYS: 100,
  /** §4.1/§9.7: systems/init takes a JSON body like the POS API; flow strings are lower case. */
  ONLINE_FLOW_VALUES: { buy: "buy", apply: "apply", applyBuy: "apply/buy" },
  SYSTEMS_INIT_ENCODING: "json",
  /**
   * §4.3/§9.5: a buy-flow notification carries purchase{status, authorization_id, account_number,
   * amount}; status SUCCESS means an opened POS authorization usable with merchant-scope calls.
   */
  HOSTED_PURCHASE_NOTIFICATION: { successStatus: "SUCCESS" },
  /** §5.1: i18n answers label maps keyed by code: provinces, plan_ids, transaction_types, disclosures. */
  I18N_SHAPE: "label maps",
  /** §3.2: a token request that is not form-encoded is refused with 400 invalid_request. */
  TOKEN_WRONG_ENCODING_ERROR: { status: 400, error: "invalid_request" },
  /** §7.1: widget messages come from the origin of the redirection_url. */
  WIDGET_MESSAGE_ORIGIN: "origin of redirection_url",
} as const

export function isAuthorizationOpen(status: string): boolean {
  return status.toLowerCase() === ASSUMPTIONS.AUTHORIZATION_STATUSES.open
}

export function isHostedPurchaseSuccessful(status: string | undefined | null): boolean {
  return (status ?? "").toUpperCase() === ASSUMPTIONS.HOSTED_PURCHASE_NOTIFICATION.successStatus
}
