import { HttpError } from "../http-utils"

/**
 * Error codes from Flexiti's public error pages (Error Overview, and the error tables of the
 * Authentication, Transactions and Customers endpoint pages), with the status they come with
 * and the page's wording. The sandbox answers them by rule and, for tests, on demand.
 */
export const DOCUMENTED_ERRORS = {
  // Authentication
  invalid_client: { status: 400, message: "Client authentication failed: wrong or missing client_id or client_secret" },
  invalid_request: { status: 400, message: "Invalid request" },
  invalid_token: { status: 401, message: "Invalid or expired access token" },
  insufficient_scope: { status: 403, message: "Insufficient scope: authorized scope is insufficient" },
  invalid_role: { status: 409, message: "The developer account has no role for this API" },
  wrong_inputs: { status: 409, message: "Some inputs are wrong!" },
  general_error: { status: 409, message: "General error: please contact implementation@flexiti.com" },
  // POST authorization
  not_found: { status: 404, message: "Not found" },
  customer_identity_not_found: {
    status: 404,
    message: "The customer didn't pass through the widget or was not authenticated properly",
  },
  credit_exceeded: { status: 409, message: "The amount requested plus interest is greater than the available credit" },
  not_enough_credit: { status: 409, message: "The customer does not have enough available credit" },
  user_not_able_to_purchase: { status: 409, message: "The customer's account status does not allow purchases" },
  user_not_active: { status: 409, message: "The customer's account is not active" },
  limit_payment_amount_24: { status: 409, message: "The $10,000 payments limit for 24 hours was reached" },
  merchant_not_support_nonprime_regularpurchase: {
    status: 409,
    message: "The customer is non-prime and the merchant does not accept non-prime regular purchases",
  },
  auth_not_allowed: { status: 409, message: "Merchant has not been configured for preauthorization" },
  plan_term_not_set: { status: 409, message: "A plan and term are required for a promotional purchase" },
  plan_term_not_available: { status: 409, message: "The plan and term are not available" },
  // capture / release / return / refund
  authorization_ended: { status: 409, message: "The authorization has closed status" },
  auth_amount_exceeded: { status: 409, message: "Amount is greater than the remaining credit authorization amount" },
  capture_amount_exceeded: { status: 409, message: "Return amount is greater than the remaining capture amount" },
  return_date_exceeded: { status: 409, message: "The capture is older than 100 days" },
  wrong_transaction_type: { status: 409, message: "The capture is not related to a promotional purchase" },
  refunds_limit_exceeded_amount: { status: 409, message: "Refund amount exceeds account balance limit" },
  not_permitted: { status: 409, message: "The employee is not permitted to perform this action" },
} as const

export type DocumentedErrorCode = keyof typeof DOCUMENTED_ERRORS

export function isDocumentedErrorCode(code: string): code is DocumentedErrorCode {
  return Object.prototype.hasOwnProperty.call(DOCUMENTED_ERRORS, code)
}

/** The documented error, optionally with a more specific message. */
export function documented(code: DocumentedErrorCode, message?: string): HttpError {
  const { status, message: standard } = DOCUMENTED_ERRORS[code]
  return new HttpError(status, code, message ?? standard)
}
