import { medusaIntegrationTestRunner } from "@medusajs/test-utils"
import { FLEXITI_MODULE } from "../../src/modules/flexiti/schema"
import type FlexitiModuleService from "../../src/modules/flexiti/service"
import { freshCheckoutDriver } from "../fixtures/checkout"
import { adminHeaders } from "../fixtures/store"
import { useFlexitiSandbox } from "../fixtures/sandbox"

jest.setTimeout(180 * 1000)

const flexiti = useFlexitiSandbox()
// The store takes orders while Flexiti reviews an application (provider option pending_orders).
beforeAll(() => {
  process.env.FLEXITI_PENDING_ORDERS = "true"
})
afterAll(() => {
  delete process.env.FLEXITI_PENDING_ORDERS
})

/**
 * A shopper whose application Flexiti marks pending (test applicant P-CREDIT): the order is placed
 * awaiting Flexiti, and the reconciler authorizes it once Flexiti approves, or cancels it past
 * the deadline.
 */
medusaIntegrationTestRunner({
  inApp: true,
  env: {},
  testSuite: ({ api, getContainer }) => {
    const { shop, reconcile } = freshCheckoutDriver({ api, getContainer, flexiti })

    beforeEach(async () => {
      await getContainer().resolve<FlexitiModuleService>(FLEXITI_MODULE).updateSettings({ flow: "hosted" })
    })

    async function orderInReview() {
      const cartId = await shop.cartReadyToPay()
      const session = await shop.startFlexiti(cartId)
      const applied = await flexiti.control().post(`/online-orders/${session.data.online_order_id}/apply`, { applicant: "P-CREDIT" })
      expect(applied.status).toBe(200)
      const completed = await shop.complete(cartId)
      expect(completed.data.type).toBe("order")
      expect(await flexiti.authorizationsFor(session.id)).toEqual([])
      return { session, order: completed.data.order, applicationId: applied.data.application.application_id as number }
    }

    async function orderPayments(orderId: string) {
      const admin = await adminHeaders(getContainer())
      const { data } = await api.get(`/admin/orders/${orderId}?fields=status,*payment_collections,*payment_collections.payments`, admin)
      return { admin, order: data.order, payments: data.order.payment_collections[0].payments as { id: string }[] }
    }

    it("places the order awaiting Flexiti, then authorizes it once Flexiti approves", async () => {
      const { session, order, applicationId } = await orderInReview()
      expect((await orderPayments(order.id)).payments).toEqual([])

      expect((await reconcile()).reviews).toEqual([{ payment_session_id: session.id, outcome: "waiting" }])

      await flexiti.control().post(`/applications/${applicationId}/decision`, { decision: "approved" })
      expect(await reconcile()).toMatchObject({ errors: [], reviews: [{ payment_session_id: session.id, outcome: "authorized" }] })
      const { admin, payments } = await orderPayments(order.id)
      expect(payments).toHaveLength(1)

      await api.post(`/admin/payments/${payments[0].id}/capture`, { amount: 1260 }, admin)
      const [authorization] = await flexiti.authorizationsFor(session.id)
      expect(authorization.captures.map((c) => c.amount)).toEqual([1260])
      expect((await reconcile()).reviews).toEqual([])
    })

    it("cancels the order when Flexiti declines the application after its review", async () => {
      const { session, order, applicationId } = await orderInReview()
      await flexiti.control().post(`/applications/${applicationId}/decision`, { decision: "declined" })
      expect(await reconcile()).toMatchObject({ errors: [], reviews: [{ payment_session_id: session.id, outcome: "declined" }] })
      expect((await orderPayments(order.id)).order.status).toBe("canceled")
      expect(await flexiti.authorizationsFor(session.id)).toEqual([])
    })

    it("cancels the order when Flexiti has not approved by the deadline", async () => {
      const { session, order } = await orderInReview()
      expect((await reconcile({ pending_deadline_hours: 0 })).reviews).toEqual([{ payment_session_id: session.id, outcome: "order_cancelled" }])
      expect((await orderPayments(order.id)).order.status).toBe("canceled")
    })
  },
})
