import { isAuthorizationOpen } from "../../flexiti/assumptions"
import { referenceIdFor } from "../../flexiti/reference-id"
import type { Authorization } from "../../flexiti/schemas"
import { isPositive, toDollars, toFlexitiAmount } from "../../lib/money"
import { authorizationIdOf, bodyReference, failureEntry, MoneyContext } from "./money-movements"

/** Releases whatever remains; a closed authorization (authorization_ended) counts as done. */
export async function releaseOnFlexiti(ctx: MoneyContext, referenceKey: string): Promise<Authorization> {
  const { client, audit } = ctx
  const authorizationId = authorizationIdOf(ctx.checkout)
  const before = await client.getAuthorization(authorizationId)
  const remaining = toDollars(before.remaining_authorization_amount)
  if (!isAuthorizationOpen(before.status) || !isPositive(remaining)) {
    return before
  }
  const referenceId = referenceIdFor(referenceKey)
  try {
    await client.release(authorizationId, { amount: toFlexitiAmount(remaining), reference: bodyReference(referenceKey) }, { referenceId })
    await audit({ operation: "release", reference_id: referenceId, outcome: "success", amount: remaining, flexiti_id: String(authorizationId) })
  } catch (error) {
    const after = await client.getAuthorization(authorizationId).catch(() => undefined)
    if (after && (!isAuthorizationOpen(after.status) || !isPositive(toDollars(after.remaining_authorization_amount)))) {
      // Closed meanwhile (captured or released by an earlier attempt): nothing left to release.
      await audit({
        operation: "release",
        reference_id: referenceId,
        outcome: "success",
        amount: "0.00",
        flexiti_id: String(authorizationId),
        message: "authorization already closed",
      })
      return after
    }
    await audit(failureEntry("release", referenceId, error, remaining))
    throw error
  }
  return client.getAuthorization(authorizationId)
}
