import type { AuthorizePaymentOutput, Logger } from "@medusajs/framework/types"
import { MedusaError, PaymentSessionStatus } from "@medusajs/framework/utils"
import { Authorization } from "../../flexiti/schemas"
import { RuntimeConfig } from "../../config/resolver"
import { isPositive, sameToTheCent, toDollars } from "../../lib/money"
import { checkoutReleasedMessage } from "./shopper-messages"
import type { FlexitiCheckoutState } from "../../modules/flexiti/types"
import { paymentDataOf, remainingToCapture, statusOfAuthorization } from "./authorization-ledger"
import type { PaymentsDeps } from "../deps"
import { AuthorizedCheckout, captureOnFlexiti, MoneyContext } from "./money-movements"
import { releaseOrMarkPending } from "./release"
import { sessionDataOf } from "./session-data"

export interface AcceptDeps {
  config: RuntimeConfig
  deps: PaymentsDeps
  moneyContext(checkout: AuthorizedCheckout): Promise<MoneyContext>
  logger?: Logger
  /** the shopper's language, for a refusal they read */
  lang?: "en" | "fr"
}

/**
 * Accepts an authorization only when Flexiti says it is this session's (its reference is the
 * session id) and for Medusa's amount to the cent (a mismatch is released and refused); records
 * it, captures it when the store captures at once, and returns the ledger.
 */
export async function acceptAuthorization(
  deps: AcceptDeps,
  checkout: FlexitiCheckoutState,
  authorizationId: number,
  fresh?: Authorization
): Promise<AuthorizePaymentOutput> {
  const { config, logger } = deps
  const { checkouts, movements: movementStore } = deps.deps
  const sessionId = checkout.payment_session_id
  let authorization: Authorization = fresh ?? (await config.client.getAuthorization(authorizationId))
  // The reference is the session id it was created for (docs/assumptions.md, "Assumptions about the Flexiti API").
  if (authorization.reference !== sessionId) {
    logger?.warn(`Flexiti: authorization ${authorizationId} is not session ${sessionId}'s (reference differs); not used.`)
    return { status: PaymentSessionStatus.ERROR, data: { ...sessionDataOf(checkout), authorization_error: "authorization_not_this_session" } }
  }
  // Inside the session's money lock, where every release writes its state: a checkout whose
  // release is pending or done is never accepted for an order (its authorization is, or is about
  // to be, given back), so no release can later void the order.
  const owned = await deps.deps.lock(sessionId, async () => {
    const current = (await checkouts.read(sessionId)) ?? checkout
    if (current.release_state) {
      throw new MedusaError(MedusaError.Types.NOT_ALLOWED, checkoutReleasedMessage(deps.lang))
    }
    // accepted_at tells a release asked for in the next moments that Medusa may be writing the payment.
    return (await checkouts.write({
      payment_session_id: sessionId,
      authorization_id: String(authorizationId),
      accepted_at: new Date(),
    })) as AuthorizedCheckout
  })
  if (!sameToTheCent(authorization.amount, owned.amount!)) {
    await releaseOrMarkPending(await deps.moneyContext(owned), `${sessionId}-mismatch`, logger)
    logger?.warn(`Flexiti: authorization ${authorizationId} is for $${toDollars(authorization.amount)} but the order is $${owned.amount}; released.`)
    return { status: PaymentSessionStatus.ERROR, data: { ...sessionDataOf(owned), authorization_error: "amount_mismatch" } }
  }
  if (config.autoCapture && statusOfAuthorization(authorization) === PaymentSessionStatus.AUTHORIZED) {
    const remaining = remainingToCapture(paymentDataOf(owned, authorization, await movementStore.list(sessionId)))
    if (isPositive(remaining)) {
      const ctx = await deps.moneyContext(owned)
      await deps.deps.lock(sessionId, () => captureOnFlexiti(ctx, { medusaCaptureId: sessionId, amount: remaining, liveMedusaCaptureIds: [sessionId] }))
      authorization = await config.client.getAuthorization(authorizationId)
    }
  }
  const movements = await movementStore.list(sessionId)
  return { status: statusOfAuthorization(authorization), data: paymentDataOf(owned, authorization, movements) as unknown as Record<string, unknown> }
}
