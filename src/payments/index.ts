/**
 * The payments core: the one entry for every payment step (docs/architecture.md). Routes, the
 * reconciler, subscribers, jobs and the provider service import from here, never from
 * `steps/`, so what a step needs stays the core's own business.
 */

// the core's ports and their PostgreSQL implementation
export type { CheckoutsPort, MoneyClient, MovementsPort, PaymentsDeps, PaymentsRecords } from "./deps"
export { pgPaymentsDeps, pgRecords, recordsOf } from "./pg-deps"

// one function per step Medusa asks of the provider
export { initiatePayment } from "./initiate"
export { authorizePayment } from "./authorize"
export { capturePayment } from "./capture"
export { refundPayment } from "./refund"
export { cancelPayment, deletePayment } from "./release-payment"
export { authorizedCheckoutOf, checkoutOf, moneyContextOf, paymentDataFor, paymentStatusOf, retrievePaymentData, sessionAudit } from "./reads"

// sessions and checkouts
export { SESSION_ID, checkoutOfSession, publicSessionData, sessionDataOf } from "./steps/session-data"
export { initiateWidget, authorizeWidget, findAuthorizationByReference, isDecline } from "./steps/widget-flow"
export { initiateHosted, readHostedOutcome, hostedPurchaseConfirmed } from "./steps/hosted-flow"
export { acceptAuthorization } from "./steps/accept-authorization"
export { startApplication, submitApplication } from "./steps/application-flow"
export { SKU_CART_FIELDS, skuDataFromCart } from "./steps/sku-data"
export type { SkuCart } from "./steps/sku-data"

// financing plans
export { choiceOf, fetchFinancingOffer, findOffered, fitsAvailableCredit, preselectedOption, verifiedAccount } from "./steps/financing"
export type { FinancingChoiceInput } from "./steps/financing"

// money movements
export { withMoneyLock, MoneyLockBusyError } from "./steps/money-lock"
export { captureOnFlexiti, refundOnFlexiti, failureEntry } from "./steps/money-movements"
export type { AuthorizedCheckout, MoneyContext } from "./steps/money-movements"
export { releaseAbandoned, releaseOrMarkPending } from "./steps/release"
export type { AbandonedReleaseOutcome } from "./steps/release"
export { giveBackUnrecorded } from "./steps/return-without-order"
export { unrefundedCapture, finishCanceledOrderRefund } from "./steps/canceled-order-refunds"
export type { CanceledOrderPayment } from "./steps/canceled-order-refunds"
export { resolveUnansweredRefundOfPayment } from "./steps/resolve-refund"

// reads
export { paymentDataOf, statusOfAuthorization } from "./steps/authorization-ledger"
export { flexitiPaymentSummary } from "./steps/payment-summary"
export { capturesOfPayment, captureRow, cartOfPaymentSession, paymentOfSession, refundsOfPayment } from "./steps/medusa-records"
export { maskAccountNumber } from "./steps/types"

// errors and what a shopper reads
export { asMedusaError, asShopperError } from "./steps/medusa-errors"
export {
  FLEXITI_ACTIVATION_URL,
  STORE_CONFIGURATION_CODES,
  choosePlanMessage,
  inReviewMessage,
  shopperMessage,
  widgetOutcomeMessage,
} from "./steps/shopper-messages"
export type { WidgetOutcome } from "./steps/shopper-messages"
