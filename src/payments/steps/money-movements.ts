import { MedusaError } from "@medusajs/framework/utils"
import { FlexitiError } from "../../flexiti/errors"
import { referenceIdFor } from "../../flexiti/reference-id"
import { Authorization } from "../../flexiti/schemas"
import { FlexitiCallLogEntry, FlexitiCheckoutState } from "../../modules/flexiti/types"
import type { FlexitiMovement } from "../../modules/flexiti/stores/movement-store"
import { paymentDataOf, prefersReturn, refundableOf, RETURN_FALLBACK_CODES } from "./authorization-ledger"
import { addDollars, Dollars, isPositive, lte, minDollars, sameToTheCent, subDollars, toDollars, toFlexitiAmount } from "../../lib/money"
import { skuDataFor } from "./sku-data"
import type { MoneyClient, PaymentsDeps } from "../deps"

type Audit = (entry: FlexitiCallLogEntry) => Promise<void>

/** A checkout that holds a Flexiti authorization. */
export type AuthorizedCheckout = FlexitiCheckoutState & { authorization_id: string }

/** What every money movement of one payment works from: server-side records only. */
export interface MoneyContext {
  deps: PaymentsDeps
  /** the Flexiti client of the environment the payment was authorized in */
  client: MoneyClient
  checkout: AuthorizedCheckout
  audit: Audit
}

/** Flexiti's body `reference` is ASCII(40): Medusa ids fit; anything longer is hashed. */
export function bodyReference(key: string): string {
  return key.length <= 40 ? key : referenceIdFor(key)
}

/** A failed Flexiti call as a call-log entry: Flexiti's status and code, never a secret. */
export function failureEntry(operation: string, referenceId: string, error: unknown, amount?: string | null): FlexitiCallLogEntry {
  return {
    operation,
    reference_id: referenceId,
    outcome: "failure",
    http_status: error instanceof FlexitiError ? (error.status ?? null) : null,
    error_code: error instanceof FlexitiError ? (error.code ?? null) : null,
    amount: amount ?? null,
    message: (error as Error).message,
  }
}

/** Flexiti answered and refused: the request was certainly not applied. */
function certainlyRefused(error: unknown): boolean {
  return error instanceof FlexitiError && error.certainlyNotApplied
}

const sum = (movements: FlexitiMovement[]) => addDollars(...movements.map((m) => m.amount))

export function authorizationIdOf(checkout: FlexitiCheckoutState): number {
  return Number(checkout.authorization_id)
}

/* ------------------------------------------------------------------ captures */

/**
 * A capture whose answer was lost stays `pending` in the movements; Flexiti's capture list (by
 * the reference it was sent with) says whether it went through.
 */
async function settlePendingCaptures(ctx: MoneyContext, authorization: Authorization): Promise<FlexitiMovement[]> {
  const movements = await ctx.deps.movements.list(ctx.checkout.payment_session_id)
  const linked = new Set(movements.filter((m) => m.kind === "capture" && m.state === "done").map((m) => m.flexiti_id))
  for (const pending of movements.filter((m) => m.kind === "capture" && m.state === "pending")) {
    const applied = authorization.captures.find((c) => c.reference === bodyReference(pending.medusa_id ?? "") && !linked.has(String(c.capture_id)))
    if (applied) {
      linked.add(String(applied.capture_id))
      await ctx.deps.movements.complete(pending.content_key, { flexiti_id: String(applied.capture_id), capture_id: String(applied.capture_id) })
    } else {
      await ctx.deps.movements.releaseClaim(pending.content_key)
    }
  }
  return ctx.deps.movements.list(ctx.checkout.payment_session_id)
}

/**
 * Captures `amount` for one Medusa capture, at most once whatever the retries. Before sending,
 * Flexiti's capture list is compared with the movements: a capture Flexiti applied for an
 * earlier attempt whose Medusa row is gone (Medusa deletes it when the provider throws) is
 * adopted when it moved the same amount; any other capture nobody accounts for stops the
 * capture so that money is never taken twice.
 */
