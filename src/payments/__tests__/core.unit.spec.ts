/**
 * The payments core's money rules, with its ports in memory and Flexiti played by a fake ledger:
 * no database, no network. Each test checks both Flexiti's ledger (what money moved) and the
 * plugin's records (what the core wrote).
 */
import { MedusaError } from "@medusajs/framework/utils"
import { FlexitiError } from "../../flexiti/errors"
import { toDollars } from "../../lib/money"
import { asMedusaError, cancelPayment, capturePayment, deletePayment, refundPayment } from "../index"
import { COMPLETION_WINDOW_SECONDS } from "../steps/release"
import { FakeFlexiti } from "./fake-flexiti"
import { InMemoryDeps } from "./in-memory-deps"

const SESSION = "payses_core01"
const AUTHORIZATION = 501

function setup(args: { amount?: string; transactionType?: "promotional_purchase" | "regular_purchase"; acceptedSecondsAgo?: number } = {}) {
  const flexiti = new FakeFlexiti()
  const deps = new InMemoryDeps(flexiti.client)
  const amount = toDollars(args.amount ?? "1.00")
  flexiti.authorize({ authorizationId: AUTHORIZATION, amount, reference: SESSION, transactionType: args.transactionType })
  deps.seedCheckout({
    payment_session_id: SESSION,
    authorization_id: String(AUTHORIZATION),
    amount,
    accepted_at: new Date(Date.now() - (args.acceptedSecondsAgo ?? 3600) * 1000),
  })
  return { flexiti, deps }
}

/** Medusa records a capture row, then asks the provider to settle it. */
async function capture(deps: InMemoryDeps, paymentId: string, captureId: string, amount: string) {
  deps.recordCapture(paymentId, captureId, toDollars(amount))
  try {
    return await capturePayment(deps, { sessionId: SESSION, medusaCaptureId: captureId })
  } catch (error) {
    deps.forget(captureId) // what Medusa does when the provider throws
    throw error
  }
}

async function refund(deps: InMemoryDeps, paymentId: string, refundId: string, amount: string) {
  deps.recordRefund(paymentId, refundId, toDollars(amount))
  try {
    return await refundPayment(deps, { sessionId: SESSION, medusaRefundId: refundId, amount: toDollars(amount) })
  } catch (error) {
    deps.forget(refundId)
    throw error
  }
}

/** Lets other steps run until `ready` holds. */
async function until(ready: () => boolean) {
  while (!ready()) await new Promise((resolve) => setImmediate(resolve))
}

const done = (deps: InMemoryDeps, kind: string) => deps.movementRows.filter((m) => m.kind === kind && m.state === "done")
const pending = (deps: InMemoryDeps) => deps.movementRows.filter((m) => m.state === "pending")

