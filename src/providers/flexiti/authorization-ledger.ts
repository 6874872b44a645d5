import { isAuthorizationOpen } from "../../flexiti/assumptions"
import { Authorization } from "../../flexiti/schemas"
import { PaymentSessionStatus } from "@medusajs/framework/utils"
import { addDollars, Dollars, subDollars, toDollars } from "./money"
import { CaptureLedgerEntry, FlexitiPaymentData, maskAccountNumber } from "./types"

/**
 * Payment data rebuilt from Flexiti's view of an authorization, keeping what only Medusa knows
 * (which Medusa capture/refund each line belongs to). Flexiti is the source of truth for amounts.
 */
export function paymentDataFromAuthorization(
  base: Record<string, unknown>,
  authorization: Authorization
): FlexitiPaymentData {
  const previous = (base.captures as CaptureLedgerEntry[] | undefined) ?? []
  const captures: CaptureLedgerEntry[] = authorization.captures.map((capture) => {
    const known = previous.find((p) => p.capture_id === capture.capture_id)
    return {
      capture_id: capture.capture_id,
      medusa_capture_id: known?.medusa_capture_id ?? capture.reference ?? null,
      amount: toDollars(capture.amount),
      date: capture.date,
      // Flexiti's own figure wins when it reports one (returns can happen outside Medusa).
      returned: capture.returned_amount !== undefined ? toDollars(capture.returned_amount) : (known?.returned ?? "0.00"),
      refunded: known?.refunded ?? "0.00",
    }
  })
  return {
    ...(base as unknown as FlexitiPaymentData),
    authorization_id: authorization.authorization_id,
    account_number_masked: maskAccountNumber(authorization.account_number),
    transaction_type: authorization.transaction_type,
    plan_id: authorization.plan_id ?? null,
    term: authorization.term ?? null,
    authorized_amount: toDollars(authorization.amount),
    released_amount: toDollars(authorization.released_amount),
    captures,
    refunds: (base.refunds as FlexitiPaymentData["refunds"]) ?? [],
    authorization_status: authorization.status,
  }
}

export function capturedTotal(data: Pick<FlexitiPaymentData, "captures">): Dollars {
  return addDollars(...data.captures.map((c) => c.amount))
}

/** What can still be captured: authorized − released − captured. */
export function remainingToCapture(data: FlexitiPaymentData): Dollars {
  return subDollars(subDollars(data.authorized_amount, data.released_amount), capturedTotal(data))
}

export function refundableOf(capture: CaptureLedgerEntry): Dollars {
  return subDollars(capture.amount, addDollars(capture.returned, capture.refunded))
}

/** Medusa status for an authorization as Flexiti reports it. */
export function statusOfAuthorization(authorization: Authorization): PaymentSessionStatus {
  if (isAuthorizationOpen(authorization.status)) {
    return PaymentSessionStatus.AUTHORIZED
  }
  return authorization.captured_amount > 0 ? PaymentSessionStatus.CAPTURED : PaymentSessionStatus.CANCELED
}

/**
 * Returns (capture/{id}/return) are for promotional purchases within the return window; Flexiti
 * answers wrong_transaction_type or return_date_exceeded otherwise and the caller falls back to
 * an account refund. Flexiti's clock decides the window, so only the transaction type is checked here.
 */
export function prefersReturn(transactionType: string): boolean {
  return transactionType === "promotional_purchase"
}

export const RETURN_FALLBACK_CODES = ["wrong_transaction_type", "return_date_exceeded"]
