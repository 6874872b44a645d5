/**
 * The payments core: the one entry for every payment step (docs/architecture.md). Routes, the
 * reconciler, subscribers, jobs and the provider service import from here, never from
 * `steps/`, so what a step needs stays the core's own business.
 */

// the core's ports and their PostgreSQL implementation
export type { PaymentsDeps, PaymentsRecords } from "./deps"
export { pgPaymentsDeps, pgRecords, recordsOf } from "./pg-deps"

// one function per step Medusa asks of the provider
export { initiatePayment } from "./initiate"
export { authorizePayment } from "./authorize"
export { capturePayment } from "./capture"
export { refundPayment } from "./refund"
export { cancelPayment, deletePayment } from "./release-payment"
export { checkoutOf, paymentStatusOf, retrievePaymentData } from "./reads"

// sessions and checkouts (store routes, the flood guard, the webhook)
export { SESSION_ID, checkoutOfSession } from "./steps/session-data"
export { findAuthorizationByReference } from "./steps/widget-flow"
export { readHostedOutcome, hostedPurchaseConfirmed } from "./steps/hosted-flow"
export { startApplication, submitApplication } from "./steps/application-flow"
export { SKU_CART_FIELDS, skuDataFromCart } from "./steps/sku-data"
export type { SkuCart } from "./steps/sku-data"

// financing plans
export { choiceOf, fetchFinancingOffer, findOffered, fitsAvailableCredit, preselectedOption, verifiedAccount } from "./steps/financing"
export type { FinancingChoiceInput } from "./steps/financing"

// what the reconciler and the order-canceled subscriber give back
export type { MoneyContext } from "./steps/money-movements"
export { releaseAbandoned } from "./steps/release"
export type { AbandonedReleaseOutcome } from "./steps/release"
export { unrefundedCapture, finishCanceledOrderRefund } from "./steps/canceled-order-refunds"
export type { CanceledOrderPayment } from "./steps/canceled-order-refunds"
export { resolveUnansweredRefundOfPayment } from "./steps/resolve-refund"

// the admin's payment panel
export { flexitiPaymentSummary } from "./steps/payment-summary"
export { maskAccountNumber } from "./steps/types"

// errors and what a shopper reads
export { asMedusaError } from "./steps/medusa-errors"
export { FLEXITI_ACTIVATION_URL, widgetOutcomeMessage } from "./steps/shopper-messages"
export type { WidgetOutcome } from "./steps/shopper-messages"
