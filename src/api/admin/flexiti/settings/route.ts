import type { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { FLEXITI_MODULE } from "../../../../modules/flexiti/schema"
import type FlexitiModuleService from "../../../../modules/flexiti/service"
import { parseBody } from "../../../validation"
import { postSettingsBody } from "../lib/schemas"
import { settingsView } from "../lib/settings-view"
import { assertReadyForProduction } from "./going-live"

/** Settings, credential status per environment (never a secret), portals, trust URLs, last sync. */
export async function GET(req: AuthenticatedMedusaRequest, res: MedusaResponse) {
  res.json(await settingsView(req.scope))
}

/**
 * Partial update of the editable settings (the GET answer's id and dates are refused as read-only);
 * applies to the next checkout (the provider reads settings on every call).
 */
export async function POST(req: AuthenticatedMedusaRequest, res: MedusaResponse) {
  const { environment, active_environment, ...rest } = parseBody(postSettingsBody, req.body)
  const flexiti = req.scope.resolve<FlexitiModuleService>(FLEXITI_MODULE)
  const target = environment ?? active_environment
  if (target === "production" && (await flexiti.getSettings()).active_environment !== "production") {
    await assertReadyForProduction(req.scope)
  }
  await flexiti.updateSettings({ ...rest, ...(target ? { active_environment: target } : {}) })
  res.json(await settingsView(req.scope))
}
