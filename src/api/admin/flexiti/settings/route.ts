import type { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { FLEXITI_MODULE } from "../../../../modules/flexiti/schema"
import type FlexitiModuleService from "../../../../modules/flexiti/service"
import { parseBody } from "../../../validation"
import { postSettingsBody } from "../lib/schemas"
import { settingsView } from "../lib/settings-view"

/** Settings, credential status per environment (never a secret), portals, trust URLs, last sync. */
export async function GET(req: AuthenticatedMedusaRequest, res: MedusaResponse) {
  res.json(await settingsView(req.scope))
}

/** Partial update; applies to the next checkout (the provider reads settings on every call). */
export async function POST(req: AuthenticatedMedusaRequest, res: MedusaResponse) {
  const { environment, ...rest } = parseBody(postSettingsBody, req.body)
  const flexiti = req.scope.resolve<FlexitiModuleService>(FLEXITI_MODULE)
  await flexiti.updateSettings({ ...rest, ...(environment ? { active_environment: environment } : {}) })
  res.json(await settingsView(req.scope))
}
