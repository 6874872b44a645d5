/**
 * Every INFERENCE about the Flexiti API that code reads as a value lives here, so it can be
 * corrected in one place when Flexiti confirms (implementation@flexiti.com). The README's
 * "Assumptions about the Flexiti API" lists these and the readings that only shape the code.
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
  /** Transactions Endpoints show opened and closed: statuses are opened (amount remains) and closed (nothing remains: captured and/or released). */
  AUTHORIZATION_STATUSES: { open: "opened", closed: "closed" },
  /** Authentication Endpoints: refresh a token this many seconds before it expires (it cannot be refreshed after). */
  TOKEN_REFRESH_SKEW_SECONDS: 120,
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
   * Not public: POST /apply's body. The docs say only that it must carry the same personal data
   * as widget/init and the widget_session_id; we send widget/init's application fields
   * (customer_identification.personal_information, tos_agreement, email, phone_number as a
   * 10-digit number, address, province, account_type) plus widget_session_id, JSON, on v2.5 with
   * the application's customer-scope token.
   */
  APPLY_REQUEST: { version: "v2.5", fields: "widget/init application fields + widget_session_id" },
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
