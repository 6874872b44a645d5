import type { Logger } from "@medusajs/framework/types"
import { Authorization } from "../../flexiti/schemas"
import { writeCheckout } from "../../modules/flexiti/stores/checkout-store"
import { withMoneyLock } from "./money-lock"
import { MoneyContext, releaseOnFlexiti } from "./money-movements"

/**
 * Releases what remains of a session's authorization. When Flexiti cannot be reached the
 * release is recorded as pending and the reconciler retries it; it is never dropped.
 * Returns Flexiti's authorization after the release, or undefined when it is pending.
 */
export async function releaseOrMarkPending(
  ctx: MoneyContext,
  referenceKey: string,
  logger?: Logger
): Promise<Authorization | undefined> {
  const sessionId = ctx.checkout.payment_session_id
  try {
    const authorization = await withMoneyLock(ctx.knex, sessionId, () => releaseOnFlexiti(ctx, referenceKey))
    await writeCheckout(ctx.knex, { payment_session_id: sessionId, release_state: "released", release_error: null })
    return authorization
  } catch (error) {
    const message = (error as Error).message
    await writeCheckout(ctx.knex, { payment_session_id: sessionId, release_state: "pending", release_error: message })
    logger?.warn(`Flexiti: the release of session ${sessionId} is pending (retried by the reconciler): ${message}`)
    return undefined
  }
}
