import type { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { z } from "zod"
import { reconcileFlexitiWorkflow } from "../../../../workflows/reconcile-flexiti"
import { parseBody } from "../../../validation"
import type { ReconcileAnswer } from "../../../../api-types/admin"

export const reconcileBody = z
  .object({
    grace_minutes: z
      .number()
      .int()
      .min(0)
      .max(7 * 24 * 60)
      .optional(),
    pending_deadline_hours: z
      .number()
      .int()
      .min(0)
      .max(30 * 24)
      .optional(),
  })
  .strict()

/** "Reconcile now" in Settings → Flexiti: runs the scheduled reconciliation at once and reports it. */
export async function POST(req: AuthenticatedMedusaRequest, res: MedusaResponse) {
  const body = parseBody(reconcileBody, req.body ?? {})
  const { result } = await reconcileFlexitiWorkflow(req.scope).run({ input: body })
  res.json({ reconcile: result } satisfies ReconcileAnswer)
}
