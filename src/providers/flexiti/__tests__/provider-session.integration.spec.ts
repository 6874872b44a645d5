import { PaymentSessionStatus } from "@medusajs/framework/utils"
import { readCheckout, writeCheckout } from "../../../modules/flexiti/stores/checkout-store"
import { providerHarness } from "./provider-harness"

jest.setTimeout(30_000)

const h = providerHarness()

describe("FlexitiProviderService: initiate", () => {
  it("returns the provider's session data and clears every storefront key it does not own", async () => {
    const provider = h.provider()
    const cart = await h.cartSession()
    const started = await provider.initiatePayment({
      amount: 500,
      currency_code: "cad",
      data: { ...cart.signed, session_id: cart.sessionId, authorization_id: 999, captures: [{ amount: 1 }] },
    })
    // Medusa stores { ...what the storefront sent, ...what the provider returns }: a foreign key
    // survives unless the provider answers it with null.
    expect(started.data).toMatchObject({
      authorization_id: null,
      captures: null,
      checkout_context: null,
      checkout_signature: null,
      session_id: cart.sessionId,
      flow: "widget",
      amount: "500.00",
      widget_session_id: started.id,
    })
    const checkout = await readCheckout(h.knex, cart.sessionId)
    expect(checkout).toMatchObject({ cart_id: cart.cartId, amount: "500.00", authorization_id: null, environment: "training" })
  })

  it("refuses a signed context made for another cart's payment collection", async () => {
    const provider = h.provider()
    const mine = await h.cartSession()
    const other = await h.cartSession()
    await expect(provider.initiatePayment({ amount: 500, currency_code: "cad", data: { ...other.signed, session_id: mine.sessionId } })).rejects.toThrow(
      /started for another cart/
    )
    expect(await readCheckout(h.knex, mine.sessionId)).toBeUndefined()
  })

  it("refuses an expired context and a forged one", async () => {
    const provider = h.provider()
    const expired = await h.cartSession({ expiresInSeconds: -1 })
    await expect(provider.initiatePayment({ amount: 500, currency_code: "cad", data: { ...expired.signed, session_id: expired.sessionId } })).rejects.toThrow(
      /expired/
    )
    const forged = await h.cartSession()
    const context = { ...forged.signed.checkout_context, is_guest: false }
    await expect(
      provider.initiatePayment({ amount: 500, currency_code: "cad", data: { ...forged.signed, checkout_context: context, session_id: forged.sessionId } })
    ).rejects.toThrow(/POST \/store\/flexiti\/payment-sessions/)
    expect(await readCheckout(h.knex, expired.sessionId)).toBeUndefined()
    expect(await readCheckout(h.knex, forged.sessionId)).toBeUndefined()
  })
})

