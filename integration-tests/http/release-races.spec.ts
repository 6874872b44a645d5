import { medusaIntegrationTestRunner } from "@medusajs/test-utils"
import { freshCheckoutDriver } from "../fixtures/checkout"
import { adminHeaders } from "../fixtures/store"
import { useFlexitiSandbox } from "../fixtures/sandbox"
import { FLEXITI_MODULE } from "../../src/modules/flexiti/schema"
import type FlexitiModuleService from "../../src/modules/flexiti/service"
import { reconcileFlexiti } from "../../src/workflows/lib/reconciler"

jest.setTimeout(300 * 1000)

const flexiti = useFlexitiSandbox()

/**
 * A release never voids a placed order (README "Security and money safety"): a checkout whose
 * release is pending or done is never accepted for an order, and every release of an abandoned
 * session checks inside the session's money lock that no order's payment holds it.
 */
medusaIntegrationTestRunner({
  inApp: true,
  env: {},
  testSuite: ({ api, getContainer }) => {
    const { shop, reconcile } = freshCheckoutDriver({ api, getContainer, flexiti })

    async function orderOfCart(cartId: string): Promise<string | undefined> {
      const admin = await adminHeaders(getContainer())
      const { data } = await api.get(`/admin/orders?fields=id,*payment_collections.payment_sessions`, admin)
      const cart = (await api.get(`/store/carts/${cartId}?fields=*payment_collection`, shop.storeHeaders())).data.cart
      return data.orders.find((o: { payment_collections: { id: string }[] }) => o.payment_collections.some((pc) => pc.id === cart.payment_collection?.id))?.id
    }

    it("lost answer, release refused, complete again, reconcile twice: no order is placed on an authorization being released", async () => {
      const cartId = await shop.cartReadyToPay()
      const session = await shop.startFlexiti(cartId)
      await shop.widgetOutcome(cartId, session, "approve")
      await flexiti.control().post("/faults", { lose_answer_next: [{ path_contains: "/authorization", method: "POST" }] })
      expect((await shop.complete(cartId)).data.type).not.toBe("order")

      // The reconciler finds the authorization whose answer was lost; its release answers 503.
      await flexiti.control().post("/faults", { fail_next: [{ path_contains: "/release", method: "POST", status: 503, times: 10 }] })
      const first = await reconcile()
      expect(first.recovered).toEqual([expect.objectContaining({ payment_session_id: session.id })])
      expect((await flexiti.authorizationsFor(session.id))[0].status).toBe("opened")

      // The shopper completes again: refused in words they understand, no order.
      const again = await shop.complete(cartId)
      expect(again.data.type).not.toBe("order")
      expect(JSON.stringify(again.data)).toMatch(/Start the Flexiti checkout again/)
      expect(await orderOfCart(cartId)).toBeUndefined()

      await flexiti.control().post("/faults", { fail_next: [] })
      const second = await reconcile()
      expect(second.pending_releases_retried).toEqual([{ payment_session_id: session.id, released: true }])
      const third = await reconcile()
      expect(third.released).toEqual([])
      expect(third.flagged).toEqual([])
      const [authorization] = await flexiti.authorizationsFor(session.id)
      expect(authorization).toMatchObject({ status: "closed", released_amount: 1260, captured_amount: 0 })
      expect(await orderOfCart(cartId)).toBeUndefined()
    })

    const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

    /** The invariant every race below keeps: an order's authorization is never released. */
    async function expectNoOrderLosesItsAuthorization(cartId: string, sessionId: string) {
      const orderId = await orderOfCart(cartId)
      const authorizations = await flexiti.authorizationsFor(sessionId)
      if (orderId) {
        expect(authorizations).toHaveLength(1)
        expect(authorizations[0]).toMatchObject({ status: "opened", released_amount: 0 })
      } else {
        for (const authorization of authorizations) expect(authorization.captures).toEqual([])
      }
      return orderId
    }

    it("complete racing a new payment session (Medusa deletes the Flexiti one meanwhile): an order placed keeps its authorization", async () => {
      // Flexiti answers slowly, so the new session lands while the completion is inside the provider.
      await flexiti.control().post("/faults", { latency_ms: 400 })
      const outcomes: string[] = []
      try {
        for (const delay of [50, 600, 1200, 2000]) {
          const cartId = await shop.cartReadyToPay()
          const session = await shop.startFlexiti(cartId)
          await shop.widgetOutcome(cartId, session, "approve")
          const cart = (await api.get(`/store/carts/${cartId}?fields=*payment_collection`, shop.storeHeaders())).data.cart
          const replace = async () => {
            await pause(delay)
            return api
              .post(`/store/payment-collections/${cart.payment_collection.id}/payment-sessions`, { provider_id: "pp_flexiti_flexiti" }, shop.storeHeaders())
              .catch((e: { response: { status: number } }) => e.response)
          }
          await Promise.all([shop.complete(cartId), replace()])
          const orderId = await expectNoOrderLosesItsAuthorization(cartId, session.id)
          // the reconciler at grace 0 right after does not undo it either
          await reconcile()
          await expectNoOrderLosesItsAuthorization(cartId, session.id)
          outcomes.push(orderId ? "order" : "no order")
        }
      } finally {
        await flexiti.control().post("/faults", { latency_ms: 0 })
      }
      expect(outcomes).toHaveLength(4)
    })

    it("complete racing Reconcile now at grace 0: an order placed keeps its authorization", async () => {
      await flexiti.control().post("/faults", { latency_ms: 300 })
      try {
        for (const delay of [100, 900, 1800]) {
          const cartId = await shop.cartReadyToPay()
          const session = await shop.startFlexiti(cartId)
          await shop.widgetOutcome(cartId, session, "approve")
          const reconcileLater = async () => {
            await pause(delay)
            return reconcile()
          }
          const [completed] = await Promise.all([shop.complete(cartId), reconcileLater(), reconcileLater()])
          expect(completed.data.type).toBe("order")
          await expectNoOrderLosesItsAuthorization(cartId, session.id)
          await reconcile()
          await expectNoOrderLosesItsAuthorization(cartId, session.id)
        }
      } finally {
        await flexiti.control().post("/faults", { latency_ms: 0 })
      }
    })

    it("auto-capture, complete racing a replacing session: an order keeps its capture; with no order, the captured money is given back", async () => {
      const settings = getContainer().resolve(FLEXITI_MODULE) as FlexitiModuleService
      await settings.updateSettings({ auto_capture: true })
      await flexiti.control().post("/faults", { latency_ms: 400 })
      const outcomes: string[] = []
      try {
        for (const delay of [300, 900, 1500, 2200]) {
          const cartId = await shop.cartReadyToPay()
          const session = await shop.startFlexiti(cartId)
          await shop.widgetOutcome(cartId, session, "approve")
          const cart = (await api.get(`/store/carts/${cartId}?fields=*payment_collection`, shop.storeHeaders())).data.cart
          const replace = async () => {
            await pause(delay)
            return api
              .post(`/store/payment-collections/${cart.payment_collection.id}/payment-sessions`, { provider_id: "pp_flexiti_flexiti" }, shop.storeHeaders())
              .catch((e: { response: { status: number } }) => e.response)
          }
          await Promise.all([shop.complete(cartId), replace()])
          const orderId = await orderOfCart(cartId)
          // A release asked for while the completion may still be writing its payment waits two
          // minutes for the reconciler: run it as it will run then.
          if (!orderId) await reconcileFlexiti(getContainer(), { graceMinutes: 0, now: new Date(Date.now() + 5 * 60_000) })
          const authorizations = await flexiti.authorizationsFor(session.id)
          for (const authorization of authorizations) {
            const captured = authorization.captures.reduce((sum, c) => sum + c.amount, 0)
            const back = authorization.captures.reduce((sum, c) => sum + [...c.returns, ...c.refunds].reduce((s, m) => s + m.amount, 0), 0)
            if (orderId) expect({ captured, back }).toEqual({ captured: 1260, back: 0 })
            else expect(back).toBe(captured)
          }
          outcomes.push(`${orderId ? "order" : "no order"}, ${authorizations.length ? authorizations[0].status : "no authorization"}`)
        }
      } finally {
        await flexiti.control().post("/faults", { latency_ms: 0 })
        await settings.updateSettings({ auto_capture: false })
      }
      expect(outcomes).toHaveLength(4)
    })
  },
})
