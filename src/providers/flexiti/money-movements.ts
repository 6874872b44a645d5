import { MedusaError } from "@medusajs/framework/utils"
import { isAuthorizationOpen } from "../../flexiti/assumptions"
import { FlexitiError } from "../../flexiti/errors"
import { referenceIdFor } from "../../flexiti/reference-id"
import { Authorization } from "../../flexiti/schemas"
import { FLEXITI_SCHEMA, FlexitiCallLogEntry } from "../../modules/flexiti/constants"
import { KnexLike } from "../../modules/flexiti/settings-reader"
import { paymentDataFromAuthorization, prefersReturn, refundableOf, RETURN_FALLBACK_CODES } from "./authorization-ledger"
import { addDollars, Dollars, isPositive, minDollars, subDollars, toDollars, toFlexitiAmount } from "./money"
import { RuntimeConfig } from "./runtime-config"
import { FlexitiPaymentData, RefundLedgerEntry } from "./types"

type Audit = (entry: FlexitiCallLogEntry) => Promise<void>

/** Flexiti's body `reference` is ASCII(40): Medusa ids fit; anything longer is hashed. */
function bodyReference(key: string): string {
  return key.length <= 40 ? key : referenceIdFor(key)
}

function failure(operation: string, referenceId: string, error: unknown, amount?: string): FlexitiCallLogEntry {
  return {
    operation,
    reference_id: referenceId,
    outcome: "failure",
    http_status: error instanceof FlexitiError ? error.status ?? null : null,
    error_code: error instanceof FlexitiError ? error.code ?? null : null,
    amount: amount ?? null,
    message: (error as Error).message,
  }
}

/**
 * Captures `amount` once per Medusa capture id. If the answer was lost (timeout, reset) or
 * Flexiti says the authorization ended, Flexiti's own capture list tells whether this capture
 * (its reference) went through; a capture is never re-sent blindly.
 */
export async function captureOnFlexiti(args: {
  config: RuntimeConfig
  data: FlexitiPaymentData
  amount: Dollars
  medusaCaptureId: string
  audit: Audit
}): Promise<FlexitiPaymentData> {
  const { config, data, amount, medusaCaptureId, audit } = args
  const referenceId = referenceIdFor(medusaCaptureId)
  const reference = bodyReference(medusaCaptureId)
  try {
    const capture = await config.client.capture(
      data.authorization_id,
      { amount: toFlexitiAmount(amount), reference },
      { referenceId }
    )
    await audit({ operation: "capture", reference_id: referenceId, outcome: "success", amount, flexiti_id: String(capture.capture_id) })
    return {
      ...data,
      captures: [
        ...(data.captures ?? []),
        { capture_id: capture.capture_id, medusa_capture_id: medusaCaptureId, amount: toDollars(capture.amount), date: capture.date, returned: "0.00", refunded: "0.00" },
      ],
    }
  } catch (error) {
    if (error instanceof FlexitiError && (error.isTransient || error.is("authorization_ended") || error.is("auth_amount_exceeded"))) {
      const authorization = await config.client.getAuthorization(data.authorization_id)
      const done = authorization.captures.find((c) => c.reference === reference)
      if (done) {
        await audit({ operation: "capture", reference_id: referenceId, outcome: "success", amount, flexiti_id: String(done.capture_id), message: "recognised an earlier capture" })
        const rebuilt = paymentDataFromAuthorization(data as unknown as Record<string, unknown>, authorization)
        rebuilt.captures = rebuilt.captures.map((c) => (c.capture_id === done.capture_id ? { ...c, medusa_capture_id: medusaCaptureId } : c))
        return rebuilt
      }
    }
    await audit(failure("capture", referenceId, error, amount))
    throw error
  }
}

/** Releases whatever remains; a closed authorization (authorization_ended) counts as done. */
export async function releaseOnFlexiti(args: {
  config: RuntimeConfig
  authorizationId: number
  referenceKey: string
  audit: Audit
}): Promise<Authorization> {
  const { config, authorizationId, referenceKey, audit } = args
  const before = await config.client.getAuthorization(authorizationId)
  const remaining = toDollars(before.remaining_authorization_amount)
  if (!isAuthorizationOpen(before.status) || !isPositive(remaining)) {
    return before
  }
  const referenceId = referenceIdFor(referenceKey)
  try {
    await config.client.release(authorizationId, { amount: toFlexitiAmount(remaining), reference: bodyReference(referenceKey) }, { referenceId })
    await audit({ operation: "release", reference_id: referenceId, outcome: "success", amount: remaining, flexiti_id: String(authorizationId) })
  } catch (error) {
    const after = await config.client.getAuthorization(authorizationId).catch(() => undefined)
    if (after && !isAuthorizationOpen(after.status)) {
      // Closed meanwhile (captured or released by an earlier attempt): nothing left to release.
      await audit({ operation: "release", reference_id: referenceId, outcome: "success", amount: "0.00", flexiti_id: String(authorizationId), message: "authorization already closed" })
      return after
    }
    await audit(failure("release", referenceId, error, remaining))
    throw error
  }
  return config.client.getAuthorization(authorizationId)
}

