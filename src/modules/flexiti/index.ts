import { Module } from "@medusajs/framework/utils"
import { FLEXITI_MODULE } from "./schema"
import FlexitiModuleService from "./service"

export { FLEXITI_MODULE }
export * from "./schema"
export type * from "./types"
export { FLEXITI_ENCRYPTION_KEY_ENV, FlexitiCryptoError, decryptSecret, encryptSecret, loadEncryptionKey, parseEncryptionKey } from "./crypto"
export type { PgConnection } from "./stores/connection"
export type { SetFlexitiCredentialsInput, UpdateFlexitiSettingsInput } from "./validation"
export { FlexitiModuleService }

export default Module(FLEXITI_MODULE, {
  service: FlexitiModuleService,
})
