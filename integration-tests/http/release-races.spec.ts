import { medusaIntegrationTestRunner } from "@medusajs/test-utils"
import { freshCheckoutDriver } from "../fixtures/checkout"
import { adminHeaders } from "../fixtures/store"
import { useFlexitiSandbox } from "../fixtures/sandbox"

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
  },
})
