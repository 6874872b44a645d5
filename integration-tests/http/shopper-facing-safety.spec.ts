import { medusaIntegrationTestRunner } from "@medusajs/test-utils"
import { SANDBOX_TEST_ACCOUNTS } from "../../src/sandbox"
import { freshCheckoutDriver } from "../fixtures/checkout"
import { useFlexitiSandbox } from "../fixtures/sandbox"

jest.setTimeout(240 * 1000)

const flexiti = useFlexitiSandbox()

/**
 * What a shopper's browser may tell the store, and what the store tells a shopper (README
 * "Security and money safety"): the account number a widget session verified is taken once and
 * never replaced after an authorization attempt; a Flexiti outage is told as "try again" with a
 * reference id, never Flexiti's or the network's own text.
 */
medusaIntegrationTestRunner({
  inApp: true,
  env: {},
  testSuite: ({ api, getContainer }) => {
    const { shop, reconcile } = freshCheckoutDriver({ api, getContainer, flexiti })
    const post = (path: string, body: unknown) =>
      api.post(path, body, shop.storeHeaders()).catch((e: { response: { status: number; data: { message?: string } } }) => e.response)
    const other = SANDBOX_TEST_ACCOUNTS.lowCredit.account_number

    it("a widget session's account cannot be swapped for another one, before or after an authorization attempt", async () => {
      const cartId = await shop.cartReadyToPay()
      const session = await shop.startFlexiti(cartId)
      const approved = await flexiti.control().post(`/widget-sessions/${session.data.widget_session_id}/approve`, {
        account_number: SANDBOX_TEST_ACCOUNTS.approved.account_number,
      })
      const event = approved.data.event
      const url = `/store/flexiti/payment-sessions/${session.id}/widget-result`
      expect((await post(url, { cart_id: cartId, event })).status).toBe(200)
      // the same result again is harmless; another account in the same widget session is refused
      expect((await post(url, { cart_id: cartId, event })).status).toBe(200)
      const swapped = await post(url, { cart_id: cartId, event: { ...event, eventData: { ...event.eventData, accountNumber: other } } })
      expect(swapped.status).toBe(400)
      expect(swapped.data.message).toMatch(/already verified an account/)

      // The answer to POST authorization is lost: the attempt is recorded, the account stays.
      await shop.choosePlan(cartId, session)
      await flexiti.control().post("/faults", { lose_answer_next: [{ path_contains: "/authorization", method: "POST" }] })
      expect((await shop.complete(cartId)).data.type).not.toBe("order")
      const after = await post(url, { cart_id: cartId, event: { ...event, eventData: { ...event.eventData, accountNumber: other } } })
      expect(after.status).toBe(400)
      expect(after.data.message).toMatch(/already sent to Flexiti/)
      // so the reconciler's lookup by the verified account finds the authorization and gives it back
      const report = await reconcile()
      expect(report.recovered).toEqual([expect.objectContaining({ payment_session_id: session.id })])
      const [authorization] = await flexiti.authorizationsFor(session.id)
      expect(authorization).toMatchObject({ status: "closed", released_amount: 1260 })
    })

    it("Flexiti unreachable: the shopper reads 'try again' with a reference id in their language, never the network's text", async () => {
      for (const lang of ["en", "fr"] as const) {
        const cartId = await shop.cartReadyToPay()
        await flexiti.control().post("/faults", { fail_next: [{ path_contains: "/widget/init", method: "POST", status: 503, times: 5 }] })
        const started = await post("/store/flexiti/payment-sessions", { cart_id: cartId, lang })
        await flexiti.control().post("/faults", { fail_next: [] })
        expect(started.status).toBeGreaterThanOrEqual(400)
        const message = String(started.data.message)
        expect(message).toMatch(lang === "fr" ? /^Flexiti ne répond pas pour le moment\./ : /^Flexiti is not answering at the moment\./)
        expect(message).toMatch(/\((reference|référence) [0-9a-f]{32}\)$/)
        expect(message).not.toMatch(/503|ECONN|socket|x-reference-id|Flexiti \d{3}/)
      }

      const cartId = await shop.cartReadyToPay()
      const session = await shop.startFlexiti(cartId)
      await shop.widgetOutcome(cartId, session, "approve")
      await flexiti.control().post("/faults", { fail_next: [{ path_contains: "/authorization", method: "POST", status: 502, times: 3 }] })
      const completed = await shop.complete(cartId)
      await flexiti.control().post("/faults", { fail_next: [] })
      expect(completed.data.type).not.toBe("order")
      const text = JSON.stringify(completed.data)
      expect(text).toMatch(/Flexiti is not answering at the moment/)
      expect(text).not.toMatch(/Flexiti 502|ECONN|x-reference-id/)
    })
  },
})
