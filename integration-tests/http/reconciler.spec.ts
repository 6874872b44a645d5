import type { AxiosError } from "axios"
import { medusaIntegrationTestRunner } from "@medusajs/test-utils"
import { FlexitiClient } from "../../src/flexiti/client"
import { freshCheckoutDriver } from "../fixtures/checkout"
import { adminHeaders } from "../fixtures/store"
import { useFlexitiSandbox } from "../fixtures/sandbox"

jest.setTimeout(240 * 1000)

const flexiti = useFlexitiSandbox()

/** The reconciler against lost answers, an unreachable Flexiti and a Flexiti-side release. */
medusaIntegrationTestRunner({
  inApp: true,
  env: {},
  testSuite: ({ api, getContainer }) => {
    const { shop, reconcile } = freshCheckoutDriver({ api, getContainer, flexiti })
    const fail = (e: AxiosError) => e.response!

    /** A shopper approved in Flexiti, then complete lost Flexiti's answer to POST authorization. */
    async function abandonedAfterLostAuthorization() {
      const cartId = await shop.cartReadyToPay()
      const session = await shop.startFlexiti(cartId)
      await shop.widgetOutcome(cartId, session, "approve")
      await flexiti.control().post("/faults", { lose_answer_next: [{ path_contains: "/authorization", method: "POST" }] })
      const completed = await shop.complete(cartId)
      expect(completed.data.type).not.toBe("order")
      const [authorization] = await flexiti.authorizationsFor(session.id)
      expect(authorization.status).toBe("opened")
      return { cartId, session }
    }

    it("a retried complete finds the authorization whose answer was lost instead of creating another", async () => {
      const { cartId, session } = await abandonedAfterLostAuthorization()
      const again = await shop.complete(cartId)
      expect(again.data.type).toBe("order")
      expect(await flexiti.authorizationsFor(session.id)).toHaveLength(1)
    })

    it("releases an authorization no order took once the grace period is over, once even when run twice at once", async () => {
      const { session } = await abandonedAfterLostAuthorization()
      expect((await reconcile({ grace_minutes: 60 })).released).toEqual([])
      expect((await flexiti.authorizationsFor(session.id))[0].status).toBe("opened")

      const [first, second] = await Promise.all([reconcile(), reconcile()])
      const released = [...first.released, ...second.released]
      expect(released.map((r: { payment_session_id: string }) => r.payment_session_id)).toEqual([session.id])
      const [authorization] = await flexiti.authorizationsFor(session.id)
      expect(authorization.status).toBe("closed")
      expect(authorization.releases.map((r) => r.amount)).toEqual([1260])
      expect((await reconcile()).released).toEqual([])
    })

    it("does not release what a placed order holds", async () => {
      const { session } = await shop.placeOrder()
      const report = await reconcile()
      expect(report.released).toEqual([])
      expect(report.flagged).toEqual([])
      expect((await flexiti.authorizationsFor(session.id))[0]).toMatchObject({ status: "opened", released_amount: 0 })
    })

    it("retries a release Flexiti did not confirm when the order was cancelled, and shows it pending meanwhile", async () => {
      const { session, order } = await shop.placeOrder()
      const { admin, payment } = await shop.paymentOf(order.id)
      await flexiti.control().post("/faults", { fail_next: [{ path_contains: "/release", method: "POST", status: 503 }] })
      const cancelled = await api.post(`/admin/orders/${order.id}/cancel`, {}, admin).catch(fail)
      expect(cancelled.status).toBe(200)
      expect((await flexiti.authorizationsFor(session.id))[0].status).toBe("opened")
      const summary = (await api.get(`/admin/flexiti/payments/${payment.id}`, admin)).data.payment
      expect(summary.release).toMatchObject({ state: "pending" })

      const report = await reconcile({ grace_minutes: 60 })
      expect(report.pending_releases_retried).toEqual([{ payment_session_id: session.id, released: true }])
      const [authorization] = await flexiti.authorizationsFor(session.id)
      expect(authorization).toMatchObject({ status: "closed", released_amount: 1260 })
      expect((await api.get(`/admin/flexiti/payments/${payment.id}`, admin)).data.payment.release).toMatchObject({ state: "released" })
    })

    it("flags a payment Medusa shows open while Flexiti's authorization was released elsewhere", async () => {
      const { session, order } = await shop.placeOrder()
      const { payment } = await shop.paymentOf(order.id)
      const [authorization] = await flexiti.authorizationsFor(session.id)
      const outside = new FlexitiClient({
        environment: "training",
        clientId: flexiti.client.client_id,
        clientSecret: flexiti.client.client_secret,
        posOrigin: flexiti.sandbox.url,
      })
      await outside.release(authorization.authorization_id, { amount: 1260 })

      const report = await reconcile()
      expect(report.flagged).toEqual([expect.objectContaining({ payment_session_id: session.id, payment_id: payment.id })])
      const admin = await adminHeaders(getContainer())
      const history = (await api.get(`/admin/flexiti/payments/${payment.id}`, admin)).data.payment.history
      expect(history.map((h: { operation: string }) => h.operation)).toContain("reconcile_flag")
    })

    it("refuses a malformed reconcile request with a clear 400", async () => {
      const admin = await adminHeaders(getContainer())
      for (const body of [{ grace_minutes: -1 }, { grace_minutes: "soon" }, { other: 1 }]) {
        const res = await api.post("/admin/flexiti/reconcile", body, admin).catch(fail)
        expect(res.status).toBe(400)
        expect(res.data.message).toMatch(/Invalid request/)
      }
    })
  },
})