export async function captureOnFlexiti(ctx: MoneyContext, args: { medusaCaptureId: string; amount: Dollars; liveMedusaCaptureIds: string[] }): Promise<void> {
  const { client, deps, checkout, audit } = ctx
  const { medusaCaptureId, amount } = args
  const sessionId = checkout.payment_session_id
  const authorizationId = authorizationIdOf(checkout)
  const authorization = await client.getAuthorization(authorizationId)
  const movements = await settlePendingCaptures(ctx, authorization)
  const done = movements.filter((m) => m.kind === "capture" && m.state === "done")
  if (done.some((m) => m.medusa_id === medusaCaptureId)) return

  const live = new Set(args.liveMedusaCaptureIds)
  const known = new Set(done.map((m) => m.flexiti_id))
  // Flexiti captures no movement records: one sent under a live Medusa capture's reference is
  // that capture's (recorded now); the rest were made outside this plugin.
  const unrecorded: { capture_id: number; amount: Dollars }[] = []
  for (const capture of authorization.captures.filter((c) => !known.has(String(c.capture_id)))) {
    const owner = capture.reference && args.liveMedusaCaptureIds.find((id) => bodyReference(id) === capture.reference)
    if (owner) {
      await recordCapture(deps, sessionId, capture.capture_id, toDollars(capture.amount), owner)
      if (owner === medusaCaptureId) return
    } else {
      unrecorded.push({ capture_id: capture.capture_id, amount: toDollars(capture.amount) })
    }
  }
  const orphans = done.filter((m) => !m.medusa_id || !live.has(m.medusa_id))
  const adoptable = [...orphans.map((m) => ({ capture_id: Number(m.flexiti_id), amount: m.amount })), ...unrecorded]
  const match = adoptable.find((c) => sameToTheCent(c.amount, amount))
  if (match) {
    await recordCapture(deps, sessionId, match.capture_id, match.amount, medusaCaptureId)
    await audit({
      operation: "capture",
      reference_id: referenceIdFor(medusaCaptureId),
      outcome: "success",
      amount,
      flexiti_id: String(match.capture_id),
      message: "adopted a capture Flexiti had already applied",
    })
    return
  }
  if (adoptable.length) {
    throw new MedusaError(
      MedusaError.Types.NOT_ALLOWED,
      `Flexiti holds ${adoptable.length} capture(s) (${adoptable.map((c) => `$${c.amount}`).join(", ")}) that no Medusa capture accounts for; ` +
        `not capturing $${amount} again. Capture that exact amount to record it, or run Reconcile in Settings → Flexiti.`
    )
  }

  const capturedAfter = addDollars(toDollars(authorization.captured_amount), amount)
  const key = `${sessionId}:capture:${capturedAfter}`
  const claim = await deps.movements.claim({
    payment_session_id: sessionId,
    kind: "capture",
    content_key: key,
    amount,
    capture_id: null,
    medusa_id: medusaCaptureId,
  })
  if (!claim.claimed) {
    throw new MedusaError(MedusaError.Types.CONFLICT, `Flexiti: a capture bringing this payment to $${capturedAfter} is already in progress`)
  }
  const referenceId = referenceIdFor(medusaCaptureId)
  const reference = bodyReference(medusaCaptureId)
  try {
    const capture = await client.capture(
      authorizationId,
      { amount: toFlexitiAmount(amount), reference, sku_data: skuDataFor(checkout.sku_data, amount, "capture") },
      { referenceId }
    )
    await deps.movements.complete(key, { flexiti_id: String(capture.capture_id), capture_id: String(capture.capture_id) })
    await audit({ operation: "capture", reference_id: referenceId, outcome: "success", amount, flexiti_id: String(capture.capture_id) })
  } catch (error) {
    if (certainlyRefused(error)) {
      await deps.movements.releaseClaim(key)
    } else {
      // The answer was lost: Flexiti's capture list says whether it went through.
      const after = await client.getAuthorization(authorizationId).catch(() => undefined)
      const applied = after?.captures.find((c) => c.reference === reference && !known.has(String(c.capture_id)))
      if (applied) {
        await deps.movements.complete(key, { flexiti_id: String(applied.capture_id), capture_id: String(applied.capture_id) })
        await audit({
          operation: "capture",
          reference_id: referenceId,
          outcome: "success",
          amount,
          flexiti_id: String(applied.capture_id),
          message: "answer lost; Flexiti shows the capture",
        })
        return
      }
      if (after) await deps.movements.releaseClaim(key)
    }
    await audit(failureEntry("capture", referenceId, error, amount))
    throw error
  }
}

/** Records that a Flexiti capture settles a Medusa capture: its movement when there is one, else a new one. */
async function recordCapture(deps: PaymentsDeps, sessionId: string, captureId: number, amount: Dollars, medusaId: string) {
  const movements = await deps.movements.list(sessionId)
  const existing = movements.find((m) => m.kind === "capture" && m.state === "done" && m.flexiti_id === String(captureId))
  if (existing) {
    await deps.movements.assign(existing.content_key, medusaId)
    return
  }
  const key = `${sessionId}:capture:flexiti-${captureId}`
  await deps.movements.claim({ payment_session_id: sessionId, kind: "capture", content_key: key, amount, capture_id: String(captureId), medusa_id: medusaId })
  await deps.movements.complete(key, { flexiti_id: String(captureId), capture_id: String(captureId), medusa_id: medusaId })
}