async function earlierRefundPiece(knex: KnexLike, referenceId: string) {
  const t = FLEXITI_SCHEMA.callLog
  return knex(t.table)
    .where({ [t.columns.reference_id]: referenceId, [t.columns.outcome]: "success" })
    .whereNull(t.columns.deleted_at)
    .whereIn(t.columns.operation, ["return", "account_refund"])
    .first(t.columns.operation, t.columns.amount, t.columns.flexiti_id) as Promise<Record<string, unknown> | undefined>
}

/**
 * Refunds `amount` across the captures that still hold money, oldest first: a return against
 * the capture for promotional purchases (within Flexiti's 100-day window), else an account
 * refund. Each piece has its own reference derived from the Medusa refund id, so a retried
 * refund skips the pieces Flexiti already took (looked up in the call log).
 */
export async function refundOnFlexiti(args: {
  config: RuntimeConfig
  knex: KnexLike
  data: FlexitiPaymentData
  amount: Dollars
  medusaRefundId: string
  audit: Audit
}): Promise<FlexitiPaymentData> {
  const { config, knex, amount, medusaRefundId, audit } = args
  const authorization = await config.client.getAuthorization(args.data.authorization_id)
  const data = paymentDataFromAuthorization(args.data as unknown as Record<string, unknown>, authorization)
  const captures = [...data.captures].sort((a, b) => a.date.localeCompare(b.date))

  let left = amount
  const pieces: { captureIndex: number; amount: Dollars; key: string }[] = []
  for (const capture of captures) {
    if (!isPositive(left)) break
    const take = minDollars(refundableOf(capture), left)
    if (!isPositive(take)) continue
    pieces.push({ captureIndex: data.captures.indexOf(capture), amount: take, key: pieces.length ? `${medusaRefundId}-${pieces.length}` : medusaRefundId })
    left = subDollars(left, take)
  }
  if (isPositive(left)) {
    const refundable = addDollars(...data.captures.map(refundableOf))
    throw new MedusaError(MedusaError.Types.NOT_ALLOWED, `Flexiti: cannot refund $${amount}; only $${refundable} is captured and not yet refunded.`)
  }

  const refunds: RefundLedgerEntry[] = [...(data.refunds ?? [])]
  for (const piece of pieces) {
    const capture = data.captures[piece.captureIndex]
    const referenceId = referenceIdFor(piece.key)
    const earlier = await earlierRefundPiece(knex, referenceId)
    let method: RefundLedgerEntry["method"]
    let returnId: number | undefined
    if (earlier) {
      method = earlier.operation === "return" ? "return" : "account_refund"
      returnId = method === "return" ? Number(earlier.flexiti_id) : undefined
    } else {
      const result = await sendRefundPiece({ config, authorization, captureId: capture.capture_id, amount: piece.amount, key: piece.key, fullReturn: piece.amount === capture.amount, audit })
      method = result.method
      returnId = result.returnId
    }
    if (method === "return") capture.returned = addDollars(capture.returned, piece.amount)
    else capture.refunded = addDollars(capture.refunded, piece.amount)
    refunds.push({ medusa_refund_id: medusaRefundId, capture_id: capture.capture_id, amount: piece.amount, method, return_id: returnId, date: new Date().toISOString() })
  }
  return { ...data, refunds }
}

async function sendRefundPiece(args: {
  config: RuntimeConfig
  authorization: Authorization
  captureId: number
  amount: Dollars
  key: string
  fullReturn: boolean
  audit: Audit
}): Promise<{ method: RefundLedgerEntry["method"]; returnId?: number }> {
  const { config, authorization, captureId, amount, key, audit } = args
  const referenceId = referenceIdFor(key)
  const reference = bodyReference(key)
  if (prefersReturn(authorization.transaction_type)) {
    try {
      const returned = await config.client.returnCapture(
        authorization.authorization_id,
        captureId,
        { amount: toFlexitiAmount(amount), full_return: args.fullReturn, reference },
        { referenceId }
      )
      await audit({ operation: "return", reference_id: referenceId, outcome: "success", amount, flexiti_id: String(returned.return_id) })
      return { method: "return", returnId: returned.return_id }
    } catch (error) {
      if (!(error instanceof FlexitiError && RETURN_FALLBACK_CODES.some((code) => error.is(code)))) {
        await audit(failure("return", referenceId, error, amount))
        throw error
      }
      // Past the return window or not a promotional purchase: an account refund instead.
    }
  }
  try {
    await config.client.refundAccount(
      authorization.account_number,
      { amount: toFlexitiAmount(amount), capture_id: captureId, reference },
      { referenceId }
    )
    await audit({ operation: "account_refund", reference_id: referenceId, outcome: "success", amount, flexiti_id: String(captureId) })
    return { method: "account_refund" }
  } catch (error) {
    await audit(failure("account_refund", referenceId, error, amount))
    throw error
  }
}