describe("payments core: captures", () => {
  it("a capture repeated under a new Medusa capture id moves money once", async () => {
    const { flexiti, deps } = setup()
    const payment = deps.recordPayment(SESSION)
    await capture(deps, payment, "capt_1", "0.50")
    // Medusa lost track of capt_1 (it deleted the row) and captures the same amount again.
    deps.forget("capt_1")
    await capture(deps, payment, "capt_2", "0.50")

    expect(flexiti.sent("capture")).toBe(1)
    expect(flexiti.captured(AUTHORIZATION)).toBe("0.50")
    expect(done(deps, "capture").map((m) => m.medusa_id)).toEqual(["capt_2"])
    expect(deps.log.some((e) => e.message === "adopted a capture Flexiti had already applied")).toBe(true)
  })

  it("a capture whose answer was lost is adopted on retry, never sent twice", async () => {
    const { flexiti, deps } = setup()
    const payment = deps.recordPayment(SESSION)
    // Flexiti applies the capture and the answer is lost; the read-back fails too.
    flexiti.failNext("capture", "lose")
    flexiti.failNext("getAuthorization", "ok", "unavailable")
    deps.recordCapture(payment, "capt_1", toDollars("0.40"))
    await expect(capturePayment(deps, { sessionId: SESSION, medusaCaptureId: "capt_1" })).rejects.toBeInstanceOf(FlexitiError)
    expect(flexiti.captured(AUTHORIZATION)).toBe("0.40")
    expect(pending(deps)).toHaveLength(1) // unknown outcome: the claim is kept

    await capturePayment(deps, { sessionId: SESSION, medusaCaptureId: "capt_1" })

    expect(flexiti.sent("capture")).toBe(1)
    expect(flexiti.captured(AUTHORIZATION)).toBe("0.40")
    expect(pending(deps)).toHaveLength(0)
    expect(done(deps, "capture").map((m) => [m.medusa_id, m.amount])).toEqual([["capt_1", "0.40"]])
  })

  it("a refusal maps to a decline and is not retried; its claim is given back", async () => {
    const { flexiti, deps } = setup()
    const payment = deps.recordPayment(SESSION)
    flexiti.failNext("capture", { refuse: "capture_amount_exceeded" })
    const error = await capture(deps, payment, "capt_1", "0.30").catch((e: unknown) => e)

    const mapped = asMedusaError("capture the payment", error) as MedusaError
    expect(mapped).toBeInstanceOf(MedusaError)
    expect(mapped.type).toBe(MedusaError.Types.NOT_ALLOWED)
    expect(flexiti.sent("capture")).toBe(1)
    expect(flexiti.captured(AUTHORIZATION)).toBe("0.00")
    expect(deps.movementRows).toHaveLength(0)
    expect(deps.log.at(-1)).toMatchObject({ operation: "capture", outcome: "failure", http_status: 409, error_code: "capture_amount_exceeded" })
  })

  it("a 503 is an outage, not a decline: nothing moved, the claim is given back once Flexiti's list shows it was not applied", async () => {
    const { flexiti, deps } = setup()
    const payment = deps.recordPayment(SESSION)
    flexiti.failNext("capture", "unavailable")
    const error = await capture(deps, payment, "capt_1", "0.30").catch((e: unknown) => e)
    expect((asMedusaError("capture the payment", error) as MedusaError).type).toBe(MedusaError.Types.UNEXPECTED_STATE)
    expect(deps.movementRows).toHaveLength(0)

    await capture(deps, payment, "capt_2", "0.30")
    expect(flexiti.captured(AUTHORIZATION)).toBe("0.30")
    expect(flexiti.sent("capture")).toBe(2)
  })

  it("concurrent captures of one payment never exceed the authorization", async () => {
    const { flexiti, deps } = setup({ amount: "1.00" })
    const payment = deps.recordPayment(SESSION)
    const results = await Promise.allSettled(["capt_a", "capt_b", "capt_c"].map((id) => capture(deps, payment, id, "0.40")))

    expect(results.map((r) => r.status).sort()).toEqual(["fulfilled", "fulfilled", "rejected"])
    expect(flexiti.captured(AUTHORIZATION)).toBe("0.80")
    expect(done(deps, "capture")).toHaveLength(2)
    expect(pending(deps)).toHaveLength(0)
  })

  it("a capture after the release finished waiting for the lock captures nothing", async () => {
    const { flexiti, deps } = setup()
    const payment = deps.recordPayment(SESSION)
    deps.recordCapture(payment, "capt_1", toDollars("0.20"))
    const steps: Promise<unknown>[] = []
    await deps.lock(SESSION, async () => {
      // The cancel asks for the lock first, the capture right behind it.
      steps.push(cancelPayment(deps, { sessionId: SESSION, data: {} }))
      await until(() => deps.waitersOf(SESSION) >= 1)
      steps.push(capturePayment(deps, { sessionId: SESSION, medusaCaptureId: "capt_1" }))
      await until(() => deps.waitersOf(SESSION) >= 2)
    })
    const [canceled, captured] = await Promise.allSettled(steps)
    expect(canceled.status).toBe("fulfilled")
    expect(captured.status).toBe("rejected")
    expect(flexiti.sent("capture")).toBe(0)
    expect(flexiti.authorizations.get(AUTHORIZATION)!.released).toBe("1.00")
  })
})

describe("payments core: refunds", () => {
  it("a return whose answer was lost is adopted on retry, never sent twice", async () => {
    const { flexiti, deps } = setup()
    const payment = deps.recordPayment(SESSION)
    await capture(deps, payment, "capt_1", "1.00")
    flexiti.failNext("returnCapture", "lose")
    flexiti.failNext("getAuthorization", "ok", "unavailable")
    await expect(refund(deps, payment, "ref_1", "0.30")).rejects.toBeInstanceOf(FlexitiError)
    expect(pending(deps).map((m) => m.kind)).toEqual(["return"])

    await refund(deps, payment, "ref_2", "0.30")

    expect(flexiti.sent("returnCapture")).toBe(1)
    const ledger = flexiti.authorizations.get(AUTHORIZATION)!
    expect(ledger.returns.map((r) => r.amount)).toEqual(["0.30"])
    expect(done(deps, "return").map((m) => [m.medusa_id, m.amount])).toEqual([["ref_2", "0.30"]])
    expect(pending(deps)).toHaveLength(0)
  })

  it("an account refund whose answer was lost stops further refunds until an admin resolves it", async () => {
    const { flexiti, deps } = setup({ transactionType: "regular_purchase" })
    const payment = deps.recordPayment(SESSION)
    await capture(deps, payment, "capt_1", "1.00")
    flexiti.failNext("refundAccount", "lose")
    await expect(refund(deps, payment, "ref_1", "0.25")).rejects.toBeInstanceOf(FlexitiError)

    const error = (await refund(deps, payment, "ref_2", "0.25").catch((e: unknown) => e)) as MedusaError
    expect(error.type).toBe(MedusaError.Types.NOT_ALLOWED)
    expect(flexiti.sent("refundAccount")).toBe(1)
    expect(flexiti.authorizations.get(AUTHORIZATION)!.refunds.map((r) => r.amount)).toEqual(["0.25"])
  })

  it("a refund splits across captures oldest first, as decimal dollars", async () => {
    const { flexiti, deps } = setup()
    const payment = deps.recordPayment(SESSION)
    await capture(deps, payment, "capt_1", "0.10")
    await capture(deps, payment, "capt_2", "0.20")
    await refund(deps, payment, "ref_1", "0.25")

    const ledger = flexiti.authorizations.get(AUTHORIZATION)!
    expect(ledger.captures.map((c) => c.returned)).toEqual(["0.10", "0.15"])
    expect(done(deps, "return").map((m) => m.amount)).toEqual(["0.10", "0.15"])
  })
})