/* ------------------------------------------------------------------ refunds */

/**
 * A refund piece whose answer was lost stays `pending`. For a return, Flexiti's returned amount
 * on the capture says whether it went through (ASSUMPTIONS.CAPTURE_RETURNED_AMOUNT). An account refund answers `{}` and cannot be read
 * back, so a pending one stops further refunds until an admin confirms it in Flexiti's portal.
 */
async function settlePendingRefunds(ctx: MoneyContext, authorization: Authorization): Promise<FlexitiMovement[]> {
  const movements = await ctx.deps.movements.list(ctx.checkout.payment_session_id)
  for (const pending of movements.filter((m) => m.state === "pending" && m.kind !== "capture")) {
    const capture = authorization.captures.find((c) => String(c.capture_id) === pending.capture_id)
    if (pending.kind === "return" && capture?.returned_amount !== undefined) {
      const recorded = sum(movements.filter((m) => m.kind === "return" && m.state === "done" && m.capture_id === pending.capture_id))
      const applied = lte(addDollars(recorded, pending.amount), toDollars(capture.returned_amount))
      if (applied) await ctx.deps.movements.complete(pending.content_key, {})
      else await ctx.deps.movements.releaseClaim(pending.content_key)
      continue
    }
    throw new MedusaError(
      MedusaError.Types.NOT_ALLOWED,
      `Flexiti did not answer an earlier ${pending.kind === "return" ? "return" : "account refund"} of $${pending.amount} on capture ${pending.capture_id} ` +
        `(reference ${refundReferenceOf(pending.content_key)}), and it cannot be read back. Look it up in Flexiti's merchant portal, then mark it ` +
        "done or not done in the order's Flexiti panel; refunds of this payment resume after that."
    )
  }
  return ctx.deps.movements.list(ctx.checkout.payment_session_id)
}

/**
 * Refunds `amount` for one Medusa refund, at most once whatever the retries. Pieces already
 * applied for an earlier attempt whose Medusa refund is gone are adopted first; the rest is split
 * across the captures that still hold money, oldest first: a return against the capture for
 * promotional purchases (within Flexiti's 100-day window), else an account refund. Each piece is
 * keyed by what it refunds (the capture and the running total it brings it to).
 */
export async function refundOnFlexiti(ctx: MoneyContext, args: { medusaRefundId: string; amount: Dollars; liveMedusaRefundIds: string[] }): Promise<void> {
  const { client, deps, checkout } = ctx
  const { medusaRefundId, amount } = args
  const sessionId = checkout.payment_session_id
  const authorization = await client.getAuthorization(authorizationIdOf(checkout))
  let movements = await settlePendingRefunds(ctx, authorization)
  const refundMovements = () => movements.filter((m) => m.kind !== "capture" && m.state === "done")

  const mine = refundMovements().filter((m) => m.medusa_id === medusaRefundId)
  let left = subDollars(amount, sum(mine))
  if (!isPositive(left)) return

  // Pieces applied for a refund Medusa no longer has (it threw after Flexiti took some):
  // they belong to this retry as far as its amount goes.
  const live = new Set(args.liveMedusaRefundIds)
  const unaccounted: FlexitiMovement[] = []
  for (const orphan of refundMovements().filter((m) => !m.medusa_id || !live.has(m.medusa_id))) {
    if (!lte(orphan.amount, left)) {
      unaccounted.push(orphan)
      continue
    }
    await deps.movements.assign(orphan.content_key, medusaRefundId)
    left = subDollars(left, orphan.amount)
  }
  if (!isPositive(left)) return
  if (unaccounted.length) {
    throw new MedusaError(
      MedusaError.Types.NOT_ALLOWED,
      `Flexiti holds ${unaccounted.length} refund(s) (${unaccounted.map((m) => `$${m.amount}`).join(", ")}) that no Medusa refund accounts for; ` +
        `not refunding $${amount} on top. Refund at least that amount to record it, or run Reconcile in Settings → Flexiti.`
    )
  }
  movements = await deps.movements.list(sessionId)

  const data = paymentDataOf(checkout, authorization, movements)
  const captures = [...data.captures].sort((a, b) => a.date.localeCompare(b.date))
  const pieces: { capture: (typeof captures)[number]; amount: Dollars }[] = []
  for (const capture of captures) {
    if (!isPositive(left)) break
    const take = minDollars(refundableOf(capture), left)
    if (!isPositive(take)) continue
    pieces.push({ capture, amount: take })
    left = subDollars(left, take)
  }
  if (isPositive(left)) {
    const refundable = addDollars(...data.captures.map(refundableOf))
    throw new MedusaError(MedusaError.Types.NOT_ALLOWED, `Flexiti: cannot refund $${amount}; only $${refundable} is captured and not yet refunded.`)
  }

  for (const piece of pieces) {
    const movedBefore = addDollars(piece.capture.returned, piece.capture.refunded)
    const key = `${sessionId}:refund:${piece.capture.capture_id}:${addDollars(movedBefore, piece.amount)}`
    await sendRefundPiece(ctx, { authorization, capture: piece.capture, amount: piece.amount, key, medusaRefundId })
  }
}

