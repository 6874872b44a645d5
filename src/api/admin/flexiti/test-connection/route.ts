import type { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { FlexitiError } from "../../../../flexiti/errors"
import { newReferenceId } from "../../../../flexiti/reference-id"
import { FLEXITI_MODULE } from "../../../../modules/flexiti/schema"
import type FlexitiModuleService from "../../../../modules/flexiti/service"
import { adminFlexitiClient, environmentInForce, FlexitiNotConfiguredError } from "../../../../config/from-container"
import { parseBody } from "../../../validation"
import { optionalEnvironmentBody } from "../lib/schemas"
import type { TestConnectionResult } from "../../../../api-types/admin"

/**
 * A real merchant-scope token request with the credentials the provider would use.
 * Flexiti's refusal is a normal answer (`ok: false` with its code), not a server error.
 * Logged to the call log as `token_test` (no secret in it); the last one of an environment decides
 * whether the store may switch to it when it is production (see the settings route).
 */
export async function POST(req: AuthenticatedMedusaRequest, res: MedusaResponse) {
  const { environment: requested } = parseBody(optionalEnvironmentBody, req.body)
  const flexiti = req.scope.resolve<FlexitiModuleService>(FLEXITI_MODULE)
  const referenceId = newReferenceId()
  const environment = await environmentInForce(req.scope, requested)
  let source: "environment" | "admin" | null = null
  try {
    const resolved = await adminFlexitiClient(req.scope, environment)
    source = resolved.source
    const token = await resolved.client.testConnection("merchant", referenceId)
    await flexiti.logConnectionTest(environment, {
      reference_id: referenceId,
      outcome: "success",
      http_status: 200,
      message: `token granted (${source} credentials)`,
    })
    res.json({
      ok: true,
      environment,
      source,
      scope: token.scope,
      expires_in: token.expires_in,
      reference_id: token.reference_id,
    } satisfies TestConnectionResult)
  } catch (error) {
    const flexitiError = error instanceof FlexitiError ? error : undefined
    const code = flexitiError?.code ?? (error instanceof FlexitiNotConfiguredError ? error.code : (flexitiError?.kind ?? "not_configured"))
    const status = flexitiError?.status ?? null
    const message = (error as Error).message
    await flexiti.logConnectionTest(environment, { reference_id: referenceId, outcome: "failure", http_status: status, error_code: code, message })
    res.json({ ok: false, environment, source, status, code, message, reference_id: referenceId } satisfies TestConnectionResult)
  }
}
