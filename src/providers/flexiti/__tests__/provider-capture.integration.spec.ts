import { listMovements } from "../../../modules/flexiti/stores/movement-store"
import { providerHarness } from "./provider-harness"

jest.setTimeout(30_000)

const h = providerHarness()

/** Flexiti's captures of a session as [reference, amount] pairs. */
async function flexitiCaptures(sessionId: string) {
  const [auth] = await h.ledger(sessionId)
  return { auth, captures: auth.captures.map((c) => [c.reference, c.amount]) }
}

/** Makes Flexiti apply the next capture and drop its answer, and (optionally) the re-read after it fail. */
async function loseCaptureAnswer(authorizationId: number, opts: { failReread: boolean }) {
  await h.faults({
    lose_answer_next: [{ path_contains: h.paths.capture(authorizationId), method: "POST" }],
    ...(opts.failReread ? { fail_next: [h.failedReread(authorizationId)] } : {}),
  })
}

/** A capture Flexiti applied while its answer and the re-read were lost; the provider threw and Medusa dropped the row. */
async function appliedButUnanswered(amount: number) {
  const provider = h.provider()
  const payment = await h.authorizedPayment(provider, 400)
  await loseCaptureAnswer(payment.authorized.data!.authorization_id as number, { failReread: true })
  const firstId = await h.failedAttempt("capture", provider, payment, amount)
  return { provider, payment, firstId }
}

describe("FlexitiProviderService: capture", () => {
  it("captures the amount of each Medusa capture under its id, and a repeated call captures nothing more", async () => {
    const provider = h.provider()
    const payment = await h.authorizedPayment(provider, 500)
    const first = await h.capture(provider, payment, 200)
    const second = await h.capture(provider, payment, 300)
    const { auth, captures } = await flexitiCaptures(payment.sessionId)
    expect(captures).toEqual([
      [first.captureId, 200],
      [second.captureId, 300],
    ])
    expect(auth).toMatchObject({ captured_amount: 500, status: "closed" })
    expect(second.result.data).toMatchObject({
      captures: [
        { medusa_capture_id: first.captureId, amount: "200.00" },
        { medusa_capture_id: second.captureId, amount: "300.00" },
      ],
    })
    // Medusa retries a capture with the same id after a crash: nothing is captured twice.
    await h.capture(provider, payment, 200, first.captureId)
    expect((await flexitiCaptures(payment.sessionId)).captures).toHaveLength(2)
  })

  it("concurrent captures never take more than was authorized", async () => {
    const provider = h.provider()
    const payment = await h.authorizedPayment(provider, 300)
    const outcomes = await Promise.allSettled([200, 200].map((amount) => h.capture(provider, payment, amount)))
    expect(outcomes.map((o) => o.status).sort()).toEqual(["fulfilled", "rejected"])
    const { auth, captures } = await flexitiCaptures(payment.sessionId)
    expect(captures.map(([, amount]) => amount)).toEqual([200])
    expect(auth.remaining_authorization_amount).toBe(100)
    expect(await listMovements(h.knex, payment.sessionId)).toMatchObject([{ kind: "capture", state: "done" }])
  })

  it("recognises a capture whose answer was lost by reading Flexiti's capture list", async () => {
    const provider = h.provider()
    const payment = await h.authorizedPayment(provider, 400)
    await loseCaptureAnswer(payment.authorized.data!.authorization_id as number, { failReread: false })
    const { captureId, result } = await h.capture(provider, payment, 150)
    expect(result.data).toMatchObject({ captures: [{ medusa_capture_id: captureId, amount: "150.00" }] })
    expect((await flexitiCaptures(payment.sessionId)).captures).toEqual([[captureId, 150]])
    expect(await listMovements(h.knex, payment.sessionId)).toMatchObject([{ kind: "capture", state: "done", medusa_id: captureId }])
  })

  it("adopts, on Medusa's retry under a new capture id, a capture whose answer and re-read were both lost", async () => {
    const { provider, payment, firstId } = await appliedButUnanswered(250)
    expect((await flexitiCaptures(payment.sessionId)).captures).toEqual([[firstId, 250]])

    const retry = await h.capture(provider, payment, 250)
    const { auth, captures } = await flexitiCaptures(payment.sessionId)
    expect(captures).toEqual([[firstId, 250]])
    expect(auth.captured_amount).toBe(250)
    expect(retry.result.data).toMatchObject({ captures: [{ medusa_capture_id: retry.captureId, amount: "250.00" }] })
  })

  it("refuses a capture of another amount while Flexiti holds a capture no Medusa capture accounts for", async () => {
    const { provider, payment, firstId } = await appliedButUnanswered(250)

    await expect(h.capture(provider, payment, 100)).rejects.toThrow(/no Medusa capture accounts for/)
    const { auth, captures } = await flexitiCaptures(payment.sessionId)
    expect(captures).toEqual([[firstId, 250]])
    expect(auth.captured_amount).toBe(250)
  })

  it("sends a capture again on Medusa's retry when the failed one never reached Flexiti", async () => {
    const provider = h.provider()
    const payment = await h.authorizedPayment(provider, 400)
    const authorizationId = payment.authorized.data!.authorization_id as number
    // A 503 leaves the outcome unknown to the plugin, and the re-read that would settle it fails too.
    await h.faults({
      fail_next: [{ path_contains: h.paths.capture(authorizationId), method: "POST", status: 503 }, h.failedReread(authorizationId)],
    })
    await h.failedAttempt("capture", provider, payment, 180)
    expect(await listMovements(h.knex, payment.sessionId)).toMatchObject([{ kind: "capture", state: "pending" }])

    const retry = await h.capture(provider, payment, 180)
    expect((await flexitiCaptures(payment.sessionId)).captures).toEqual([[retry.captureId, 180]])
    expect(await listMovements(h.knex, payment.sessionId)).toMatchObject([{ kind: "capture", state: "done", medusa_id: retry.captureId }])
  })

  it("refuses a capture Medusa has no capture row for", async () => {
    const provider = h.provider()
    const payment = await h.authorizedPayment(provider, 300)
    await expect(provider.capturePayment({ data: payment.data, context: {} })).rejects.toThrow(/gave no capture/)
    await expect(provider.capturePayment({ data: payment.data, context: { idempotency_key: "capt_DOESNOTEXIST" } })).rejects.toThrow(/gave no capture/)
    expect((await flexitiCaptures(payment.sessionId)).captures).toEqual([])
  })

  it("refuses to capture a session the plugin holds no authorization for", async () => {
    const provider = h.provider()
    const checkout = await h.approvedCheckout(provider, 300)
    const captureId = await h.captureRow(await h.paymentRow(checkout, 300), 300)
    await expect(provider.capturePayment({ data: { session_id: checkout.sessionId }, context: { idempotency_key: captureId } })).rejects.toThrow(
      /no Flexiti authorization to capture/
    )
    expect(await h.ledger(checkout.sessionId)).toEqual([])
  })
})
