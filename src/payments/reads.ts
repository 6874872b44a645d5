/**
 * Reads of one payment through the core's ports: its checkout, its ledger for Medusa, its status.
 * Session data is public (the storefront can write it), so each is rebuilt from the plugin's
 * records and Flexiti, never from the data Medusa hands in.
 */
import type { Logger } from "@medusajs/framework/types"
import { MedusaError, PaymentSessionStatus } from "@medusajs/framework/utils"
import type { Authorization } from "../flexiti/schemas"
import type { FlexitiCallLogEntry, FlexitiCheckoutState } from "../modules/flexiti/types"
import type { PaymentsDeps } from "./deps"
import { paymentDataOf, statusOfAuthorization } from "./steps/authorization-ledger"
import type { AuthorizedCheckout, MoneyContext } from "./steps/money-movements"
import { SESSION_ID } from "./steps/session-data"

/** The plugin's checkout for a payment session id taken from Medusa's input, if it is one. */
export async function checkoutOf(deps: Pick<PaymentsDeps, "checkouts">, sessionId: unknown): Promise<FlexitiCheckoutState | undefined> {
  return typeof sessionId === "string" && SESSION_ID.test(sessionId) ? deps.checkouts.read(sessionId) : undefined
}

/** The checkout of a session the plugin started, with the authorization it holds. */
export async function authorizedCheckoutOf(deps: Pick<PaymentsDeps, "checkouts">, sessionId: unknown, action: string): Promise<AuthorizedCheckout> {
  const checkout = await checkoutOf(deps, sessionId)
  if (!checkout?.authorization_id) {
    throw new MedusaError(MedusaError.Types.NOT_ALLOWED, `Flexiti: this payment has no Flexiti authorization to ${action}`)
  }
  return checkout as AuthorizedCheckout
}

/** Payment data for display, rebuilt from the plugin's records and Flexiti. */
export async function paymentDataFor(deps: PaymentsDeps, checkout: FlexitiCheckoutState, authorization: Authorization): Promise<Record<string, unknown>> {
  const movements = await deps.movements.list(checkout.payment_session_id)
  return paymentDataOf(checkout, authorization, movements) as unknown as Record<string, unknown>
}

/**
 * Appends to the call log for one session. The call log is a record for people; no decision
 * reads it, so a failed write is only reported.
 */
export function sessionAudit(deps: PaymentsDeps, paymentSessionId: string | undefined, logger?: Logger) {
  return async (entry: FlexitiCallLogEntry): Promise<void> => {
    try {
      await deps.callLog.append(paymentSessionId ? { ...entry, payment_session_id: paymentSessionId } : entry)
    } catch (error) {
      logger?.warn(`Flexiti: could not record ${entry.operation} in the call log: ${(error as Error).message}`)
    }
  }
}

/** What every money step of one payment works from: its checkout, its environment's client, the call log. */
export async function moneyContextOf(deps: PaymentsDeps, checkout: AuthorizedCheckout, logger?: Logger): Promise<MoneyContext> {
  return { deps, client: await deps.clientFor(checkout.environment), checkout, audit: sessionAudit(deps, checkout.payment_session_id, logger) }
}

/** A payment's ledger as Medusa stores it; the data Medusa handed in when nothing was authorized. */
export async function retrievePaymentData(deps: PaymentsDeps, sessionId: unknown, data: Record<string, unknown> | undefined) {
  const checkout = await checkoutOf(deps, sessionId)
  if (!checkout?.authorization_id) return data
  const client = await deps.clientFor(checkout.environment)
  return paymentDataFor(deps, checkout, await client.getAuthorization(Number(checkout.authorization_id)))
}

/** A payment's status at Flexiti and its ledger; pending while nothing is authorized. */
export async function paymentStatusOf(
  deps: PaymentsDeps,
  sessionId: unknown,
  data: Record<string, unknown> | undefined
): Promise<{ status: PaymentSessionStatus; data: Record<string, unknown> | undefined }> {
  const checkout = await checkoutOf(deps, sessionId)
  if (!checkout?.authorization_id) return { status: PaymentSessionStatus.PENDING, data }
  const client = await deps.clientFor(checkout.environment)
  const authorization = await client.getAuthorization(Number(checkout.authorization_id))
  return { status: statusOfAuthorization(authorization), data: await paymentDataFor(deps, checkout, authorization) }
}
