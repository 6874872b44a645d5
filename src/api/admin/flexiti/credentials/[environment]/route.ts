import type { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { MedusaError } from "@medusajs/framework/utils"
import { FLEXITI_MODULE } from "../../../../../modules/flexiti/schema"
import type FlexitiModuleService from "../../../../../modules/flexiti/service"
import { declaredProviderOptions } from "../../../../../config/from-container"
import { credentialsManagedByEnvironment } from "../../../../../config/resolver"
import { parseBody } from "../../../../validation"
import { environmentParams, postCredentialsBody } from "../../lib/schemas"
import { credentialView } from "../../lib/settings-view"

/**
 * Saves one environment's credentials. `client_secret` is write-only (encrypted at rest,
 * omitted = keep, null = clear); the answer is the status, never the secret.
 */
export async function POST(req: AuthenticatedMedusaRequest, res: MedusaResponse) {
  const { environment } = parseBody(environmentParams, req.params)
  const body = parseBody(postCredentialsBody, req.body)
  if (credentialsManagedByEnvironment(declaredProviderOptions(req.scope))) {
    throw new MedusaError(
      MedusaError.Types.INVALID_DATA,
      "Flexiti credentials are managed by environment (FLEXITI_CLIENT_ID / FLEXITI_CLIENT_SECRET) and cannot be edited in the admin"
    )
  }
  const flexiti = req.scope.resolve<FlexitiModuleService>(FLEXITI_MODULE)
  const status = await flexiti.setCredentials({ ...body, environment })
  res.json({ credentials: credentialView(status, false) })
}
