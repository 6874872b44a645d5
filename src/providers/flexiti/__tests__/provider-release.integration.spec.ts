import { PaymentSessionStatus } from "@medusajs/framework/utils"
import { readCheckout } from "../../../modules/flexiti/stores/checkout-store"
import type { Knex } from "@medusajs/framework/mikro-orm/knex"
import { FlexitiProviderService } from "../service"
import { providerHarness } from "./provider-harness"

jest.setTimeout(30_000)

const h = providerHarness()

/**
 * The shared pg connection, except that Medusa commits the order's payment (`commit`) right after
 * the first read of its payments has come back empty: the completion racing the release checks.
 */
function commitsPaymentAfterFirstRead(knex: Knex, commit: () => Promise<unknown>): Knex {
  let raced = false
  return new Proxy(knex, {
    apply(target, thisArg, args) {
      const builder = Reflect.apply(target, thisArg, args)
      if (args[0] !== "payment" || raced) return builder
      raced = true
      const then = builder.then.bind(builder)
      builder.then = (resolve: (v: unknown) => unknown, reject: (e: unknown) => unknown) =>
        then(async (rows: unknown) => {
          await commit()
          return rows
        }).then(resolve, reject)
      return builder
    },
  })
}

describe("FlexitiProviderService: cancel and delete", () => {
  it("cancel releases what remains after the captures", async () => {
    const provider = h.provider()
    const payment = await h.authorizedPayment(provider, 500)
    await h.capture(provider, payment, 200)
    const cancelled = await provider.cancelPayment({ data: payment.data, context: { idempotency_key: "pay_cancel_1" } })
    const [auth] = await h.ledger(payment.sessionId)
    expect(auth).toMatchObject({ captured_amount: 200, released_amount: 300, remaining_authorization_amount: 0 })
    expect(cancelled.data).toMatchObject({ released_amount: "300.00", captures: [{ amount: "200.00" }] })
    expect((await readCheckout(h.knex, payment.sessionId))?.release_state).toBe("released")
    // A second cancel (Medusa retries) finds nothing left to release.
    await provider.cancelPayment({ data: payment.data, context: { idempotency_key: "pay_cancel_1" } })
    expect((await h.ledger(payment.sessionId))[0].releases).toHaveLength(1)
  })

  it("cancel recognises a release whose answer was lost", async () => {
    const provider = h.provider()
    const payment = await h.authorizedPayment(provider, 260)
    await h.faults({ lose_answer_next: [{ path_contains: h.paths.release(payment.authorized.data!.authorization_id as number), method: "POST" }] })
    const cancelled = await provider.cancelPayment({ data: payment.data, context: {} })
    expect(cancelled.data).not.toHaveProperty("release_pending")
    expect((await readCheckout(h.knex, payment.sessionId))?.release_state).toBe("released")
    const [auth] = await h.ledger(payment.sessionId)
    expect(auth).toMatchObject({ released_amount: 260, remaining_authorization_amount: 0 })
    expect(auth.releases).toHaveLength(1)
  })

  it("cancel when Flexiti cannot be reached records the release as pending and does not throw", async () => {
    const provider = h.provider()
    const payment = await h.authorizedPayment(provider, 350)
    const authorizationId = payment.authorized.data!.authorization_id as number
    await h.faults({ fail_next: [{ path_contains: h.paths.authorization(authorizationId), status: 503, times: 20 }] })
    const cancelled = await provider.cancelPayment({ data: payment.data, context: {} })
    expect(cancelled.data).toMatchObject({ release_pending: true })
    const checkout = await readCheckout(h.knex, payment.sessionId)
    expect(checkout).toMatchObject({ release_state: "pending", release_error: expect.any(String) })
    await h.faults({ fail_next: [] })
    const [auth] = await h.ledger(payment.sessionId)
    expect(auth).toMatchObject({ released_amount: 0, remaining_authorization_amount: 350 })
    // The reconciler's pending release shows on the payment until Flexiti confirms it.
    expect((await provider.retrievePayment({ data: payment.data })).data).toMatchObject({ release_pending: true })
  })

  it("deletePayment right after a completion accepted the authorization defers the release (Medusa may be writing the order's payment)", async () => {
    const provider = h.provider()
    const payment = await h.authorizedPayment(provider, 220, { withPayment: false })
    await provider.deletePayment({ data: payment.data })
    const [auth] = await h.ledger(payment.sessionId)
    expect(auth).toMatchObject({ status: "opened", released_amount: 0, remaining_authorization_amount: 220 })
    expect(await readCheckout(h.knex, payment.sessionId)).toMatchObject({ release_state: "pending", release_error: expect.stringMatching(/^deferred/) })
  })

  it("deletePayment releases a session's authorization when no Medusa payment was made from it", async () => {
    const provider = h.provider()
    const payment = await h.authorizedPayment(provider, 220, { withPayment: false })
    // the completion that accepted it is long over
    await h
      .knex("flexiti_checkout")
      .where({ payment_session_id: payment.sessionId })
      .update({ accepted_at: new Date(Date.now() - 10 * 60_000) })
    await provider.deletePayment({ data: payment.data })
    const [auth] = await h.ledger(payment.sessionId)
    expect(auth).toMatchObject({ released_amount: 220, remaining_authorization_amount: 0 })
    expect((await provider.getPaymentStatus({ data: payment.data })).status).toBe(PaymentSessionStatus.CANCELED)
  })

  it("deletePayment racing the completion that commits the order's payment between the release's checks releases nothing", async () => {
    const payment = await h.authorizedPayment(h.provider(), 240, { withPayment: false })
    const racing = commitsPaymentAfterFirstRead(h.knex, () => h.paymentRow(payment, 240))
    const provider = new FlexitiProviderService({ logger: undefined, __pg_connection__: racing }, h.sandboxOptions())
    await provider.deletePayment({ data: payment.data })
    const [auth] = await h.ledger(payment.sessionId)
    expect(auth).toMatchObject({ status: "opened", released_amount: 0, remaining_authorization_amount: 240 })
    expect(auth.releases).toHaveLength(0)
    // the order's payment is there and the reconciler will find it holding the authorization
    expect(await h.knex("payment").where({ payment_session_id: payment.sessionId }).whereNull("canceled_at")).toHaveLength(1)
  })

  it("a cancel from a failed authorization leaves alone what another completion of the session recorded meanwhile", async () => {
    const payment = await h.authorizedPayment(h.provider(), 250, { withPayment: false })
    const racing = commitsPaymentAfterFirstRead(h.knex, () => h.paymentRow(payment, 250))
    const provider = new FlexitiProviderService({ logger: undefined, __pg_connection__: racing }, h.sandboxOptions())
    const cancelled = await provider.cancelPayment({ data: payment.data, context: {} })
    expect(cancelled.data).not.toHaveProperty("release_pending")
    const [auth] = await h.ledger(payment.sessionId)
    expect(auth).toMatchObject({ status: "opened", released_amount: 0, remaining_authorization_amount: 250 })
    expect((await readCheckout(h.knex, payment.sessionId))?.release_error).toMatch(/holds this authorization/)
  })

  it("deletePayment leaves the authorization of a placed order's payment alone", async () => {
    const provider = h.provider()
    const payment = await h.authorizedPayment(provider, 220)
    await provider.deletePayment({ data: payment.data })
    const [auth] = await h.ledger(payment.sessionId)
    expect(auth).toMatchObject({ status: "opened", released_amount: 0, remaining_authorization_amount: 220 })
    expect((await readCheckout(h.knex, payment.sessionId))?.release_state).toBeNull()
  })
})

describe("FlexitiProviderService: environment of a payment", () => {
  it("captures a training payment with training's credentials after the store switched environments", async () => {
    // Credentials from Settings → Flexiti (README "Admin"): none in the provider options.
    await h.addClient("uat-client", "uat-secret")
    await h.saveCredentials("training", "sandbox-client", "sandbox-secret")
    await h.saveCredentials("merchant_integration", "uat-client", "uat-secret")
    await h.saveSettings({ active_environment: "training" })
    const provider = h.provider({})
    const payment = await h.authorizedPayment(provider, 410)
    expect((await readCheckout(h.knex, payment.sessionId))?.environment).toBe("training")

    await h.saveSettings({ active_environment: "merchant_integration" })
    const { captureId } = await h.capture(provider, payment, 410)
    const [auth] = await h.ledger(payment.sessionId, "sandbox-client")
    expect(auth.captures.map((c) => [c.reference, c.amount])).toEqual([[captureId, 410]])

    // The next checkout starts in the environment now selected, on its own credentials.
    const next = await h.approvedCheckout(provider, 130, { clientId: "uat-client" })
    expect((await readCheckout(h.knex, next.sessionId))?.environment).toBe("merchant_integration")
    await h.saveSettings({ active_environment: "training" })
  })
})
