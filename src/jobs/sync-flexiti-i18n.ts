import type { MedusaContainer } from "@medusajs/framework/types"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import { syncFlexitiI18nWorkflow } from "../workflows/sync-flexiti-i18n"

/** Daily refresh of Flexiti's plans, provinces, transaction types and disclosures (en, fr). */
export default async function syncFlexitiI18nJob(container: MedusaContainer) {
  const logger = container.resolve(ContainerRegistrationKeys.LOGGER)
  try {
    const { result } = await syncFlexitiI18nWorkflow(container).run({ input: {} })
    if (result.ok) {
      logger.info(`Flexiti i18n sync (${result.sync.environment}): ${JSON.stringify(result.sync.counts)}`)
    } else {
      logger.warn(`Flexiti i18n sync (${result.sync.environment}) skipped or failed: ${result.sync.error_code} ${result.sync.message ?? ""}`)
    }
  } catch (error) {
    // A scheduled job must never take the process down.
    logger.warn(`Flexiti i18n sync failed: ${(error as Error).message}`)
  }
}

export const config = {
  name: "sync-flexiti-i18n",
  schedule: "0 4 * * *",
}