describe("payments core: releases", () => {
  it("three captures of 0.10, 0.20 and 0.30 leave exactly 0.40 of 1.00 to release", async () => {
    const { flexiti, deps } = setup({ amount: "1.00" })
    const payment = deps.recordPayment(SESSION)
    for (const [id, amount] of [
      ["capt_1", "0.10"],
      ["capt_2", "0.20"],
      ["capt_3", "0.30"],
    ])
      await capture(deps, payment, id, amount)
    await cancelPayment(deps, { sessionId: SESSION, data: {} })

    const release = flexiti.calls.find((c) => c.method === "release")
    expect(release?.amount).toBe("0.40")
    expect(flexiti.authorizations.get(AUTHORIZATION)!.released).toBe("0.40")
    expect(flexiti.remaining(AUTHORIZATION)).toBe("0.00")
    expect(deps.checkoutRows.get(SESSION)!.release_state).toBe("released")
  })

  it("a release finds a live Medusa payment recorded while it waited for the lock, and holds", async () => {
    const { flexiti, deps } = setup()
    let released!: Promise<void>
    await deps.lock(SESSION, async () => {
      released = deletePayment(deps, { sessionId: SESSION })
      await until(() => deps.waitersOf(SESSION) >= 1)
      deps.recordPayment(SESSION) // the order's completion commits its payment meanwhile
    })
    await released

    expect(flexiti.sent("release")).toBe(0)
    expect(flexiti.remaining(AUTHORIZATION)).toBe("1.00")
    expect(deps.checkoutRows.get(SESSION)!.release_error).toMatch(/holds this authorization/)
  })

  it(`a release within ${COMPLETION_WINDOW_SECONDS} s of an accepted authorization is deferred`, async () => {
    const { flexiti, deps } = setup({ acceptedSecondsAgo: COMPLETION_WINDOW_SECONDS - 30 })
    await deletePayment(deps, { sessionId: SESSION })

    expect(flexiti.sent("release")).toBe(0)
    expect(deps.checkoutRows.get(SESSION)).toMatchObject({ release_state: "pending", release_error: expect.stringMatching(/^deferred/) })
  })

  it("a release past the completion window with no Medusa payment gives everything back", async () => {
    const { flexiti, deps } = setup({ acceptedSecondsAgo: COMPLETION_WINDOW_SECONDS + 30 })
    await deletePayment(deps, { sessionId: SESSION })

    expect(flexiti.authorizations.get(AUTHORIZATION)!.released).toBe("1.00")
    expect(deps.checkoutRows.get(SESSION)).toMatchObject({ release_state: "released", release_error: null })
  })

  it("a cancel from a failed authorization leaves alone a payment another completion recorded meanwhile", async () => {
    const { flexiti, deps } = setup()
    let canceled!: Promise<unknown>
    await deps.lock(SESSION, async () => {
      // Medusa had no payment when it canceled; the other completion records one before the lock is free.
      canceled = cancelPayment(deps, { sessionId: SESSION, data: { session_id: SESSION } })
      await until(() => deps.waitersOf(SESSION) >= 1)
      deps.recordPayment(SESSION)
    })

    expect(await canceled).toEqual({ session_id: SESSION })
    expect(flexiti.sent("release")).toBe(0)
    expect(flexiti.remaining(AUTHORIZATION)).toBe("1.00")
    expect(deps.checkoutRows.get(SESSION)!.release_state).toBeNull()
  })
})
