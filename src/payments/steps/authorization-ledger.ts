import { PaymentSessionStatus } from "@medusajs/framework/utils"
import { isAuthorizationOpen } from "../../flexiti/assumptions"
import { Authorization } from "../../flexiti/schemas"
import type { FlexitiCheckoutState } from "../../modules/flexiti/types"
import type { FlexitiMovement } from "../../modules/flexiti/stores/movement-store"
import { addDollars, Dollars, subDollars, toDollars } from "../../lib/money"
import { CaptureLedgerEntry, FlexitiPaymentData, maskAccountNumber, RefundLedgerEntry } from "./types"

function doneOf(movements: FlexitiMovement[], kind: FlexitiMovement["kind"], captureId: number) {
  return movements.filter((m) => m.kind === kind && m.state === "done" && m.capture_id === String(captureId))
}

/**
 * Payment data rebuilt from the plugin's own records (the checkout and the money movements) and
 * Flexiti's view of the authorization. Flexiti is the source of truth for amounts; the movements
 * say which Medusa capture or refund each line belongs to.
 */
export function paymentDataOf(checkout: FlexitiCheckoutState, authorization: Authorization, movements: FlexitiMovement[]): FlexitiPaymentData {
  const captures: CaptureLedgerEntry[] = authorization.captures.map((capture) => {
    const own = movements.find((m) => m.kind === "capture" && m.state === "done" && m.flexiti_id === String(capture.capture_id))
    const returnedHere = addDollars(...doneOf(movements, "return", capture.capture_id).map((m) => m.amount))
    return {
      capture_id: capture.capture_id,
      medusa_capture_id: own?.medusa_id ?? null,
      amount: toDollars(capture.amount),
      date: capture.date,
      // Flexiti's own figure wins when it reports one (returns can happen outside Medusa).
      returned: capture.returned_amount !== undefined ? toDollars(capture.returned_amount) : returnedHere,
      refunded: addDollars(...doneOf(movements, "account_refund", capture.capture_id).map((m) => m.amount)),
    }
  })
  const refunds: RefundLedgerEntry[] = movements
    .filter((m) => m.state === "done" && (m.kind === "return" || m.kind === "account_refund"))
    .map((m) => ({
      medusa_refund_id: m.medusa_id,
      capture_id: Number(m.capture_id),
      amount: m.amount,
      method: m.kind as RefundLedgerEntry["method"],
      return_id: m.kind === "return" && m.flexiti_id ? Number(m.flexiti_id) : undefined,
      date: m.created_at.toISOString(),
    }))
  return {
    session_id: checkout.payment_session_id,
    flow: checkout.flow,
    environment: checkout.environment,
    reference_id: checkout.reference_id,
    amount: checkout.amount ?? toDollars(authorization.amount),
    authorization_id: authorization.authorization_id,
    account_number_masked: maskAccountNumber(authorization.account_number),
    transaction_type: authorization.transaction_type,
    plan_id: authorization.plan_id ?? null,
    term: authorization.term ?? null,
    authorized_amount: toDollars(authorization.amount),
    released_amount: toDollars(authorization.released_amount),
    captures,
    refunds,
    authorization_status: authorization.status,
    ...(checkout.release_state === "pending" ? { release_pending: true } : {}),
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
