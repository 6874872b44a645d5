/**
 * Flexiti storefront kit, framework-free (`medusa-payment-flexiti/storefront`).
 * React components: `medusa-payment-flexiti/storefront/react`.
 */
export { openFlexitiModal } from "./launcher"
export type { FlexitiOutcome, FlexitiModalEvent, OpenFlexitiModalOptions } from "./launcher"
export {
  payWithFlexiti,
  startFlexitiSession,
  completeFlexitiCart,
  settleFlexitiOutcome,
  resumeFlexitiCheckout,
  isInsideFlexitiModal,
  widgetFailureMessage,
} from "./checkout"
export type { PayWithFlexitiOptions, PayWithFlexitiResult, FlexitiPaymentSession, FlexitiOrder, FlexitiRefusalReason } from "./checkout"
export { applyInCheckout } from "./application"
export type { ApplicationStepOptions, ApplicationStepResult } from "./application"
export { openFlexitiStepDialog } from "./step-dialog"
export type { FlexitiStepDialogOptions } from "./step-dialog"
export { FLEXITI_STEP_TEXTS, stepText } from "./step-texts"
export type { FlexitiStepTextKey } from "./step-texts"
export { storeRequest, fetchCalculator, fetchEligibility, asLowAsText, calculatorPath, eligibilityMessages, FlexitiStoreError } from "./store-api"
export type { FlexitiStoreOptions, MedusaSdkLike, CalculatorAnswer, EligibilityAnswer, EligibilityReason } from "./store-api"
export { parseWidgetMessage, expectedOriginOf, isTrustedOrigin, widgetFailureKind } from "./messages"
export { openFlexitiPlanPicker } from "./plan-picker"
export type { OpenFlexitiPlanPickerOptions } from "./plan-picker"
export { fetchFinancing, chooseFinancing, initialOption, planOptionText } from "./financing"
export type { FlexitiFinancing, FlexitiFinancingOption, FlexitiFinancingFee, FlexitiPlanChooser } from "./financing"
export type { WidgetMessage, WidgetSuccessEventData, WidgetFailureEventData } from "./messages"
export { FLEXITI_TEXTS, flexitiText, formatCad, normalizeLang } from "./i18n"
export type { FlexitiLang, FlexitiTextKey } from "./i18n"
