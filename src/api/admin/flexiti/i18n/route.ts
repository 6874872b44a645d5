import type { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { FLEXITI_MODULE } from "../../../../modules/flexiti/schema"
import type FlexitiModuleService from "../../../../modules/flexiti/service"
import { environmentInForce } from "../../../../config/from-container"
import { parseBody } from "../../../validation"
import { optionalEnvironmentQuery } from "../lib/schemas"

/** Flexiti's synced labels (plans, provinces, transaction types, disclosures) in en and fr, and the last sync. */
export async function GET(req: AuthenticatedMedusaRequest, res: MedusaResponse) {
  const { environment } = parseBody(optionalEnvironmentQuery, req.query)
  const flexiti = req.scope.resolve<FlexitiModuleService>(FLEXITI_MODULE)
  res.json({ i18n: await flexiti.getI18n(await environmentInForce(req.scope, environment)) })
}
