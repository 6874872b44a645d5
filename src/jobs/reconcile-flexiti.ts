import type { MedusaContainer } from "@medusajs/framework/types"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import { reconcileFlexitiWorkflow } from "../workflows/reconcile-flexiti"

/** Every 15 minutes: retry pending releases, release authorizations no order took, flag mismatches. */
export default async function reconcileFlexitiJob(container: MedusaContainer) {
  const logger = container.resolve(ContainerRegistrationKeys.LOGGER)
  try {
    const { result } = await reconcileFlexitiWorkflow(container).run({ input: {} })
    if (result.skipped) return
    const counts = `released ${result.released.length}, returned ${result.returned.length}, pending retried ${result.pending_releases_retried.length}, recovered ${result.recovered.length}, flagged ${result.flagged.length}, errors ${result.errors.length}, Flexiti calls ${result.flexiti_calls}, left for the next run ${result.deferred}`
    if (result.flagged.length || result.errors.length) logger.warn(`Flexiti reconcile: ${counts}`)
    else logger.info(`Flexiti reconcile: ${counts}`)
  } catch (error) {
    // A scheduled job must never take the process down.
    logger.warn(`Flexiti reconcile failed: ${(error as Error).message}`)
  }
}

export const config = {
  name: "reconcile-flexiti",
  schedule: "*/15 * * * *",
}
