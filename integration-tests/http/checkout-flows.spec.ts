import { medusaIntegrationTestRunner } from "@medusajs/test-utils"
import { SANDBOX_TEST_ACCOUNTS } from "../../src/sandbox"
import { FLEXITI_MODULE } from "../../src/modules/flexiti/constants"
import { adminHeaders, ONTARIO_ADDRESS, SeededStore, seedStore } from "../fixtures/store"
import { useFlexitiSandbox } from "../fixtures/sandbox"
import { captureProcessOutput } from "../fixtures/log-capture"

jest.setTimeout(180 * 1000)

const output = captureProcessOutput()
// Tokens live 125 s and are renewed 120 s before expiry: a checkout that waits 6 s must renew
// its customer token on the same lineage, as a shopper who lingers in the modal would.
const TOKEN_LIFETIME = 125
const flexiti = useFlexitiSandbox({ tokenLifetimeSeconds: TOKEN_LIFETIME })
const ACCOUNT = SANDBOX_TEST_ACCOUNTS.approved.account_number
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms))

type Settings = { updateSettings(p: Record<string, unknown>): Promise<unknown>; getCheckout(id: string): Promise<{ customer_token: { accessToken: string; refreshToken?: string } | null } | undefined> }

medusaIntegrationTestRunner({
  inApp: true,
  env: {},
  testSuite: ({ api, getContainer }) => {
    let store: SeededStore
    let storeHeaders: { headers: Record<string, string> }
    const settings = () => getContainer().resolve(FLEXITI_MODULE) as Settings

    beforeEach(async () => {
      store = await seedStore(getContainer())
      storeHeaders = { headers: { "x-publishable-api-key": store.publishableKey } }
      await flexiti.control().delete("/faults")
    })

    async function cartReadyToPay() {
      const { data } = await api.post(
        "/store/carts",
        {
          region_id: store.cadRegionId,
          email: "shopper@example.ca",
          items: [{ variant_id: store.variantId, quantity: 1 }],
          shipping_address: ONTARIO_ADDRESS,
          billing_address: ONTARIO_ADDRESS,
        },
        storeHeaders
      )
      await api.post(`/store/carts/${data.cart.id}/shipping-methods`, { option_id: store.shippingOptionId }, storeHeaders)
      return data.cart.id as string
    }

    async function startFlexiti(cartId: string) {
      return (await api.post("/store/flexiti/payment-sessions", { cart_id: cartId }, storeHeaders)).data.payment_session
    }

    async function widgetOutcome(cartId: string, session: { id: string; data: { widget_session_id: string } }, outcome: "approve" | "decline") {
      const res = await flexiti.control().post(`/widget-sessions/${session.data.widget_session_id}/${outcome}`, { account_number: ACCOUNT })
      expect(res.status).toBe(200)
      return (await api.post(`/store/flexiti/payment-sessions/${session.id}/widget-result`, { cart_id: cartId, event: res.data.event }, storeHeaders)).data
    }

    const complete = (cartId: string) => api.post(`/store/carts/${cartId}/complete`, {}, storeHeaders).catch((e) => e.response)

    async function paymentOf(orderId: string) {
      const admin = await adminHeaders(getContainer())
      const { data } = await api.get(`/admin/orders/${orderId}?fields=*payment_collections,*payment_collections.payments,*payment_collections.payments.captures`, admin)
      return { admin, payment: data.order.payment_collections[0].payments[0] }
    }

    it("hosted flow: systems/init, approval on Flexiti's page, order, capture", async () => {
      await settings().updateSettings({ flow: "hosted" })
      const cartId = await cartReadyToPay()
      const session = await startFlexiti(cartId)
      expect(session.data.flow).toBe("hosted")
      expect(session.data.online_order_id).toEqual(expect.any(Number))

      const early = await complete(cartId)
      expect(early.status).toBe(400) // the shopper has not finished on Flexiti's page yet

      const done = await flexiti.control().post(`/online-orders/${session.data.online_order_id}/complete`, { outcome: "approve" })
      expect(done.status).toBe(200)
      const completed = await complete(cartId)
      expect(completed.data.type).toBe("order")

      const { admin, payment } = await paymentOf(completed.data.order.id)
      expect(payment.data.flow).toBe("hosted")
      await api.post(`/admin/payments/${payment.id}/capture`, { amount: 1260 }, admin)
      const [authorization] = await flexiti.authorizationsFor(session.id)
      expect(authorization.captures.map((c) => c.amount)).toEqual([1260])
    })

    it("auto-capture: the payment is captured when the order is placed", async () => {
      await settings().updateSettings({ auto_capture: true })
      const cartId = await cartReadyToPay()
      const session = await startFlexiti(cartId)
      await widgetOutcome(cartId, session, "approve")
      const completed = await complete(cartId)
      expect(completed.data.type).toBe("order")
      const { payment } = await paymentOf(completed.data.order.id)
      expect(payment.captured_at).toBeTruthy()
      expect(payment.captures).toHaveLength(1)
      const [authorization] = await flexiti.authorizationsFor(session.id)
      expect(authorization.status).toBe("closed")
      expect(authorization.captures.map((c) => c.amount)).toEqual([1260])
    })

    it("a decline gives a clear error and the cart stays payable with a new session", async () => {
      const cartId = await cartReadyToPay()
      const declined = await startFlexiti(cartId)
      const result = await widgetOutcome(cartId, declined, "decline")
      expect(result.approved).toBe(false)
      expect(result.message).toMatch(/did not approve/)
      const refused = await complete(cartId)
      expect(refused.status).toBe(400)
      expect(await flexiti.authorizationsFor(declined.id)).toHaveLength(0)

      const retry = await startFlexiti(cartId)
      await widgetOutcome(cartId, retry, "approve")
      const completed = await complete(cartId)
      expect(completed.data.type).toBe("order")
    })

    it("refuses an authorization whose amount differs from the order's and releases it", async () => {
      const cartId = await cartReadyToPay()
      const session = await startFlexiti(cartId)
      await widgetOutcome(cartId, session, "approve")
      await flexiti.control().post("/faults", { tamper_amount_next: 5 })
      const refused = await complete(cartId)
      expect(refused.status).toBe(400)
      const [authorization] = await flexiti.authorizationsFor(session.id)
      expect(authorization.amount).toBe(1265)
      expect(authorization.status).toBe("closed")
      expect(authorization.released_amount).toBe(1265)
    })

    it("completes when the checkout's token nears expiry while the shopper is in the modal", async () => {
      const cartId = await cartReadyToPay()
      const session = await startFlexiti(cartId)
      await widgetOutcome(cartId, session, "approve")
      const before = (await flexiti.control().get("/counters")).data.token_refreshes
      await sleep((TOKEN_LIFETIME - 120 + 1) * 1000)
      const completed = await complete(cartId)
      expect(completed.data.type).toBe("order")
      expect((await flexiti.control().get("/counters")).data.token_refreshes).toBeGreaterThan(before)
    })

    it("keeps tokens and secrets out of the session data the storefront reads", async () => {
      const cartId = await cartReadyToPay()
      const session = await startFlexiti(cartId)
      const checkout = await settings().getCheckout(session.id)
      expect(checkout?.customer_token?.accessToken).toBeTruthy()
      const { data } = await api.get(`/store/carts/${cartId}`, storeHeaders)
      const sessionData = data.cart.payment_collection.payment_sessions[0].data
      expect(sessionData.redirection_url).toBeTruthy()
      const text = JSON.stringify(data)
      expect(text).not.toContain(flexiti.client.client_secret)
      expect(text).not.toContain(checkout!.customer_token!.accessToken)
      if (checkout!.customer_token!.refreshToken) expect(text).not.toContain(checkout!.customer_token!.refreshToken)
      expect(Object.keys(sessionData).join(",")).not.toMatch(/token|secret/i)
    })

    it("never writes the client secret to the logs (runs last)", () => {
      expect(output.text().length).toBeGreaterThan(0)
      expect(output.text()).not.toContain(flexiti.client.client_secret)
    })
  },
})
