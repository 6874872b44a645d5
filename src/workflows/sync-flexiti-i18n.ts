import { createStep, createWorkflow, StepResponse, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import { FlexitiError } from "../flexiti/errors"
import { newReferenceId } from "../flexiti/reference-id"
import { FLEXITI_LANGS, FlexitiEnvironmentName, FlexitiLang } from "../lib/vocabulary"
import { FLEXITI_MODULE } from "../modules/flexiti/schema"
import { FlexitiI18nLabels, FlexitiI18nSyncRow } from "../modules/flexiti/types"
import type FlexitiModuleService from "../modules/flexiti/service"
import { adminFlexitiClient, environmentInForce, FlexitiNotConfiguredError } from "../config/from-container"

export interface SyncFlexitiI18nInput {
  /** default: the environment in force (provider option, else the admin setting) */
  environment?: FlexitiEnvironmentName
}

export interface SyncFlexitiI18nResult {
  ok: boolean
  sync: FlexitiI18nSyncRow
}

type Fetched =
  | { ok: true; environment: FlexitiEnvironmentName; labels: Record<FlexitiLang, FlexitiI18nLabels>; reference_id: string }
  | { ok: false; environment: FlexitiEnvironmentName; reference_id: string; error_code: string; message: string }

/** Fetches Flexiti's i18n in en and fr; a refusal or missing credentials is returned, not thrown. */
export const fetchFlexitiI18nStep = createStep("fetch-flexiti-i18n", async (input: SyncFlexitiI18nInput, { container }): Promise<StepResponse<Fetched>> => {
  const environment = await environmentInForce(container, input.environment)
  const referenceId = newReferenceId()
  try {
    const { client } = await adminFlexitiClient(container, environment)
    const labels = {} as Record<FlexitiLang, FlexitiI18nLabels>
    for (const lang of FLEXITI_LANGS) {
      // one x-reference-id per language: the first is kept on the sync row
      const answer = await client.i18n(lang, { referenceId: lang === "en" ? referenceId : newReferenceId() })
      labels[lang] = {
        plan_ids: answer.plan_ids,
        provinces: answer.provinces,
        transaction_types: answer.transaction_types,
        disclosures: answer.disclosures ?? {},
      }
    }
    return new StepResponse({ ok: true as const, environment, labels, reference_id: referenceId })
  } catch (error) {
    const code = error instanceof FlexitiNotConfiguredError ? error.code : error instanceof FlexitiError ? (error.code ?? error.kind) : "sync_failed"
    return new StepResponse({
      ok: false as const,
      environment,
      reference_id: error instanceof FlexitiError ? (error.referenceId ?? referenceId) : referenceId,
      error_code: code,
      message: (error as Error).message,
    })
  }
})

/** Stores the labels (replacing that environment's) and records the sync, or records the failure. */
export const storeFlexitiI18nStep = createStep("store-flexiti-i18n", async (fetched: Fetched, { container }): Promise<StepResponse<SyncFlexitiI18nResult>> => {
  const flexiti = container.resolve<FlexitiModuleService>(FLEXITI_MODULE)
  if (fetched.ok) {
    const sync = await flexiti.saveI18n({
      environment: fetched.environment,
      labels: fetched.labels,
      reference_id: fetched.reference_id,
    })
    return new StepResponse({ ok: true, sync })
  }
  const sync = await flexiti.recordI18nSync({
    environment: fetched.environment,
    outcome: "failure",
    reference_id: fetched.reference_id,
    error_code: fetched.error_code,
    message: fetched.message,
  })
  return new StepResponse({ ok: false, sync })
})

/**
 * Fetches Flexiti's i18n labels in English and French with the credentials of the environment
 * in force and stores plans, provinces, transaction types and disclosures in the flexiti module.
 * Run from `POST /admin/flexiti/i18n/sync` and daily by the `sync-flexiti-i18n` job.
 */
export const syncFlexitiI18nWorkflow = createWorkflow("sync-flexiti-i18n", (input: SyncFlexitiI18nInput) => {
  const fetched = fetchFlexitiI18nStep(input)
  const result = storeFlexitiI18nStep(fetched)
  return new WorkflowResponse(result)
})
