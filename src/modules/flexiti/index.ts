import { Module } from "@medusajs/framework/utils"
import { FLEXITI_MODULE } from "./constants"
import FlexitiModuleService from "./service"

export { FLEXITI_MODULE }
export * from "./constants"
export {
  FLEXITI_ENCRYPTION_KEY_ENV,
  FlexitiCryptoError,
  decryptSecret,
  encryptSecret,
  loadEncryptionKey,
  parseEncryptionKey,
} from "./crypto"
export {
  appendCallLog,
  eligibleProvinces,
  readSyncedProvinces,
  readCredentials,
  readSettings,
} from "./settings-reader"
export { readCheckout, writeCheckout } from "./checkout-store"
export type { FlexitiReaderKnex, KnexLike, ReadCredentialsResult } from "./settings-reader"
export type {
  FlexitiCredentialStatus,
  FlexitiResolvedCredentials,
  FlexitiSettingsDTO,
} from "./service"
export type { SetFlexitiCredentialsInput, UpdateFlexitiSettingsInput } from "./validation"
export { FlexitiModuleService }

export default Module(FLEXITI_MODULE, {
  service: FlexitiModuleService,
})
