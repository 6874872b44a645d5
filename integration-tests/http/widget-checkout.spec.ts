import { medusaIntegrationTestRunner } from "@medusajs/test-utils"
import { SANDBOX_TEST_ACCOUNTS } from "../../src/sandbox"
import { adminHeaders, ONTARIO_ADDRESS, SeededStore, seedStore } from "../fixtures/store"
import { useFlexitiSandbox } from "../fixtures/sandbox"

jest.setTimeout(180 * 1000)

const flexiti = useFlexitiSandbox()
const ACCOUNT = SANDBOX_TEST_ACCOUNTS.approved.account_number

medusaIntegrationTestRunner({
  inApp: true,
  env: {},
  testSuite: ({ api, getContainer }) => {
    let store: SeededStore
    let storeHeaders: { headers: Record<string, string> }

    beforeEach(async () => {
      store = await seedStore(getContainer())
      storeHeaders = { headers: { "x-publishable-api-key": store.publishableKey } }
    })

    async function cartReadyToPay(quantity = 1, regionId = store.cadRegionId) {
      const {
        data: { cart },
      } = await api.post(
        "/store/carts",
        {
          region_id: regionId,
          email: "shopper@example.ca",
          items: [{ variant_id: store.variantId, quantity }],
          shipping_address: ONTARIO_ADDRESS,
          billing_address: ONTARIO_ADDRESS,
        },
        storeHeaders
      )
      await api.post(`/store/carts/${cart.id}/shipping-methods`, { option_id: store.shippingOptionId }, storeHeaders)
      return cart.id as string
    }

    async function startFlexiti(cartId: string) {
      const res = await api.post("/store/flexiti/payment-sessions", { cart_id: cartId }, storeHeaders)
      return res.data.payment_session
    }

    async function approveInWidget(cartId: string, session: { id: string; data: { widget_session_id: string } }) {
      const approval = await flexiti.control().post(`/widget-sessions/${session.data.widget_session_id}/approve`, { account_number: ACCOUNT })
      expect(approval.status).toBe(200)
      const recorded = await api.post(
        `/store/flexiti/payment-sessions/${session.id}/widget-result`,
        { cart_id: cartId, event: approval.data.event },
        storeHeaders
      )
      expect(recorded.data.approved).toBe(true)
    }

    async function placeOrder() {
      const cartId = await cartReadyToPay()
      const session = await startFlexiti(cartId)
      await approveInWidget(cartId, session)
      const completed = await api.post(`/store/carts/${cartId}/complete`, {}, storeHeaders)
      expect(completed.data.type).toBe("order")
      return { cartId, session, order: completed.data.order }
    }

    async function flexitiPaymentOf(orderId: string, admin: { headers: Record<string, string> }) {
      const { data } = await api.get(`/admin/orders/${orderId}?fields=*payment_collections,*payment_collections.payments`, admin)
      return data.order.payment_collections[0].payments[0]
    }

    it("runs a widget checkout: session, approval, order, two partial captures and a refund", async () => {
      const cartId = await cartReadyToPay()
      const session = await startFlexiti(cartId)
      expect(session.data.redirection_url).toContain(session.data.widget_session_id)
      expect(session.data.reference_id).toMatch(/^[0-9a-f]{32}$/)
      expect(session.amount).toBe(1260)

      await approveInWidget(cartId, session)
      const completed = await api.post(`/store/carts/${cartId}/complete`, {}, storeHeaders)
      expect(completed.data.type).toBe("order")

      const admin = await adminHeaders(getContainer())
      const payment = await flexitiPaymentOf(completed.data.order.id, admin)
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

      const refused = await api
        .post(`/admin/payments/${payment.id}/refund`, { amount: 1200 }, admin)
        .catch((e) => e.response)
      expect(refused.status).toBe(400)
      ;[authorization] = await flexiti.authorizationsFor(session.id)
      expect(flexiti.moneyBack(authorization)).toEqual({ returns: [100], refunds: [] })
    })

    it("releases the authorization when an uncaptured order is cancelled", async () => {
      const { session, order } = await placeOrder()
      const admin = await adminHeaders(getContainer())
      await api.post(`/admin/orders/${order.id}/cancel`, {}, admin)
      const [authorization] = await flexiti.authorizationsFor(session.id)
      expect(authorization.status).toBe("closed")
      expect(authorization.released_amount).toBe(1260)
    })

    it("creates one Flexiti authorization when completion is called twice", async () => {
      const { cartId, session } = await placeOrder()
      const again = await api.post(`/store/carts/${cartId}/complete`, {}, storeHeaders).catch((e) => e.response)
      expect(again.status).toBeLessThan(500)
      expect(await flexiti.authorizationsFor(session.id)).toHaveLength(1)
    })

    it("refuses a USD cart and an amount above the maximum with clear messages", async () => {
      const usdCart = await cartReadyToPay(1, store.usdRegionId)
      const usd = await api.post("/store/flexiti/payment-sessions", { cart_id: usdCart }, storeHeaders).catch((e) => e.response)
      expect(usd.status).toBe(400)
      expect(usd.data.message).toMatch(/Canadian dollars/)

      const bigCart = await cartReadyToPay(10)
      const big = await api.post("/store/flexiti/payment-sessions", { cart_id: bigCart }, storeHeaders).catch((e) => e.response)
      expect(big.status).toBe(400)
      expect(big.data.message).toMatch(/\$100\.00 to \$10000\.00/)
    })

    it("answers bad input on the store routes with a 400", async () => {
      const missing = await api.post("/store/flexiti/payment-sessions", {}, storeHeaders).catch((e) => e.response)
      expect(missing.status).toBe(400)
      expect(missing.data.message).toMatch(/cart_id/)
      const unknown = await api.post("/store/flexiti/payment-sessions", { cart_id: "cart_nope" }, storeHeaders).catch((e) => e.response)
      expect(unknown.status).toBe(404)
    })
  },
})
