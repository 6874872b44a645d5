/**
 * Every INFERENCE about the Flexiti API that drives behaviour lives here, so it can be
 * corrected in one place when Flexiti confirms (implementation@flexiti.com).
 * Each one is listed in the README under "Assumptions about the Flexiti API".
 */
export const ASSUMPTIONS = {
  /** Transactions Endpoints, API Changelog: POST/GET authorization live under v2.5.1; capture, release, return and refund stay on v2.5. */
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
   * SDK Init Method: a purchase widget needs customer_identification; a cart has no date of birth, so we
   * send personal_information (names and postal code) without dob and let the widget ask.
   */
  WIDGET_IDENTIFICATION: "personal_information_without_dob",
  /** Not public: the authorization response carries authorization_id, status, amounts and captures. */
  AUTHORIZATION_SHAPE: "authorization_id,status,amount,captured_amount,released_amount,remaining_authorization_amount,captures[]",
  /** Not public: capture answers capture_id and remaining_authorization_amount. */
  CAPTURE_SHAPE: "capture_id,amount,remaining_authorization_amount",
  /** Not public: release takes an optional amount; omitted = release everything that remains. */
  RELEASE_BODY: "amount optional",
  /** Transactions Endpoints show opened and closed: statuses are opened (amount remains) and closed (nothing remains: captured and/or released). */
  AUTHORIZATION_STATUSES: { open: "opened", closed: "closed" },
  /** Authentication Endpoints: refresh a token this many seconds before it expires (it cannot be refreshed after). */
  TOKEN_REFRESH_SKEW_SECONDS: 120,
  /** Transactions Endpoints (return_date_exceeded, wrong_transaction_type): returns go to capture/{id}/return for promotional purchases within 100 days, else account refund. */
  RETURN_WINDOW_DAYS: 100,
  /** Online API Endpoints Reference: flows are printed "Apply", "Buy", "Apply/Buy"; we send them lower case. */
  ONLINE_FLOW_VALUES: { buy: "buy", apply: "apply", applyBuy: "apply/buy" },
  /**
   * The systems/init page does not name its content type. Flexiti's own JavaScript SDK and its
   * Magento 2 proof of concept both send it application/x-www-form-urlencoded, and the field
   * names are printed dotted (billing_information.first_name), as form names are; the POS API
   * overview's "submitted as JSON" is about the POS API. We send a form with dotted names.
   */
  SYSTEMS_INIT_ENCODING: "form",
  /**
   * Not public (notifications show the apply flow only): a buy-flow notification carries purchase{status, authorization_id, account_number,
   * amount}; status SUCCESS means an opened POS authorization usable with merchant-scope calls.
   */
  HOSTED_PURCHASE_NOTIFICATION: { successStatus: "SUCCESS", pendingStatus: "PENDING" },
  /**
   * The i18n answer's disclosure texts are not tied to plans or provinces by the docs. Our reading:
   * `qcpa_disclosure` (Quebec's Consumer Protection Act) is shown to shoppers with a Quebec billing
   * address, every other text to every shopper, before they confirm a plan.
   */
  DISCLOSURES_SHOWN: { quebecOnly: ["qcpa_disclosure"], quebecProvince: "QC" },
  /**
   * POS API sku_data (authorization, capture, return, refund) documents the fields and two lengths
   * (purchase_order 10, register_id 50), not the lengths of a product's texts nor how a return's
   * totals are signed. We cut sku_id and category to 50 characters and description to 100, and
   * send a return's and a refund's totals negative, as the return example does.
   */
  SKU_DATA: { skuIdMax: 50, categoryMax: 50, descriptionMax: 100, returnTotalsNegative: true },
  /** Authentication Endpoints ("or you will receive an error"): a token request that is not form-encoded is refused with 400 invalid_request. */
  TOKEN_WRONG_ENCODING_ERROR: { status: 400, error: "invalid_request" },
  /** Widget Communication Events: widget messages come from the origin of the redirection_url. */
  WIDGET_MESSAGE_ORIGIN: "origin of redirection_url",
  /**
   * Not public: an authorization's `reference` is the merchant's reference it was created with:
   * the body `reference` of POST authorization, and the `merchant_orderid` of a hosted purchase.
   * The plugin sends the payment session id in both, and uses an authorization only when its
   * reference is that session's id.
   */
  AUTHORIZATION_REFERENCE: "merchant reference the authorization was created with",
  /**
   * Not public: each capture in GET authorization reports `returned_amount`, so a return whose
   * answer was lost can be recognised. An account refund answers `{}` and cannot be read back.
   */
  CAPTURE_RETURNED_AMOUNT: "captures[].returned_amount",
  /**
   * Not public: the shape of a term's `annual_rates` in calculate-interest (API Changelog 21.10.0
   * says only that it replaced `apr`, with three sub-levels). A plan's rate is shown only when it
   * is a plain number; a revolving purchase shows its documented `air`.
   */
  PLAN_ANNUAL_RATE: "plain number only",
  /**
   * Error Overview: 465–467 are "Blocked" (malicious payload, ACL rule, geo-blocked); no rate limit
   * or 429 is published. We read a merchant sending too much as liable to be blocked, so the store
   * spends at most a configured number of Flexiti calls a minute.
   */
  MERCHANT_CALL_RATE: "unpublished; too many calls may be blocked (465-467)",
  /**
   * Not public: POST /apply's body. The docs say only that it must carry the same personal data
   * as widget/init and the widget_session_id; we send widget/init's application fields
   * (customer_identification.personal_information, tos_agreement, email, phone_number as a
   * 10-digit number, address, province, account_type) plus widget_session_id, JSON, on v2.5 with
   * the application's customer-scope token.
   */
  APPLY_REQUEST: { version: "v2.5", fields: "widget/init application fields + widget_session_id" },
  /**
   * Not public: POST /apply's success body. We read the new account's `account_number` (and keep
   * `customer_id`, `apply_status` when present); a decline or a pending review is a 409 with the
   * documented apply codes application_declined(_2,_3) / application_marked_pending_1/_2.
   */
  APPLY_ANSWER: "account_number on approval; 409 application_declined* / application_marked_pending*",
  /**
   * Not described: how a purchase goes on after an approved application. We open a purchase
   * widget for the new account (widget/init flow purchase, customer_identification.account_number)
   * on the same customer-scope lineage; the shopper verifies there and the usual numeric/true/purchase
   * leads to the plan choice and the authorization.
   */
  PURCHASE_AFTER_APPLICATION: "purchase widget for the new account, same lineage",
  /**
   * Not public: the POS API gives no way to learn a pending application's decision (no
   * notification or lookup for it). The shopper is told Flexiti will email the decision and the
   * cart stays open for another payment method; no order waits.
   */
  PENDING_APPLICATION_DECISION: "by email to the shopper; no pending order",
  /**
   * Partly public: calculate-interest answers `customer.available_credit`, and authorization
   * refuses with credit_exceeded when the "amount requested plus interest is greater than the
   * available credit". The docs do not say how interest is counted for that test. We count a
   * financed plan's total (monthly payment × term, never less than the amount) and, for a
   * revolving purchase (interest accrues later), the amount alone; fees are not counted. The
   * plan picker marks options above the available credit before the shopper confirms; Flexiti's
   * own refusal at authorization still decides.
   */
  CREDIT_CHECK: "plan total (monthly × term, at least the amount) or the amount for revolving, vs customer.available_credit",
} as const

export function isAuthorizationOpen(status: string): boolean {
  return status.toLowerCase() === ASSUMPTIONS.AUTHORIZATION_STATUSES.open
}

export function isHostedPurchaseSuccessful(status: string | undefined | null): boolean {
  return (status ?? "").toUpperCase() === ASSUMPTIONS.HOSTED_PURCHASE_NOTIFICATION.successStatus
}

/** A hosted purchase Flexiti is still reviewing (an application marked pending). */
export function isHostedPurchasePending(status: string | undefined | null): boolean {
  return (status ?? "").toUpperCase() === ASSUMPTIONS.HOSTED_PURCHASE_NOTIFICATION.pendingStatus
}
