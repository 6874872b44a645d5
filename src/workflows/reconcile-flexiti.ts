import { MedusaError, Modules } from "@medusajs/framework/utils"
import { createStep, createWorkflow, StepResponse, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import { emptyReconcileReport, reconcileFlexiti, ReconcileReport } from "./lib/reconciler"

export interface ReconcileFlexitiInput {
  /** minutes an authorization may wait for an order before it is released (default: provider option, else 60) */
  grace_minutes?: number
  /** hours an order placed while Flexiti reviews the application may wait (default: provider option, else 72) */
  pending_deadline_hours?: number
}

const LOCK_KEY = "flexiti:reconcile"

/**
 * One reconciliation at a time across instances (Medusa's locking module): a second run that
 * finds the lock taken reports `skipped` instead of doing the same work twice.
 */
export const reconcileFlexitiStep = createStep(
  "reconcile-flexiti",
  async (input: ReconcileFlexitiInput, { container }): Promise<StepResponse<ReconcileReport & { skipped: boolean }>> => {
    const locking = container.resolve(Modules.LOCKING)
    try {
      const report = await locking.execute(
        LOCK_KEY,
        () => reconcileFlexiti(container, { graceMinutes: input.grace_minutes, pendingDeadlineHours: input.pending_deadline_hours }),
        { timeout: 1 }
      )
      return new StepResponse({ ...report, skipped: false })
    } catch (error) {
      if (error instanceof MedusaError) throw error
      if (/timed[- ]?out|lock/i.test((error as Error).message)) {
        return new StepResponse({ ...emptyReconcileReport(), skipped: true })
      }
      throw error
    }
  }
)

export const reconcileFlexitiWorkflow = createWorkflow("reconcile-flexiti", (input: ReconcileFlexitiInput) => {
  return new WorkflowResponse(reconcileFlexitiStep(input))
})
