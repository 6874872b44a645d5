import { medusaIntegrationTestRunner } from "@medusajs/test-utils"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import { FLEXITI_MODULE } from "../../src/modules/flexiti/schema"
import { checkoutDriver } from "../fixtures/checkout"
import { SeededStore, seedStore } from "../fixtures/store"
import { useFlexitiSandbox } from "../fixtures/sandbox"
import { captureProcessOutput } from "../fixtures/log-capture"

jest.setTimeout(180 * 1000)

const output = captureProcessOutput()
// Tokens live 125 s and are renewed 120 s before expiry: a checkout that waits 6 s must renew
// its customer token on the same lineage, as a shopper who lingers in the modal would.
const TOKEN_LIFETIME = 125
const flexiti = useFlexitiSandbox({ tokenLifetimeSeconds: TOKEN_LIFETIME })
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms))

type FlexitiModule = {
  updateSettings(p: Record<string, unknown>): Promise<unknown>
  getCheckout(id: string): Promise<{ customer_token: { accessToken: string; refreshToken?: string } | null } | undefined>
}

medusaIntegrationTestRunner({
  inApp: true,
  env: {},
  testSuite: ({ api, getContainer }) => {
    let store: SeededStore
    const shop = checkoutDriver({ api, getContainer, flexiti, store: () => store })
    const settings = () => getContainer().resolve(FLEXITI_MODULE) as FlexitiModule

    beforeEach(async () => {
      store = await seedStore(getContainer())
      await flexiti.control().delete("/faults")
    })

    async function cartCompleted(cartId: string) {
      const query = getContainer().resolve(ContainerRegistrationKeys.QUERY)
      const { data } = await query.graph({ entity: "cart", fields: ["id", "completed_at"], filters: { id: cartId } })
      return !!data[0]?.completed_at
    }

    it("hosted flow: systems/init, approval on Flexiti's page, order, capture", async () => {
      await settings().updateSettings({ flow: "hosted" })
      const cartId = await shop.cartReadyToPay()
      const session = await shop.startFlexiti(cartId)
      expect(session.data.flow).toBe("hosted")
      expect(session.data.online_order_id).toEqual(expect.any(Number))

      const early = await shop.complete(cartId)
      expect(early.status).toBe(400) // the shopper has not finished on Flexiti's page yet

      const done = await flexiti.control().post(`/online-orders/${session.data.online_order_id}/complete`, { outcome: "approve" })
      expect(done.status).toBe(200)
      const completed = await shop.complete(cartId)
      expect(completed.data.type).toBe("order")

      const { admin, payment } = await shop.paymentOf(completed.data.order.id)
      expect(payment.data.flow).toBe("hosted")
      await api.post(`/admin/payments/${payment.id}/capture`, { amount: 1260 }, admin)
      const [authorization] = await flexiti.authorizationsFor(session.id)
      expect(authorization.captures.map((c) => c.amount)).toEqual([1260])
    })

    it("hosted flow: a decline or a cancel on Flexiti's page places no order; a new session can pay", async () => {
      await settings().updateSettings({ flow: "hosted" })
      const cartId = await shop.cartReadyToPay()
      for (const outcome of ["decline", "cancel"]) {
        const session = await shop.startFlexiti(cartId)
        await flexiti.control().post(`/online-orders/${session.data.online_order_id}/complete`, { outcome })
        const refused = await shop.complete(cartId)
        expect(refused.status).toBe(400)
        expect(await cartCompleted(cartId)).toBe(false)
      }
      const session = await shop.startFlexiti(cartId)
      await flexiti.control().post(`/online-orders/${session.data.online_order_id}/complete`, { outcome: "approve" })
      expect((await shop.complete(cartId)).data.type).toBe("order")
    })

    it("a webhook call only makes the provider re-read Flexiti: an approved hosted checkout completes, an unfinished one does not", async () => {
      await settings().updateSettings({ flow: "hosted" })
      const approvedCart = await shop.cartReadyToPay()
      const approved = await shop.startFlexiti(approvedCart)
      await flexiti.control().post(`/online-orders/${approved.data.online_order_id}/complete`, { outcome: "approve" })
      const pendingCart = await shop.cartReadyToPay()
      const pending = await shop.startFlexiti(pendingCart)

      await api.post("/hooks/payment/flexiti_flexiti", { session_id: approved.id })
      await api.post("/hooks/payment/flexiti_flexiti", { session_id: pending.id })
      // Medusa processes payment webhooks through its event bus with a delay of about 5 s.
      for (let i = 0; i < 20 && !(await cartCompleted(approvedCart)); i++) await sleep(1000)
      expect(await cartCompleted(approvedCart)).toBe(true)
      expect(await cartCompleted(pendingCart)).toBe(false)
    })

    it("auto-capture: the payment is captured when the order is placed", async () => {
      await settings().updateSettings({ auto_capture: true })
      const { session, order } = await shop.placeOrder()
      const { payment } = await shop.paymentOf(order.id)
      expect(payment.captured_at).toBeTruthy()
      expect(payment.captures).toHaveLength(1)
      const [authorization] = await flexiti.authorizationsFor(session.id)
      expect(authorization.status).toBe("closed")
      expect(authorization.captures.map((c) => c.amount)).toEqual([1260])
    })

    it("a decline gives a clear error and the cart stays payable with a new session", async () => {
      const cartId = await shop.cartReadyToPay()
      const declined = await shop.startFlexiti(cartId)
      const result = await shop.widgetOutcome(cartId, declined, "decline")
      expect(result).toMatchObject({ approved: false, next: "other_method" })
      expect(result.message).toBe("Flexiti could not approve this purchase; choose another payment method.")
      const refused = await shop.complete(cartId)
      expect(refused.status).toBe(400)
      expect(await flexiti.authorizationsFor(declined.id)).toHaveLength(0)

      const retry = await shop.startFlexiti(cartId)
      await shop.widgetOutcome(cartId, retry, "approve")
      expect((await shop.complete(cartId)).data.type).toBe("order")
    })

    it("refuses an authorization whose amount differs from the order's and releases it", async () => {
      const cartId = await shop.cartReadyToPay()
      const session = await shop.startFlexiti(cartId)
      await shop.widgetOutcome(cartId, session, "approve")
      await flexiti.control().post("/faults", { tamper_amount_next: 5 })
      const refused = await shop.complete(cartId)
      expect(refused.status).toBe(400)
      const [authorization] = await flexiti.authorizationsFor(session.id)
      expect(authorization.amount).toBe(1265)
      expect(authorization.status).toBe("closed")
      expect(authorization.released_amount).toBe(1265)
    })

    it("completes when the checkout's token nears expiry while the shopper is in the modal", async () => {
      const cartId = await shop.cartReadyToPay()
      const session = await shop.startFlexiti(cartId)
      await shop.widgetOutcome(cartId, session, "approve")
      const before = (await flexiti.control().get("/counters")).data.token_refreshes
      await sleep((TOKEN_LIFETIME - 120 + 1) * 1000)
      expect((await shop.complete(cartId)).data.type).toBe("order")
      expect((await flexiti.control().get("/counters")).data.token_refreshes).toBeGreaterThan(before)
    })

    it("keeps tokens and secrets out of the session data the storefront reads", async () => {
      const cartId = await shop.cartReadyToPay()
      const session = await shop.startFlexiti(cartId)
      const checkout = await settings().getCheckout(session.id)
      expect(checkout?.customer_token?.accessToken).toBeTruthy()
      const { data } = await api.get(`/store/carts/${cartId}`, shop.storeHeaders())
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
