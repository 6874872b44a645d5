import { listMovements } from "../../../modules/flexiti/stores/movement-store"
import { Ledger, providerHarness } from "./provider-harness"

jest.setTimeout(30_000)

const h = providerHarness()

const returnedOf = (capture: Ledger["captures"][number]) => capture.returns.reduce((total, r) => total + r.amount, 0)

/** Flexiti's returns per capture, in capture order (the sandbox buys on a promotional plan, so refunds are returns). */
async function returnsPerCapture(sessionId: string) {
  const [auth] = await h.ledger(sessionId)
  return auth.captures.map((c) => ({ returned: returnedOf(c), count: c.returns.length }))
}

/** An authorized payment captured in the given pieces. */
async function capturedPayment(pieces: number[]) {
  const provider = h.provider()
  const payment = await h.authorizedPayment(
    provider,
    pieces.reduce((a, b) => a + b, 0)
  )
  for (const amount of pieces) await h.capture(provider, payment, amount)
  return { provider, payment, authorizationId: payment.authorized.data!.authorization_id as number }
}

describe("FlexitiProviderService: refund", () => {
  it("splits a refund across the captures, oldest first", async () => {
    const { provider, payment } = await capturedPayment([200, 300])
    const { refundId, result } = await h.refund(provider, payment, 400)
    expect(await returnsPerCapture(payment.sessionId)).toEqual([
      { returned: 200, count: 1 },
      { returned: 200, count: 1 },
    ])
    expect(result.data).toMatchObject({
      refunds: [
        { medusa_refund_id: refundId, amount: "200.00", method: "return" },
        { medusa_refund_id: refundId, amount: "200.00", method: "return" },
      ],
    })
    // More than what is left captured and not refunded is refused, and nothing moves.
    await expect(h.refund(provider, payment, 100.01)).rejects.toThrow(/only \$100.00 is captured and not yet refunded/)
    expect((await returnsPerCapture(payment.sessionId)).map((c) => c.returned)).toEqual([200, 200])
  })

  it("recognises a return whose answer was lost from Flexiti's returned amount", async () => {
    const { provider, payment, authorizationId } = await capturedPayment([300])
    await h.faults({ lose_answer_next: [{ path_contains: `${h.paths.capture(authorizationId)}/`, method: "POST" }] })
    const { refundId, result } = await h.refund(provider, payment, 120)
    expect(result.data).toMatchObject({ refunds: [{ medusa_refund_id: refundId, amount: "120.00" }] })
    expect(await returnsPerCapture(payment.sessionId)).toEqual([{ returned: 120, count: 1 }])
  })

  it("does not refund twice when Medusa retries under a new refund id after the answer and the re-read were lost", async () => {
    const { provider, payment, authorizationId } = await capturedPayment([300])
    await h.faults({
      lose_answer_next: [{ path_contains: `${h.paths.capture(authorizationId)}/`, method: "POST" }],
      fail_next: [h.failedReread(authorizationId)],
    })
    await h.failedAttempt("refund", provider, payment, 120)
    expect(await returnsPerCapture(payment.sessionId)).toEqual([{ returned: 120, count: 1 }])

    const retry = await h.refund(provider, payment, 120)
    expect(await returnsPerCapture(payment.sessionId)).toEqual([{ returned: 120, count: 1 }])
    expect(retry.result.data).toMatchObject({ refunds: [{ medusa_refund_id: retry.refundId, amount: "120.00" }] })
    expect((await listMovements(h.knex, payment.sessionId)).filter((m) => m.kind === "return")).toMatchObject([{ state: "done", medusa_id: retry.refundId }])
  })

  it("concurrent refunds never take back more than was captured", async () => {
    const { provider, payment } = await capturedPayment([300])
    const outcomes = await Promise.allSettled([120, 120, 120].map((amount) => h.refund(provider, payment, amount)))
    expect(outcomes.filter((o) => o.status === "fulfilled")).toHaveLength(2)
    expect(outcomes.filter((o) => o.status === "rejected").map((o) => String((o as PromiseRejectedResult).reason))).toEqual([
      expect.stringMatching(/only \$60.00 is captured and not yet refunded/),
    ])
    const [auth] = await h.ledger(payment.sessionId)
    const refunded = auth.captures.reduce((total, c) => total + returnedOf(c) + c.refunds.reduce((t, r) => t + r.amount, 0), 0)
    expect(refunded).toBe(240)
  })

  it("refunds to the account when Flexiti refuses the return (past its return window)", async () => {
    const { provider, payment } = await capturedPayment([250])
    await h.faults({ error_next: [{ code: "return_date_exceeded", path_contains: "/return" }] })
    const { refundId, result } = await h.refund(provider, payment, 90)
    const [auth] = await h.ledger(payment.sessionId)
    expect(auth.captures[0].returns).toEqual([])
    expect(auth.captures[0].refunds).toMatchObject([{ amount: 90 }])
    expect(result.data).toMatchObject({ refunds: [{ medusa_refund_id: refundId, amount: "90.00", method: "account_refund" }] })
  })

  it("stops further refunds after an account refund whose answer was lost (it cannot be read back)", async () => {
    const { provider, payment, authorizationId } = await capturedPayment([250])
    await h.faults({
      error_next: [{ code: "return_date_exceeded", path_contains: "/return" }],
      lose_answer_next: [{ path_contains: "/refund", method: "POST" }],
    })
    await expect(h.refund(provider, payment, 90)).rejects.toThrow()
    await h.faults({ error_next: [{ code: "return_date_exceeded", path_contains: "/return" }] })
    await expect(h.refund(provider, payment, 90)).rejects.toThrow(/merchant portal/)
    const [auth] = await h.ledger(payment.sessionId)
    expect(auth.authorization_id).toBe(authorizationId)
    expect(auth.captures[0].refunds).toMatchObject([{ amount: 90 }])
  })

  it("refuses a refund Medusa gave no refund id for", async () => {
    const { provider, payment } = await capturedPayment([150])
    await expect(provider.refundPayment({ amount: 50, data: payment.data, context: {} })).rejects.toThrow(/gave no refund/)
    expect(await returnsPerCapture(payment.sessionId)).toEqual([{ returned: 0, count: 0 }])
  })
})
