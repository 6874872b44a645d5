import type { AxiosError } from "axios"
import { medusaIntegrationTestRunner } from "@medusajs/test-utils"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import { checkoutDriver } from "../fixtures/checkout"
import { captureProcessOutput } from "../fixtures/log-capture"
import { SeededStore, seedStore } from "../fixtures/store"
import { useFlexitiSandbox } from "../fixtures/sandbox"

jest.setTimeout(180 * 1000)

const flexiti = useFlexitiSandbox()

medusaIntegrationTestRunner({
  inApp: true,
  env: {},
  testSuite: ({ api, getContainer }) => {
    let store: SeededStore
    const shop = checkoutDriver({ api, getContainer, flexiti, store: () => store })

    beforeEach(async () => {
      store = await seedStore(getContainer())
    })

    it("runs a widget checkout: session, approval, order, two partial captures and a refund", async () => {
      const cartId = await shop.cartReadyToPay()
      const session = await shop.startFlexiti(cartId)
      expect(session.data.redirection_url).toContain(session.data.widget_session_id)
      expect(session.data.reference_id).toMatch(/^[0-9a-f]{32}$/)
      expect(session.amount).toBe(1260)

      expect((await shop.widgetOutcome(cartId, session, "approve")).approved).toBe(true)
      const completed = await shop.complete(cartId)
      expect(completed.data.type).toBe("order")

      const { admin, payment } = await shop.paymentOf(completed.data.order.id)
      expect(payment.provider_id).toBe("pp_flexiti_flexiti")
      expect(payment.data.authorization_status).toBe("opened")
      expect(payment.data.account_number_masked).toMatch(/0001$/)

      await api.post(`/admin/payments/${payment.id}/capture`, { amount: 504 }, admin)
      await api.post(`/admin/payments/${payment.id}/capture`, { amount: 756 }, admin)
      let [authorization] = await flexiti.authorizationsFor(session.id)
      expect(authorization.amount).toBe(1260)
      expect(authorization.captures.map((c) => c.amount)).toEqual([504, 756])
      expect(authorization.status).toBe("closed")

      await api.post(`/admin/payments/${payment.id}/refund`, { amount: 100 }, admin)
      ;[authorization] = await flexiti.authorizationsFor(session.id)
      expect(flexiti.moneyBack(authorization)).toEqual({ returns: [100], refunds: [] })

      const refused = await api.post(`/admin/payments/${payment.id}/refund`, { amount: 1200 }, admin).catch((e: AxiosError) => e.response!)
      expect(refused.status).toBe(400)
      ;[authorization] = await flexiti.authorizationsFor(session.id)
      expect(flexiti.moneyBack(authorization)).toEqual({ returns: [100], refunds: [] })
    })

    it("splits a refund across captures, returning within 100 days and refunding the account after", async () => {
      const { session, order } = await shop.placeOrder()
      const { admin, payment } = await shop.paymentOf(order.id)
      await api.post(`/admin/payments/${payment.id}/capture`, { amount: 1000 }, admin)
      await api.post(`/admin/payments/${payment.id}/capture`, { amount: 260 }, admin)

      await api.post(`/admin/payments/${payment.id}/refund`, { amount: 1100 }, admin)
      let [authorization] = await flexiti.authorizationsFor(session.id)
      expect(authorization.captures.map((c) => c.returns.map((r) => r.amount))).toEqual([[1000], [100]])

      await flexiti.control().post("/clock", { advance_seconds: 101 * 86_400 })
      await api.post(`/admin/payments/${payment.id}/refund`, { amount: 60 }, admin)
      ;[authorization] = await flexiti.authorizationsFor(session.id)
      expect(flexiti.moneyBack(authorization)).toEqual({ returns: [1000, 100], refunds: [60] })

      const { payment: after } = await shop.paymentOf(order.id)
      expect(after.data.refunds.map((r: { method: string; amount: string }) => [r.method, r.amount])).toEqual([
        ["return", "1000.00"],
        ["return", "100.00"],
        ["account_refund", "60.00"],
      ])
    })

    it("releases the authorization when an uncaptured order is cancelled", async () => {
      const { session, order } = await shop.placeOrder()
      const { admin } = await shop.paymentOf(order.id)
      await api.post(`/admin/orders/${order.id}/cancel`, {}, admin)
      const [authorization] = await flexiti.authorizationsFor(session.id)
      expect(authorization.status).toBe("closed")
      expect(authorization.released_amount).toBe(1260)
    })

    it("creates one Flexiti authorization when completion is called twice", async () => {
      const { cartId, session } = await shop.placeOrder()
      const again = await shop.complete(cartId)
      expect(again.status).toBeLessThan(500)
      expect(await flexiti.authorizationsFor(session.id)).toHaveLength(1)
    })

    it("refuses a USD cart and an amount above the maximum with clear messages", async () => {
      const usdCart = await shop.cartReadyToPay(1, store.usdRegionId)
      const usd = await api.post("/store/flexiti/payment-sessions", { cart_id: usdCart }, shop.storeHeaders()).catch((e: AxiosError) => e.response!)
      expect(usd.status).toBe(400)
      expect(usd.data.message).toMatch(/Canadian dollars/)

      const bigCart = await shop.cartReadyToPay(10)
      const big = await api.post("/store/flexiti/payment-sessions", { cart_id: bigCart }, shop.storeHeaders()).catch((e: AxiosError) => e.response!)
      expect(big.status).toBe(400)
      expect(big.data.message).toBe("Flexiti financing is available for orders up to $10,000.00.")
    })

    it("answers bad input on the store routes with a 400", async () => {
      const missing = await api.post("/store/flexiti/payment-sessions", {}, shop.storeHeaders()).catch((e: AxiosError) => e.response!)
      expect(missing.status).toBe(400)
      expect(missing.data.message).toMatch(/cart_id/)
      const unknown = await api.post("/store/flexiti/payment-sessions", { cart_id: "cart_nope" }, shop.storeHeaders()).catch((e: AxiosError) => e.response!)
      expect(unknown.status).toBe(404)
      const cartId = await shop.cartReadyToPay()
      const session = await shop.startFlexiti(cartId)
      const forged = await api
        .post(
          `/store/flexiti/payment-sessions/${session.id}/widget-result`,
          {
            cart_id: cartId,
            event: { eventType: "flx-success", eventData: { accountNumber: 1, verified: true, action: "purchase", widget_session_id: "someone-else" } },
          },
          shop.storeHeaders()
        )
        .catch((e: AxiosError) => e.response!)
      expect(forged.status).toBe(400)
      expect(forged.data.message).toMatch(/another checkout/)
    })

    it("a logged-in customer's checkout gets an account holder, with no warning from Medusa", async () => {
      const logs = captureProcessOutput()
      const email = `buyer-${Date.now()}@example.ca`
      const password = "flexiti-buyer-pass"
      const registered = await api.post("/auth/customer/emailpass/register", { email, password })
      const asNew = { headers: { ...shop.storeHeaders().headers, authorization: `Bearer ${registered.data.token}` } }
      await api.post("/store/customers", { email }, asNew)
      const login = await api.post("/auth/customer/emailpass", { email, password })
      const asCustomer = { headers: { ...shop.storeHeaders().headers, authorization: `Bearer ${login.data.token}` } }

      const cartId = await shop.cartReadyToPay()
      await api.post(`/store/carts/${cartId}/customer`, {}, asCustomer)
      const session = await shop.startFlexiti(cartId)
      await shop.widgetOutcome(cartId, session, "approve")
      expect((await shop.complete(cartId)).data.type).toBe("order")

      expect(logs.text()).not.toMatch(/does not support (creating|updating|deleting) account holders/)
      const query = getContainer().resolve(ContainerRegistrationKeys.QUERY)
      const { data } = await query.graph({ entity: "customer", fields: ["id", "account_holders.provider_id"], filters: { email } })
      expect(data[0].account_holders.map((h: { provider_id: string }) => h.provider_id)).toEqual(["pp_flexiti_flexiti"])
    })
  },
})
