import type { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { parseBody } from "../../../validation"
import { optionalEnvironmentQuery } from "../lib/schemas"
import { trustUrlsFor } from "../lib/settings-view"

/**
 * The origins to register as Trust URLs in Flexiti's developer portal for an environment
 * (`?environment=`, default the active one), each checked (https, no trailing slash, no path,
 * no query) with the reason of every failure.
 */
export async function GET(req: AuthenticatedMedusaRequest, res: MedusaResponse) {
  const { environment } = parseBody(optionalEnvironmentQuery, req.query)
  res.json(await trustUrlsFor(req.scope, environment))
}
