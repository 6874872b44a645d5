import type { AxiosError } from "axios"
import { medusaIntegrationTestRunner } from "@medusajs/test-utils"
import { signCheckoutContext } from "../../src/lib/checkout-context"
import { freshCheckoutDriver } from "../fixtures/checkout"
import { adminHeaders } from "../fixtures/store"
import { useFlexitiSandbox } from "../fixtures/sandbox"

jest.setTimeout(240 * 1000)

const flexiti = useFlexitiSandbox()

/**
 * A shopper holding only a publishable key and their own carts, and a flaky network, against
 * the money paths. Each test checks Medusa's state and the sandbox's ledger.
 */
medusaIntegrationTestRunner({
  inApp: true,
  env: {},
  testSuite: ({ api, getContainer }) => {
    const { shop, store } = freshCheckoutDriver({ api, getContainer, flexiti })
    const fail = (e: AxiosError) => e.response!

    async function cartOf(cartId: string) {
      return (await api.get(`/store/carts/${cartId}?fields=*payment_collection,*payment_collection.payment_sessions`, shop.storeHeaders())).data.cart
    }

    /** Medusa's own public route: any data the shopper likes. */
    function rawSession(collectionId: string, providerId: string, data?: Record<string, unknown>) {
      return api
        .post(`/store/payment-collections/${collectionId}/payment-sessions`, { provider_id: providerId, ...(data ? { data } : {}) }, shop.storeHeaders())
        .catch(fail)
    }

    async function enablePaymentProvider(providerId: string) {
      const admin = await adminHeaders(getContainer())
      const region = (await api.get(`/admin/regions/${store().cadRegionId}?fields=*payment_providers`, admin)).data.region
      const ids = new Set<string>([...region.payment_providers.map((p: { id: string }) => p.id), providerId])
      await api.post(`/admin/regions/${store().cadRegionId}`, { payment_providers: [...ids] }, admin)
    }

    it("keeps storefront keys and the shopper's personal data out of session data", async () => {
      const cartId = await shop.cartReadyToPay()
      const session = await shop.startFlexiti(cartId)
      const stored = (await cartOf(cartId)).payment_collection.payment_sessions.find((s: { id: string }) => s.id === session.id)
      const json = JSON.stringify(stored.data)
      expect(stored.data.checkout_context ?? null).toBeNull()
      expect(stored.data.checkout_signature ?? null).toBeNull()
      expect(json).not.toContain("shopper@example.ca")
      expect(json).not.toMatch(/address|postal|first_name/)
      expect(stored.data.redirection_url).toContain(session.data.widget_session_id)
    })

    it("a forged authorization id in session data pays nothing and touches no one else's authorization", async () => {
      const victim = await shop.placeOrder()
      const [victimAuth] = await flexiti.authorizationsFor(victim.session.id)

      const cartId = await shop.cartReadyToPay()
      await shop.startFlexiti(cartId)
      const collectionId = (await cartOf(cartId)).payment_collection.id
      // The attacker's own, validly signed context (as if it had leaked), plus every key the provider records.
      const signed = signCheckoutContext({
        cart_id: cartId,
        payment_collection_id: collectionId,
        expires_at: Math.floor(Date.now() / 1000) + 600,
        lang: "en",
        is_guest: true,
        flow: "purchase",
        billing: { first_name: "Eve", last_name: "Attacker", postal_code: "M5V 2T6", province: "ON" },
      })
      const forged = await rawSession(collectionId, "pp_flexiti_flexiti", {
        ...signed,
        authorization_id: victimAuth.authorization_id,
        authorized_amount: "1260.00",
        captures: [{ capture_id: 1, amount: "1260.00" }],
        refunds: [],
        authorization_status: "opened",
        environment: "production",
        flow: "hosted",
        amount: "1.00",
      })
      expect(forged.status).toBe(200)
      const forgedData = forged.data.payment_collection.payment_sessions[0].data
      expect(forgedData.authorization_id).toBeNull()
      expect(forgedData.captures).toBeNull()
      expect(forgedData.environment).toBeNull()
      expect(forgedData.flow).toBe("widget")
      expect(forgedData.amount).toBe("1260.00")

      const completed = await shop.complete(cartId)
      expect(completed.data.type).not.toBe("order")
      const [after] = await flexiti.authorizationsFor(victim.session.id)
      expect(after).toMatchObject({ status: "opened", released_amount: 0 })
      expect(after.releases).toEqual([])

      // the victim's order still captures in full
      const { admin, payment } = await shop.paymentOf(victim.order.id)
      await api.post(`/admin/payments/${payment.id}/capture`, { amount: 1260 }, admin)
      const [captured] = await flexiti.authorizationsFor(victim.session.id)
      expect(captured.captures.map((c) => c.amount)).toEqual([1260])
    })

    it("a signed context replayed on another cart is refused", async () => {
      const cartA = await shop.cartReadyToPay()
      await shop.startFlexiti(cartA)
      const collectionA = (await cartOf(cartA)).payment_collection.id
      const leaked = signCheckoutContext({
        cart_id: cartA,
        payment_collection_id: collectionA,
        expires_at: Math.floor(Date.now() / 1000) + 600,
        lang: "en",
        is_guest: true,
        flow: "purchase",
      })
      const cartB = await shop.cartReadyToPay()
      await shop.startFlexiti(cartB)
      const collectionB = (await cartOf(cartB)).payment_collection.id
      const replayed = await rawSession(collectionB, "pp_flexiti_flexiti", leaked)
      expect(replayed.status).toBe(400)
      expect(replayed.data.message).toMatch(/another cart/)

      const expired = await rawSession(collectionA, "pp_flexiti_flexiti", signCheckoutContext({ ...leaked.checkout_context, expires_at: 1 }))
      expect(expired.status).toBe(400)
      expect(expired.data.message).toMatch(/expired/)
    })

    it("a signed context (readable on the cart while Flexiti answers) starts one session only", async () => {
      const cartId = await shop.cartReadyToPay()
      await shop.startFlexiti(cartId)
      const collectionId = (await cartOf(cartId)).payment_collection.id
      const copied = signCheckoutContext({
        cart_id: cartId,
        payment_collection_id: collectionId,
        expires_at: Math.floor(Date.now() / 1000) + 600,
        lang: "en",
        is_guest: true,
        flow: "purchase",
        billing: { first_name: "Test", last_name: "Shopper", postal_code: "M5V 2T6" },
      })
      const first = await rawSession(collectionId, "pp_flexiti_flexiti", copied)
      expect(first.status).toBe(200)
      const widgetInits = async () => (await flexiti.control().get("/counters")).data.calls_by_path
      const before = JSON.stringify(await widgetInits())
      const again = await rawSession(collectionId, "pp_flexiti_flexiti", copied)
      expect(again.status).toBe(400)
      expect(again.data.message).toMatch(/already started/)
      // refused before any Flexiti call
      expect(JSON.stringify(await widgetInits())).toBe(before)
    })

    it.each(["pp_system_default", "pp_flexiti_flexiti"])(
      "a new %s session on a placed order's collection leaves its authorization capturable",
      async (providerId) => {
        await enablePaymentProvider("pp_system_default")
        const { session, order } = await shop.placeOrder()
        const { admin, payment } = await shop.paymentOf(order.id)
        await rawSession(payment.payment_collection_id, providerId)

        const [authorization] = await flexiti.authorizationsFor(session.id)
        expect(authorization.status).toBe("opened")
        expect(authorization.releases).toEqual([])
        const captured = await api.post(`/admin/payments/${payment.id}/capture`, { amount: 1260 }, admin).catch(fail)
        expect(captured.status).toBe(200)
        const [after] = await flexiti.authorizationsFor(session.id)
        expect(after.captures.map((c) => c.amount)).toEqual([1260])
      }
    )

    it("completes fired at once on one cart make one order and one authorization", async () => {
      const cartId = await shop.cartReadyToPay()
      const session = await shop.startFlexiti(cartId)
      await shop.widgetOutcome(cartId, session, "approve")
      const results = await Promise.all([1, 2, 3].map(() => shop.complete(cartId)))
      const orderIds = new Set(results.filter((r) => r.data?.type === "order").map((r) => r.data.order.id))
      expect(orderIds.size).toBe(1)
      expect(results.every((r) => r.status < 500)).toBe(true)
      expect(await flexiti.authorizationsFor(session.id)).toHaveLength(1)
    })

    it("refunds fired at once never refund more than was captured", async () => {
      const { session, order } = await shop.placeOrder()
      const { admin, payment } = await shop.paymentOf(order.id)
      await api.post(`/admin/payments/${payment.id}/capture`, { amount: 1260 }, admin)
      const results = await Promise.all([700, 700, 700].map((amount) => api.post(`/admin/payments/${payment.id}/refund`, { amount }, admin).catch(fail)))
      expect(results.filter((r) => r.status === 200)).toHaveLength(1)
      const [authorization] = await flexiti.authorizationsFor(session.id)
      expect(flexiti.moneyBack(authorization)).toEqual({ returns: [700], refunds: [] })
      const { payment: after } = await shop.paymentOf(order.id)
      expect(after.data.refunds.map((r: { amount: string }) => r.amount)).toEqual(["700.00"])
    })

    it("two refunds of one order fired at once are both moved once, even the one Medusa answers with a 4xx", async () => {
      const { session, order } = await shop.placeOrder()
      const { admin, payment } = await shop.paymentOf(order.id)
      await api.post(`/admin/payments/${payment.id}/capture`, { amount: 1000 }, admin)
      const results = await Promise.all([10, 25.5].map((amount) => api.post(`/admin/payments/${payment.id}/refund`, { amount }, admin).catch(fail)))
      // Medusa 2.21.2 writes the refund and calls the provider before it opens the order change
      // for the refund's credit line; the second of two at once may fail there ("already has an
      // existing active order change") after the money moved. It keeps the refund on the payment,
      // so the books agree; the README tells admins to look before retrying such a refund.
      for (const answer of results.filter((r) => r.status !== 200)) {
        expect(answer.status).toBe(400)
        expect(answer.data.message).toMatch(/existing active order change/)
      }
      const [authorization] = await flexiti.authorizationsFor(session.id)
      expect(flexiti.moneyBack(authorization)).toEqual({ returns: expect.arrayContaining([10, 25.5]), refunds: [] })
      expect(flexiti.moneyBack(authorization).returns).toHaveLength(2)
      const { payment: after } = await shop.paymentOf(order.id)
      expect(after.refunds.map((r: { amount: number }) => Number(r.amount)).sort((a: number, b: number) => a - b)).toEqual([10, 25.5])
      // the order's Flexiti panel shows what Flexiti holds, whichever refund wrote Medusa's copy last
      const panel = (await api.get(`/admin/flexiti/payments/${payment.id}`, admin)).data.payment
      expect(panel.amounts).toMatchObject({ captured: "1000.00", returned: "35.50", refunded: "0.00" })
      expect(panel.medusa.refunded).toBe("35.50")
    })

    /** Flexiti applies the next matching call and its answer is lost; the reads after it fail too. */
    const loseAnswerAndReads = (pathContains: string) =>
      flexiti.control().post("/faults", {
        lose_answer_next: [{ path_contains: pathContains, method: "POST" }],
        fail_next: [{ path_contains: "/authorization/", method: "GET", status: 503, skip: 1, times: 3 }],
      })

    it("a capture whose answer was lost, retried under a new Medusa id, is taken once", async () => {
      const { session, order } = await shop.placeOrder()
      const { admin, payment } = await shop.paymentOf(order.id)
      // a first, ordinary capture (it also gets the store its merchant token, so the faults below hit the capture)
      await api.post(`/admin/payments/${payment.id}/capture`, { amount: 4 }, admin)
      await loseAnswerAndReads("/capture")
      const first = await api.post(`/admin/payments/${payment.id}/capture`, { amount: 500 }, admin).catch(fail)
      expect(first.status).toBeGreaterThanOrEqual(400)
      await flexiti.control().delete("/faults")
      let [authorization] = await flexiti.authorizationsFor(session.id)
      expect(authorization.captures.map((c) => c.amount)).toEqual([4, 500])
      expect((await shop.paymentOf(order.id)).payment.captures.map((c: { amount: number }) => c.amount)).toEqual([4])

      // Medusa deleted its capture row; the admin retries: a new capture id, the same amount.
      const retry = await api.post(`/admin/payments/${payment.id}/capture`, { amount: 500 }, admin).catch(fail)
      expect(retry.status).toBe(200)
      ;[authorization] = await flexiti.authorizationsFor(session.id)
      expect(authorization.captures.map((c) => c.amount)).toEqual([4, 500])

      await api.post(`/admin/payments/${payment.id}/capture`, { amount: 756 }, admin)
      ;[authorization] = await flexiti.authorizationsFor(session.id)
      expect(authorization.captures.map((c) => c.amount)).toEqual([4, 500, 756])
      const { payment: after } = await shop.paymentOf(order.id)
      expect(after.captures.map((c: { amount: number }) => c.amount).sort((a: number, b: number) => a - b)).toEqual([4, 500, 756])
      expect(after.data.captures.map((c: { medusa_capture_id: string }) => c.medusa_capture_id).sort()).toEqual(
        after.captures.map((c: { id: string }) => c.id).sort()
      )
    })

    it("a capture of another amount while Flexiti holds an unaccounted one is refused, not doubled", async () => {
      const { session, order } = await shop.placeOrder()
      const { admin, payment } = await shop.paymentOf(order.id)
      await api.post(`/admin/payments/${payment.id}/capture`, { amount: 4 }, admin)
      await loseAnswerAndReads("/capture")
      await api.post(`/admin/payments/${payment.id}/capture`, { amount: 500 }, admin).catch(fail)
      await flexiti.control().delete("/faults")
      const other = await api.post(`/admin/payments/${payment.id}/capture`, { amount: 600 }, admin).catch(fail)
      expect(other.status).toBe(400)
      expect(other.data.message).toMatch(/no Medusa capture accounts for/)
      const [authorization] = await flexiti.authorizationsFor(session.id)
      expect(authorization.captures.map((c) => c.amount)).toEqual([4, 500])
    })

    it("a return whose answer was lost is recognised by re-reading Flexiti", async () => {
      const { session, order } = await shop.placeOrder()
      const { admin, payment } = await shop.paymentOf(order.id)
      await api.post(`/admin/payments/${payment.id}/capture`, { amount: 1260 }, admin)
      await flexiti.control().post("/faults", { lose_answer_next: [{ path_contains: "/return", method: "POST" }] })
      const first = await api.post(`/admin/payments/${payment.id}/refund`, { amount: 100 }, admin).catch(fail)
      expect(first.status).toBe(200)
      const [authorization] = await flexiti.authorizationsFor(session.id)
      expect(flexiti.moneyBack(authorization)).toEqual({ returns: [100], refunds: [] })
    })

    it("a refund whose answer and re-read were lost, retried under a new Medusa id, is returned once", async () => {
      const { session, order } = await shop.placeOrder()
      const { admin, payment } = await shop.paymentOf(order.id)
      await api.post(`/admin/payments/${payment.id}/capture`, { amount: 1260 }, admin)
      await loseAnswerAndReads("/return")
      const first = await api.post(`/admin/payments/${payment.id}/refund`, { amount: 100 }, admin).catch(fail)
      expect(first.status).toBeGreaterThanOrEqual(400)
      await flexiti.control().delete("/faults")

      const retry = await api.post(`/admin/payments/${payment.id}/refund`, { amount: 100 }, admin).catch(fail)
      expect(retry.status).toBe(200)
      let [authorization] = await flexiti.authorizationsFor(session.id)
      expect(flexiti.moneyBack(authorization)).toEqual({ returns: [100], refunds: [] })

      // a second, real refund still goes through
      await api.post(`/admin/payments/${payment.id}/refund`, { amount: 50 }, admin)
      ;[authorization] = await flexiti.authorizationsFor(session.id)
      expect(flexiti.moneyBack(authorization)).toEqual({ returns: [100, 50], refunds: [] })
      const { payment: after } = await shop.paymentOf(order.id)
      expect(after.data.refunds.map((r: { amount: string }) => r.amount)).toEqual(["100.00", "50.00"])
    })

    it("a capture Medusa gives no row for is refused, never 'capture everything'", async () => {
      const { session, order } = await shop.placeOrder()
      const { payment } = await shop.paymentOf(order.id)
      const paymentModule = getContainer().resolve("payment") as {
        retrievePayment: (id: string, c: object) => Promise<{ data: Record<string, unknown> }>
      }
      const { data } = await paymentModule.retrievePayment(payment.id, { select: ["data"] })
      const provider = (getContainer().resolve("payment") as any).paymentProviderService_
      const refused = await provider.capturePayment("pp_flexiti_flexiti", { data, context: { idempotency_key: "capt_does_not_exist" } }).catch((e: Error) => e)
      expect(refused).toBeInstanceOf(Error)
      const [authorization] = await flexiti.authorizationsFor(session.id)
      expect(authorization.captures).toEqual([])
    })
  },
})
