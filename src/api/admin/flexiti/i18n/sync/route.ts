import type { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { FLEXITI_MODULE } from "../../../../../modules/flexiti/schema"
import type FlexitiModuleService from "../../../../../modules/flexiti/service"
import { syncFlexitiI18nWorkflow } from "../../../../../workflows/sync-flexiti-i18n"
import { parseBody } from "../../../../validation"
import { optionalEnvironmentBody } from "../../lib/schemas"

/**
 * Runs the i18n sync now. A Flexiti refusal or missing credentials is `ok: false` with the
 * recorded sync (the labels of the last successful sync are kept).
 */
export async function POST(req: AuthenticatedMedusaRequest, res: MedusaResponse) {
  const { environment } = parseBody(optionalEnvironmentBody, req.body)
  const { result } = await syncFlexitiI18nWorkflow(req.scope).run({ input: { environment } })
  const flexiti = req.scope.resolve<FlexitiModuleService>(FLEXITI_MODULE)
  res.json({ ok: result.ok, sync: result.sync, i18n: await flexiti.getI18n(result.sync.environment) })
}