async function sendRefundPiece(
  ctx: MoneyContext,
  args: {
    authorization: Authorization
    capture: { capture_id: number; amount: Dollars; returned: Dollars; refunded: Dollars }
    amount: Dollars
    key: string
    medusaRefundId: string
  }
): Promise<void> {
  const { client, deps, audit, checkout } = ctx
  const { authorization, capture, amount, key } = args
  const referenceId = referenceIdFor(key)
  const reference = bodyReference(referenceId)
  const claimAs = async (kind: "return" | "account_refund") => {
    const claim = await deps.movements.claim({
      payment_session_id: checkout.payment_session_id,
      kind,
      content_key: `${key}:${kind}`,
      amount,
      capture_id: String(capture.capture_id),
      medusa_id: args.medusaRefundId,
    })
    if (!claim.claimed) {
      throw new MedusaError(MedusaError.Types.CONFLICT, `Flexiti: a refund of $${amount} on capture ${capture.capture_id} is already recorded or in progress`)
    }
    return `${key}:${kind}`
  }

  if (prefersReturn(authorization.transaction_type)) {
    const claimKey = await claimAs("return")
    try {
      const returned = await client.returnCapture(
        authorization.authorization_id,
        capture.capture_id,
        {
          amount: toFlexitiAmount(amount),
          full_return: sameToTheCent(amount, capture.amount),
          reference,
          sku_data: skuDataFor(checkout.sku_data, amount, "return"),
        },
        { referenceId }
      )
      await deps.movements.complete(claimKey, { flexiti_id: String(returned.return_id) })
      await audit({ operation: "return", reference_id: referenceId, outcome: "success", amount, flexiti_id: String(returned.return_id) })
      return
    } catch (error) {
      if (certainlyRefused(error)) await deps.movements.releaseClaim(claimKey)
      if (!(error instanceof FlexitiError && RETURN_FALLBACK_CODES.some((code) => error.is(code)))) {
        if (!certainlyRefused(error) && (await returnWentThrough(ctx, authorization.authorization_id, capture, amount))) {
          await deps.movements.complete(claimKey, {})
          await audit({ operation: "return", reference_id: referenceId, outcome: "success", amount, message: "answer lost; Flexiti shows the return" })
          return
        }
        await audit(failureEntry("return", referenceId, error, amount))
        throw error
      }
      // Past the return window or not a promotional purchase: an account refund instead.
    }
  }
  const claimKey = await claimAs("account_refund")
  try {
    await client.refundAccount(
      authorization.account_number,
      { amount: toFlexitiAmount(amount), capture_id: capture.capture_id, reference, sku_data: skuDataFor(checkout.sku_data, amount, "refund") },
      { referenceId }
    )
    await deps.movements.complete(claimKey, {})
    await audit({ operation: "account_refund", reference_id: referenceId, outcome: "success", amount, flexiti_id: String(capture.capture_id) })
  } catch (error) {
    // Only a refusal frees the claim: an unanswered account refund cannot be read back.
    if (certainlyRefused(error)) await deps.movements.releaseClaim(claimKey)
    await audit(failureEntry("account_refund", referenceId, error, amount))
    throw error
  }
}

/** After a lost answer: did Flexiti's returned amount on the capture grow by this piece? */
async function returnWentThrough(
  ctx: MoneyContext,
  authorizationId: number,
  capture: { capture_id: number; returned: Dollars },
  amount: Dollars
): Promise<boolean> {
  const after = await ctx.client.getAuthorization(authorizationId).catch(() => undefined)
  const now = after?.captures.find((c) => c.capture_id === capture.capture_id)
  if (now?.returned_amount === undefined) return false
  return lte(addDollars(capture.returned, amount), toDollars(now.returned_amount))
}

/** A refund piece is keyed `<piece key>:<kind>`; the piece key's reference id is what Flexiti was sent. */
export function refundReferenceOf(contentKey: string): string {
  return referenceIdFor(contentKey.replace(/:(return|account_refund)$/, ""))
}