describe("FlexitiProviderService: authorize", () => {
  it("authorizes the approved widget checkout for the session, on Flexiti, once", async () => {
    const provider = h.provider()
    const payment = await h.authorizedPayment(provider, 640.5)
    expect(payment.authorized.status).toBe(PaymentSessionStatus.AUTHORIZED)
    const [auth] = await h.ledger(payment.sessionId)
    expect(auth).toMatchObject({ amount: 640.5, status: "opened", captured_amount: 0 })
    expect(payment.authorized.data).toMatchObject({ authorization_id: auth.authorization_id, authorized_amount: "640.50", captures: [] })
    // Medusa may call authorize again (a retried cart completion): the same authorization answers.
    const again = await provider.authorizePayment({ data: payment.data, context: { idempotency_key: payment.sessionId } })
    expect(again.status).toBe(PaymentSessionStatus.AUTHORIZED)
    expect(await h.ledger(payment.sessionId)).toHaveLength(1)
  })

  it("finds an authorization whose answer was lost instead of creating a second one", async () => {
    const provider = h.provider()
    const checkout = await h.approvedCheckout(provider, 380)
    await h.choose(checkout.sessionId)
    await h.faults({ lose_answer_next: [{ path_contains: "/authorization", method: "POST" }] })
    const input = { data: { session_id: checkout.sessionId }, context: { idempotency_key: checkout.sessionId } }
    await expect(provider.authorizePayment(input)).rejects.toThrow()
    const again = await provider.authorizePayment(input)
    expect(again.status).toBe(PaymentSessionStatus.AUTHORIZED)
    const ledger = await h.ledger(checkout.sessionId)
    expect(ledger).toHaveLength(1)
    expect(again.data).toMatchObject({ authorization_id: ledger[0].authorization_id, authorized_amount: "380.00" })
  })

  it("ignores an authorization_id the storefront put in the session data", async () => {
    const provider = h.provider()
    const victim = await h.authorizedPayment(provider, 300)
    const [victimAuth] = await h.ledger(victim.sessionId)
    const attacker = await h.approvedCheckout(provider, 300)
    await h.choose(attacker.sessionId)
    const result = await provider.authorizePayment({
      data: { session_id: attacker.sessionId, authorization_id: victimAuth.authorization_id },
      context: { idempotency_key: attacker.sessionId },
    })
    expect(result.status).toBe(PaymentSessionStatus.AUTHORIZED)
    const [own] = await h.ledger(attacker.sessionId)
    expect(own.authorization_id).not.toBe(victimAuth.authorization_id)
    expect(result.data).toMatchObject({ authorization_id: own.authorization_id })
    expect((await readCheckout(h.knex, attacker.sessionId))?.authorization_id).toBe(String(own.authorization_id))
  })

  it("refuses an authorization whose Flexiti reference is another session", async () => {
    const provider = h.provider()
    const other = await h.authorizedPayment(provider, 300)
    const [otherAuth] = await h.ledger(other.sessionId)
    const mine = await h.approvedCheckout(provider, 300)
    // The plugin's record points at another session's authorization (a bad reconcile, a copied row).
    await writeCheckout(h.knex, { payment_session_id: mine.sessionId, authorization_id: String(otherAuth.authorization_id) })
    const result = await provider.authorizePayment({ data: { session_id: mine.sessionId }, context: { idempotency_key: mine.sessionId } })
    expect(result.status).toBe(PaymentSessionStatus.ERROR)
    expect(result.data).toMatchObject({ authorization_error: "authorization_not_this_session" })
    expect(await h.ledger(other.sessionId)).toMatchObject([{ status: "opened", released_amount: 0, captured_amount: 0 }])
  })

  it("releases and refuses an authorization Flexiti made for another amount", async () => {
    const provider = h.provider()
    const checkout = await h.approvedCheckout(provider, 450)
    await h.choose(checkout.sessionId)
    await h.faults({ tamper_amount_next: 0.01 })
    const result = await provider.authorizePayment({ data: { session_id: checkout.sessionId }, context: { idempotency_key: checkout.sessionId } })
    expect(result.status).toBe(PaymentSessionStatus.ERROR)
    expect(result.data).toMatchObject({ authorization_error: "amount_mismatch" })
    const [auth] = await h.ledger(checkout.sessionId)
    expect(auth).toMatchObject({ amount: 450.01, released_amount: 450.01, captured_amount: 0, remaining_authorization_amount: 0 })
    expect((await readCheckout(h.knex, checkout.sessionId))?.release_state).toBe("released")
  })

  it("auto-capture: the authorization is captured in full and reported captured", async () => {
    const provider = h.provider({ ...h.sandboxOptions(), auto_capture: true })
    const payment = await h.authorizedPayment(provider, 275.25)
    expect(payment.authorized.status).toBe(PaymentSessionStatus.CAPTURED)
    const [auth] = await h.ledger(payment.sessionId)
    expect(auth.captured_amount).toBe(275.25)
    expect(auth.captures).toHaveLength(1)
    expect(payment.authorized.data).toMatchObject({ captures: [{ amount: "275.25" }] })
  })

  it("reads a status and the payment data from Flexiti, not from the data it is handed", async () => {
    const provider = h.provider()
    const payment = await h.authorizedPayment(provider, 320)
    const tampered = { ...payment.data, authorized_amount: "1.00", captures: [{ amount: "320.00" }] }
    const status = await provider.getPaymentStatus({ data: tampered })
    expect(status.status).toBe(PaymentSessionStatus.AUTHORIZED)
    expect(status.data).toMatchObject({ authorized_amount: "320.00", captures: [] })
    const retrieved = await provider.retrievePayment({ data: tampered })
    expect(retrieved.data).toMatchObject({ authorized_amount: "320.00", captures: [] })
  })
})
