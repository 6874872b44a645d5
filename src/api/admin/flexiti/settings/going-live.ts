import type { MedusaContainer } from "@medusajs/framework/types"
import { MedusaError } from "@medusajs/framework/utils"
import { declaredProviderOptions } from "../../../../config/from-container"
import { credentialsManagedByEnvironment } from "../../../../config/resolver"
import { FLEXITI_MODULE } from "../../../../modules/flexiti/schema"
import type FlexitiModuleService from "../../../../modules/flexiti/service"

function refuse(message: string): never {
  throw new MedusaError(MedusaError.Types.NOT_ALLOWED, `Cannot switch to Production yet: ${message}`)
}

/**
 * Switching live checkouts to production is refused until production credentials are saved and
 * the newest "Test connection" with them passed, after they were last saved: a store never sends
 * shoppers to Flexiti's live system with credentials nobody has seen work.
 */
export async function assertReadyForProduction(container: MedusaContainer): Promise<void> {
  const flexiti = container.resolve<FlexitiModuleService>(FLEXITI_MODULE)
  const managed = credentialsManagedByEnvironment(declaredProviderOptions(container))
  const credentials = await flexiti.getCredentialStatus("production")
  if (!managed && !(credentials.client_id && credentials.secret_set)) {
    refuse("save the production client id and client secret Flexiti gave you (Credentials for: Production), then run Test connection")
  }
  const test = await flexiti.lastConnectionTest("production")
  if (!test) refuse("run Test connection for Production first")
  if (test.outcome !== "success") refuse(`the last Test connection for Production failed (${test.error_code ?? "no code"}); fix the credentials and test again`)
  if (!managed && credentials.secret_set_at && new Date(credentials.secret_set_at) > test.created_at) {
    refuse("the production credentials changed after the last Test connection; test them again")
  }
}
