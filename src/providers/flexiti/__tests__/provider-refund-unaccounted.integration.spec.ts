import { providerHarness } from "./provider-harness"

jest.setTimeout(30_000)

const h = providerHarness()

describe("FlexitiProviderService: refund while Flexiti holds a refund no Medusa refund accounts for", () => {
  it("refuses a refund of another amount instead of refunding on top of it", async () => {
    const provider = h.provider()
    const payment = await h.authorizedPayment(provider, 300)
    await h.capture(provider, payment, 300)
    const authorizationId = payment.authorized.data!.authorization_id as number
    // Flexiti applies a return of 120 whose answer and re-read are lost; Medusa drops the refund.
    await h.faults({
      lose_answer_next: [{ path_contains: `${h.paths.capture(authorizationId)}/`, method: "POST" }],
      fail_next: [h.failedReread(authorizationId)],
    })
    await h.failedAttempt("refund", provider, payment, 120)
    // The admin refunds 100 instead: as for captures, no money moves while 120 is unaccounted for.
    await expect(h.refund(provider, payment, 100)).rejects.toThrow(/no Medusa refund accounts for/)
    const [auth] = await h.ledger(payment.sessionId)
    expect(auth.captures[0].returns.map((r) => r.amount)).toEqual([120])
  })
})
