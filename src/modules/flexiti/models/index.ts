export { default as FlexitiSettings } from "./flexiti-settings"
export { default as FlexitiCredential } from "./flexiti-credential"
export { default as FlexitiCheckout } from "./flexiti-checkout"
export { default as FlexitiCallLog } from "./flexiti-call-log"
