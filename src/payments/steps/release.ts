import type { Logger } from "@medusajs/framework/types"
import { Dollars, ZERO_DOLLARS } from "../../lib/money"
import { Authorization } from "../../flexiti/schemas"
import type { FlexitiCheckoutState } from "../../modules/flexiti/types"
import { heldByOrder } from "./held-by-order"
import { returnCapturedWithoutOrder } from "./return-without-order"
import { MoneyContext } from "./money-movements"
import { releaseOnFlexiti } from "./release-on-flexiti"

/**
 * Seconds after a completion accepted an authorization during which, while Medusa has no payment
 * row for the session yet, the completion may still be writing it (Medusa writes the payment after
 * the provider answers): a release asked for then is deferred to the reconciler's next run.
 */
export const COMPLETION_WINDOW_SECONDS = 120

/**
 * True while a completion that accepted this checkout's authorization may still be writing its
 * Medusa payment (Medusa writes it after the provider answers).
 */
function withinCompletionWindow(checkout: FlexitiCheckoutState, now: number): boolean {
  return !!checkout.accepted_at && now - checkout.accepted_at.getTime() < COMPLETION_WINDOW_SECONDS * 1000
}

/**
 * Releases what remains of a session's authorization. When Flexiti cannot be reached the
 * release is recorded as pending and the reconciler retries it; it is never dropped.
 * Returns Flexiti's authorization after the release, or undefined when it is pending.
 * For a payment Medusa itself cancels (an order cancel, the panel's release): no order check.
 */
export async function releaseOrMarkPending(ctx: MoneyContext, referenceKey: string, logger?: Logger): Promise<Authorization | undefined> {
  const sessionId = ctx.checkout.payment_session_id
  try {
    return await ctx.deps.lock(sessionId, async () => {
      const authorization = await releaseOnFlexiti(ctx, referenceKey)
      await ctx.deps.checkouts.write({ payment_session_id: sessionId, release_state: "released", release_error: null })
      return authorization
    })
  } catch (error) {
    const message = (error as Error).message
    await ctx.deps.checkouts.write({ payment_session_id: sessionId, release_state: "pending", release_error: message })
    logger?.warn(`Flexiti: the release of session ${sessionId} is pending (retried by the reconciler): ${message}`)
    return undefined
  }
}

export type AbandonedReleaseOutcome =
  /** what remained is released; `returned`: what Flexiti had captured with no order, given back now */
  | { kind: "released"; authorization: Authorization; returned: Dollars }
  /** a live Medusa payment (a placed order) holds the authorization: nothing was released */
  | { kind: "held_by_order"; payment_id: string }
  /** Flexiti did not confirm (the reconciler retries), or the release was deferred */
  | { kind: "pending"; message: string }

/**
 * Gives back everything of a session no order took (a replaced session, an abandoned checkout):
 * releases what remains authorized and, when Flexiti captured with no Medusa payment behind it
 * (auto-capture), returns the captured amount. Inside the session's money lock it checks again
 * that no live Medusa payment holds the session, so a release never voids a placed order,
 * whichever path asks for it.
 */
export async function releaseAbandoned(ctx: MoneyContext, referenceKey: string, logger?: Logger, now = Date.now()): Promise<AbandonedReleaseOutcome> {
  const sessionId = ctx.checkout.payment_session_id
  try {
    return await ctx.deps.lock(sessionId, async () => {
      // The order of the reads closes the race with a completion: accepted_at is written under
      // this lock before Medusa writes the payment; then "any payment yet?" before "a live one?",
      // so a payment committed between the two reads defers the release instead of missing it.
      const checkout = (await ctx.deps.checkouts.read(sessionId)) ?? ctx.checkout
      if (withinCompletionWindow(checkout, now) && !(await ctx.deps.medusa.paymentOfSession(sessionId))) {
        const note = "deferred: a completion accepted this authorization moments ago; the reconciler releases it once no order holds it"
        await ctx.deps.checkouts.write({ payment_session_id: sessionId, release_state: "pending", release_error: note })
        return { kind: "pending" as const, message: note }
      }
      const held = await heldByOrder(ctx, logger)
      if (held) return held
      const current = { ...ctx, checkout: { ...checkout, authorization_id: ctx.checkout.authorization_id } }
      const authorization = await releaseOnFlexiti(current, referenceKey)
      // A canceled Medusa payment settled its own captures through Medusa's refunds.
      const returned = (await ctx.deps.medusa.paymentOfSession(sessionId)) ? ZERO_DOLLARS : await returnCapturedWithoutOrder(current, authorization)
      await ctx.deps.checkouts.write({ payment_session_id: sessionId, release_state: "released", release_error: null })
      return { kind: "released" as const, authorization, returned }
    })
  } catch (error) {
    const message = (error as Error).message
    await ctx.deps.checkouts.write({ payment_session_id: sessionId, release_state: "pending", release_error: message })
    logger?.warn(`Flexiti: the release of session ${sessionId} is pending (retried by the reconciler): ${message}`)
    return { kind: "pending", message }
  }
}
