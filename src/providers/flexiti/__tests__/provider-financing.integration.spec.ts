import axios from "axios"
import { PaymentSessionStatus } from "@medusajs/framework/utils"
import { readCheckout, writeCheckout } from "../../../modules/flexiti/stores/checkout-store"
import { providerHarness } from "./provider-harness"

jest.setTimeout(60_000)

const h = providerHarness()

const CALCULATE_INTEREST = "POST /flexiti/pos-api/v2.5.1/client-id/:client_id/accounts/:account_number/calculate-interest"
const AUTHORIZATION = "POST /flexiti/pos-api/v2.5.1/client-id/:client_id/authorization"

async function calls(): Promise<Record<string, number>> {
  return (await axios.get(`${h.sandboxUrl}/__sandbox/counters`)).data.calls_by_path
}

const authorize = (provider: ReturnType<typeof h.provider>, sessionId: string, lang?: "fr") =>
  provider.authorizePayment({ data: { session_id: sessionId, ...(lang ? { lang } : {}) }, context: { idempotency_key: sessionId } })

describe("authorizePayment with the shopper's financing", () => {
  it("the widget's approval stores what Flexiti offers: each plan's terms and the revolving purchase", async () => {
    const checkout = await h.approvedCheckout(h.provider(), 1260)
    const stored = await readCheckout(h.knex, checkout.sessionId)
    expect(stored?.financing_options?.amount).toBe("1260.00")
    expect(stored?.financing_options?.options.map((o) => [o.transaction_type, o.plan_id, o.term, o.monthly_amount])).toEqual([
      ["promotional_purchase", 5, 6, "210.00"],
      ["promotional_purchase", 5, 12, "105.00"],
      ["promotional_purchase", 2, 24, expect.stringMatching(/^\d+\.\d{2}$/)],
      ["promotional_purchase", 2, 36, expect.stringMatching(/^\d+\.\d{2}$/)],
      ["regular_purchase", null, null, "37.80"],
    ])
    expect(stored?.financing_choice).toBeNull()
  })

  it("authorizes the recorded plan and term, in one call to Flexiti", async () => {
    const provider = h.provider()
    const checkout = await h.approvedCheckout(provider, 1260)
    await h.choose(checkout.sessionId, { transaction_type: "promotional_purchase", plan_id: 5, term: 12 })
    const before = await calls()
    const result = await authorize(provider, checkout.sessionId)
    expect(result.status).toBe(PaymentSessionStatus.AUTHORIZED)
    const after = await calls()
    expect(after[CALCULATE_INTEREST] ?? 0).toBe(before[CALCULATE_INTEREST] ?? 0)
    expect((after[AUTHORIZATION] ?? 0) - (before[AUTHORIZATION] ?? 0)).toBe(1)
    const [authorization] = await h.ledger(checkout.sessionId)
    expect(authorization).toMatchObject({ transaction_type: "promotional_purchase", plan_id: 5, term: 12, amount: 1260 })
    expect(result.data).toMatchObject({ plan_id: 5, term: 12 })
  })

  it("authorizes a revolving purchase when the shopper chose it", async () => {
    const provider = h.provider()
    const payment = await h.authorizedPayment(provider, 640, { choice: { transaction_type: "regular_purchase" } })
    expect(payment.authorized.status).toBe(PaymentSessionStatus.AUTHORIZED)
    const [authorization] = await h.ledger(payment.sessionId)
    expect(authorization).toMatchObject({ transaction_type: "regular_purchase", plan_id: null, term: null })
  })

  it("several options and no choice: refused with a message asking to choose (EN/FR), nothing authorized", async () => {
    const provider = h.provider({ ...h.sandboxOptions(), default_plan_id: 5, default_term: 12 })
    const checkout = await h.approvedCheckout(provider, 500)
    await expect(authorize(provider, checkout.sessionId)).rejects.toThrow(/Choose how you want to pay with Flexiti/)
    await expect(authorize(provider, checkout.sessionId, "fr")).rejects.toThrow(/Choisissez comment payer avec Flexiti/)
    expect(await h.ledger(checkout.sessionId)).toEqual([])
    expect((await readCheckout(h.knex, checkout.sessionId))?.authorization_attempted_at).toBeNull()
  })

  it("exactly one option offered: authorized with it without a choice", async () => {
    const provider = h.provider()
    const checkout = await h.approvedCheckout(provider, 300)
    const stored = (await readCheckout(h.knex, checkout.sessionId))!
    const only = stored.financing_options!.options.filter((o) => o.plan_id === 5 && o.term === 6)
    await writeCheckout(h.knex, { payment_session_id: checkout.sessionId, financing_options: { ...stored.financing_options!, options: only } })
    expect((await authorize(provider, checkout.sessionId)).status).toBe(PaymentSessionStatus.AUTHORIZED)
    expect(await h.ledger(checkout.sessionId)).toMatchObject([{ plan_id: 5, term: 6 }])
  })

  it("a recorded choice that is not among the offered options is not sent to Flexiti", async () => {
    const provider = h.provider()
    const checkout = await h.approvedCheckout(provider, 300)
    await writeCheckout(h.knex, {
      payment_session_id: checkout.sessionId,
      financing_choice: { transaction_type: "promotional_purchase", plan_id: 5, term: 36, chosen_at: new Date().toISOString() },
    })
    await expect(authorize(provider, checkout.sessionId)).rejects.toThrow(/Choose how you want to pay/)
    expect(await h.ledger(checkout.sessionId)).toEqual([])
  })
})
