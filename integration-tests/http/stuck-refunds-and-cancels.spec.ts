import type { AxiosError } from "axios"
import { medusaIntegrationTestRunner } from "@medusajs/test-utils"
import { freshCheckoutDriver } from "../fixtures/checkout"
import { useFlexitiSandbox } from "../fixtures/sandbox"
import releaseFlexitiRemainderOfCanceledOrder from "../../src/subscribers/flexiti-order-canceled"

jest.setTimeout(300 * 1000)

const flexiti = useFlexitiSandbox()

/**
 * Two states that used to leave a payment stuck (README "Security and money safety"): an account
 * refund whose answer was lost, which the admin resolves in the order's Flexiti panel, and an
 * order cancelled after a partial capture, whose remainder is released at Flexiti.
 */
medusaIntegrationTestRunner({
  inApp: true,
  env: {},
  testSuite: ({ api, getContainer }) => {
    const { shop, reconcile } = freshCheckoutDriver({ api, getContainer, flexiti })
    const fail = (e: AxiosError) => e.response!
    const amountsOf = (rows: { amount: number | string }[]) => rows.map((r) => Number(r.amount)).sort((a, b) => a - b)

    /** An order on a revolving (regular) purchase: Flexiti refunds it to the account, and answers `{}`. */
    async function placeRegularPurchaseOrder() {
      const cartId = await shop.cartReadyToPay()
      const session = await shop.startFlexiti(cartId)
      await shop.widgetOutcome(cartId, session, "approve", undefined, { transaction_type: "regular_purchase" })
      const completed = await shop.complete(cartId)
      if (completed.data.type !== "order") throw new Error(`no order: ${JSON.stringify(completed.data)}`)
      return { session, order: completed.data.order as { id: string } }
    }

    async function panelOf(paymentId: string, admin: object) {
      return (await api.get(`/admin/flexiti/payments/${paymentId}`, admin)).data.payment
    }

    const resolve = (paymentId: string, body: unknown, admin: object) =>
      api.post(`/admin/flexiti/payments/${paymentId}/refunds/resolve`, body, admin).catch(fail)

    async function until<T>(read: () => Promise<T>, done: (value: T) => boolean, what: string): Promise<T> {
      for (let i = 0; i < 100; i++) {
        const value = await read()
        if (done(value)) return value
        await new Promise((r) => setTimeout(r, 200))
      }
      throw new Error(`timed out waiting for ${what}`)
    }

    describe("an account refund whose answer was lost", () => {
      it("blocks refunds until the admin resolves it as done; then refunds and the order cancel move exactly the rest", async () => {
        const { session, order } = await placeRegularPurchaseOrder()
        const { admin, payment } = await shop.paymentOf(order.id)
        await api.post(`/admin/payments/${payment.id}/capture`, { amount: 1260 }, admin)

        await flexiti.control().post("/faults", { lose_answer_next: [{ path_contains: "/refund", method: "POST" }] })
        const lost = await api.post(`/admin/payments/${payment.id}/refund`, { amount: 100 }, admin).catch(fail)
        expect(lost.status).toBeGreaterThanOrEqual(400)
        let [authorization] = await flexiti.authorizationsFor(session.id)
        expect(flexiti.moneyBack(authorization)).toEqual({ returns: [], refunds: [100] })

        // Before it is resolved, every later refund is refused with words that say what to do.
        const blocked = await api.post(`/admin/payments/${payment.id}/refund`, { amount: 50 }, admin).catch(fail)
        expect(blocked.status).toBe(400)
        expect(blocked.data.message).toMatch(/did not answer an earlier account refund of \$100\.00/)
        expect(blocked.data.message).toMatch(/order's Flexiti panel/)

        // The panel shows what is known of it.
        let panel = await panelOf(payment.id, admin)
        expect(panel.unanswered_refunds).toEqual([
          expect.objectContaining({ kind: "account_refund", amount: "100.00", capture_id: String(authorization.captures[0].capture_id) }),
        ])
        const piece = panel.unanswered_refunds[0]
        expect(piece.reference_id).toMatch(/^[0-9a-f]{32}$/)
        expect(new Date(piece.sent_at).getTime()).toBeGreaterThan(Date.now() - 300_000)
        expect(authorization.captures[0].refunds).toEqual([expect.objectContaining({ reference: piece.reference_id })])

        // Bad input and forged ids are refused before anything moves.
        expect((await resolve(payment.id, { movement_id: piece.id, outcome: "maybe" }, admin)).status).toBe(400)
        expect((await resolve(payment.id, { movement_id: piece.id }, admin)).status).toBe(400)
        expect((await resolve(payment.id, { movement_id: piece.id, outcome: "done", amount: 1 }, admin)).status).toBe(400)
        expect((await resolve(payment.id, { movement_id: "flxmov_forged", outcome: "done" }, admin)).status).toBe(409)
        expect((await resolve("pay_forged", { movement_id: piece.id, outcome: "done" }, admin)).status).toBe(404)
        // another order's payment cannot resolve this payment's refund
        const other = await shop.placeOrder()
        const { payment: otherPayment } = await shop.paymentOf(other.order.id)
        const crossed = await resolve(otherPayment.id, { movement_id: piece.id, outcome: "done" }, admin)
        expect(crossed.status).toBe(404)
        expect(crossed.data.message).toMatch(/not a refund of this payment/)
        expect((await panelOf(payment.id, admin)).unanswered_refunds).toHaveLength(1)

        // Confirmed done in Flexiti's portal: it counts as refunded, and Medusa records the refund.
        const done = await resolve(payment.id, { movement_id: piece.id, outcome: "done" }, admin)
        expect(done.status).toBe(200)
        expect(done.data.resolved).toMatchObject({ outcome: "done", medusa_refund: { recorded: true } })
        expect(done.data.payment.unanswered_refunds).toEqual([])
        expect(done.data.payment.history).toEqual(
          expect.arrayContaining([expect.objectContaining({ operation: "account_refund_resolved", amount: "100.00", reference_id: piece.reference_id })])
        )
        const again = await resolve(payment.id, { movement_id: piece.id, outcome: "not_done" }, admin)
        expect(again.status).toBe(409)
        expect(amountsOf((await shop.paymentOf(order.id)).payment.refunds)).toEqual([100])

        // Further refunds work and move exactly what is asked.
        expect((await api.post(`/admin/payments/${payment.id}/refund`, { amount: 50 }, admin).catch(fail)).status).toBe(200)
        ;[authorization] = await flexiti.authorizationsFor(session.id)
        expect(flexiti.moneyBack(authorization)).toEqual({ returns: [], refunds: [100, 50] })

        // Medusa's order cancel of the captured order refunds the rest, once.
        const canceled = await api.post(`/admin/orders/${order.id}/cancel`, {}, admin).catch(fail)
        expect(canceled.status).toBe(200)
        ;[authorization] = await flexiti.authorizationsFor(session.id)
        expect(flexiti.moneyBack(authorization)).toEqual({ returns: [], refunds: [100, 50, 1110] })
        expect(amountsOf((await shop.paymentOf(order.id)).payment.refunds)).toEqual([50, 100, 1110])
        panel = await panelOf(payment.id, admin)
        expect(panel.amounts).toMatchObject({ captured: "1260.00", refunded: "1260.00" })
      })

      it("one refund across two captures whose second piece was lost: resolved as done, Medusa records the whole refund", async () => {
        const { session, order } = await placeRegularPurchaseOrder()
        const { admin, payment } = await shop.paymentOf(order.id)
        await api.post(`/admin/payments/${payment.id}/capture`, { amount: 630 }, admin)
        await api.post(`/admin/payments/${payment.id}/capture`, { amount: 630 }, admin)
        // 700 = 630 on the first capture + 70 on the second; the second piece's answer is lost.
        await flexiti.control().post("/faults", { lose_answer_next: [{ path_contains: "/refund", method: "POST", skip: 1 }] })
        expect((await api.post(`/admin/payments/${payment.id}/refund`, { amount: 700 }, admin).catch(fail)).status).toBeGreaterThanOrEqual(400)
        let [authorization] = await flexiti.authorizationsFor(session.id)
        expect(flexiti.moneyBack(authorization)).toEqual({ returns: [], refunds: [630, 70] })
        expect((await shop.paymentOf(order.id)).payment.refunds ?? []).toEqual([])

        const [piece] = (await panelOf(payment.id, admin)).unanswered_refunds
        expect(piece).toMatchObject({ amount: "70.00" })
        const done = await resolve(payment.id, { movement_id: piece.id, outcome: "done" }, admin)
        expect(done.data.resolved).toMatchObject({ outcome: "done", medusa_refund: { recorded: true } })
        expect(amountsOf((await shop.paymentOf(order.id)).payment.refunds)).toEqual([700])
        ;[authorization] = await flexiti.authorizationsFor(session.id)
        expect(flexiti.moneyBack(authorization)).toEqual({ returns: [], refunds: [630, 70] })
        expect((await panelOf(payment.id, admin)).amounts).toMatchObject({ captured: "1260.00", refunded: "700.00" })
      })

      it("resolved as not done, the amount is refundable again and is refunded once", async () => {
        const { session, order } = await placeRegularPurchaseOrder()
        const { admin, payment } = await shop.paymentOf(order.id)
        await api.post(`/admin/payments/${payment.id}/capture`, { amount: 1260 }, admin)

        // Flexiti never answers and never applies it (a 503 from a proxy in front of Flexiti).
        await flexiti.control().post("/faults", { fail_next: [{ path_contains: "/refund", method: "POST", status: 503 }] })
        expect((await api.post(`/admin/payments/${payment.id}/refund`, { amount: 100 }, admin).catch(fail)).status).toBeGreaterThanOrEqual(400)
        let [authorization] = await flexiti.authorizationsFor(session.id)
        expect(flexiti.moneyBack(authorization)).toEqual({ returns: [], refunds: [] })
        expect((await api.post(`/admin/payments/${payment.id}/refund`, { amount: 100 }, admin).catch(fail)).status).toBe(400)

        const [piece] = (await panelOf(payment.id, admin)).unanswered_refunds
        const notDone = await resolve(payment.id, { movement_id: piece.id, outcome: "not_done" }, admin)
        expect(notDone.status).toBe(200)
        expect(notDone.data.resolved).toMatchObject({ outcome: "not_done", medusa_refund: null })
        expect(notDone.data.payment.unanswered_refunds).toEqual([])
        expect((await resolve(payment.id, { movement_id: piece.id, outcome: "done" }, admin)).status).toBe(409)
        expect(amountsOf((await shop.paymentOf(order.id)).payment.refunds)).toEqual([])

        expect((await api.post(`/admin/payments/${payment.id}/refund`, { amount: 100 }, admin).catch(fail)).status).toBe(200)
        ;[authorization] = await flexiti.authorizationsFor(session.id)
        expect(flexiti.moneyBack(authorization)).toEqual({ returns: [], refunds: [100] })

        expect((await api.post(`/admin/orders/${order.id}/cancel`, {}, admin).catch(fail)).status).toBe(200)
        ;[authorization] = await flexiti.authorizationsFor(session.id)
        expect(flexiti.moneyBack(authorization)).toEqual({ returns: [], refunds: [100, 1160] })
        expect(amountsOf((await shop.paymentOf(order.id)).payment.refunds)).toEqual([100, 1160])
      })
    })

    describe("an order cancelled after a capture, when the cancel's refund fails", () => {
      /** The order's books: Medusa's cancel booked the refund once, whatever the provider answered. */
      async function refundsBooked(orderId: string, admin: object) {
        const { data } = await api.get(`/admin/orders/${orderId}?fields=id,*transactions`, admin)
        return (data.order.transactions as { reference: string; amount: number }[]).filter((t) => t.reference === "refund").map((t) => Number(t.amount))
      }

      // Medusa's cancel only logs a refund the provider could not complete and cancels the order anyway.
      it("a return Flexiti applied whose answer was lost is recorded in Medusa once, not sent again", async () => {
        const { session, order } = await shop.placeOrder()
        const { admin, payment } = await shop.paymentOf(order.id)
        await api.post(`/admin/payments/${payment.id}/capture`, { amount: 1260 }, admin)
        // The return is applied but its answer lost, and the read that would confirm it fails too.
        await flexiti.control().post("/faults", {
          lose_answer_next: [{ path_contains: "/return", method: "POST" }],
          fail_next: [{ path_contains: "/authorization/", method: "GET", status: 503, skip: 1, times: 3 }],
        })
        expect((await api.post(`/admin/orders/${order.id}/cancel`, {}, admin).catch(fail)).status).toBe(200)

        const { payment: after } = await until(
          () => shop.paymentOf(order.id),
          ({ payment: p }) => (p.refunds ?? []).length > 0,
          "the cancelled order's refund in Medusa"
        )
        expect(amountsOf(after.refunds)).toEqual([1260])
        const [authorization] = await flexiti.authorizationsFor(session.id)
        expect(flexiti.moneyBack(authorization)).toEqual({ returns: [1260], refunds: [] })
        expect((await panelOf(payment.id, admin)).unanswered_refunds).toEqual([])
        expect(await refundsBooked(order.id, admin)).toEqual([-1260])
      })

      it("a return Flexiti never received (Flexiti down) is sent by the reconciler once Flexiti answers", async () => {
        const { session, order } = await shop.placeOrder()
        const { admin, payment } = await shop.paymentOf(order.id)
        await api.post(`/admin/payments/${payment.id}/capture`, { amount: 1260 }, admin)
        await flexiti.control().post("/faults", { fail_next: [{ path_contains: "/return", method: "POST", status: 503, times: 2 }] })
        expect((await api.post(`/admin/orders/${order.id}/cancel`, {}, admin).catch(fail)).status).toBe(200)
        // The cancel's refund and the subscriber's both met the outage.
        await until(
          () => flexiti.control().get("/faults"),
          (r) => !(r.data.fail_next ?? []).length,
          "both refunds to meet the outage"
        )
        let [authorization] = await flexiti.authorizationsFor(session.id)
        expect(flexiti.moneyBack(authorization)).toEqual({ returns: [], refunds: [] })
        expect((await shop.paymentOf(order.id)).payment.refunds ?? []).toEqual([])

        const report = await reconcile()
        expect(report.canceled_order_refunds).toEqual([{ payment_id: payment.id, amount: "1260.00", refunded: true }])
        ;[authorization] = await flexiti.authorizationsFor(session.id)
        expect(flexiti.moneyBack(authorization)).toEqual({ returns: [1260], refunds: [] })
        expect(amountsOf((await shop.paymentOf(order.id)).payment.refunds)).toEqual([1260])
        expect(await refundsBooked(order.id, admin)).toEqual([-1260])
        // Nothing left: the next run refunds nothing.
        expect((await reconcile()).canceled_order_refunds).toEqual([])
      })
    })

    describe("an order cancelled after a partial capture", () => {
      it("releases the remainder at Flexiti; a second release does nothing", async () => {
        const { session, order } = await shop.placeOrder()
        const { admin, payment } = await shop.paymentOf(order.id)
        await api.post(`/admin/payments/${payment.id}/capture`, { amount: 504 }, admin)
        expect((await api.post(`/admin/orders/${order.id}/cancel`, {}, admin).catch(fail)).status).toBe(200)

        const [authorization] = await until(
          () => flexiti.authorizationsFor(session.id),
          ([a]) => a.releases.length > 0,
          "the release of the remainder"
        )
        expect(authorization).toMatchObject({ status: "closed", captured_amount: 504, released_amount: 756, remaining_authorization_amount: 0 })
        expect(authorization.releases.map((r) => r.amount)).toEqual([756])
        expect(flexiti.moneyBack(authorization)).toEqual({ returns: [504], refunds: [] })
        // Medusa records what Flexiti kept: captured for 504 (refunded by the cancel), nothing canceled for 1260
        // (the subscriber records it after Flexiti's release: wait for Medusa too)
        const { payment: after } = await until(
          () => shop.paymentOf(order.id),
          ({ payment: p }) => !!p.captured_at,
          "Medusa's record of the release"
        )
        expect(after).toMatchObject({ amount: 504, canceled_at: null, captured_at: expect.any(String) })
        expect(amountsOf(after.refunds)).toEqual([504])

        // The event delivered again: nothing is released twice.
        await releaseFlexitiRemainderOfCanceledOrder({ event: { name: "order.canceled", data: { id: order.id } }, container: getContainer() } as never)
        const [again] = await flexiti.authorizationsFor(session.id)
        expect(again.releases.map((r) => r.amount)).toEqual([756])
      })

      it("when Flexiti refuses the release, it is pending and the reconciler releases it", async () => {
        const { session, order } = await shop.placeOrder()
        const { admin, payment } = await shop.paymentOf(order.id)
        await api.post(`/admin/payments/${payment.id}/capture`, { amount: 504 }, admin)
        await flexiti.control().post("/faults", { fail_next: [{ path_contains: "/release", method: "POST", status: 503, times: 10 }] })
        expect((await api.post(`/admin/orders/${order.id}/cancel`, {}, admin).catch(fail)).status).toBe(200)

        const panel = await until(
          () => panelOf(payment.id, admin),
          (p) => p.release.state === "pending",
          "the pending release"
        )
        expect(panel.release.error).toBeTruthy()
        let [authorization] = await flexiti.authorizationsFor(session.id)
        expect(authorization).toMatchObject({ status: "opened", captured_amount: 504, released_amount: 0 })

        await flexiti.control().post("/faults", { fail_next: [] })
        const report = await reconcile()
        expect(report.pending_releases_retried).toEqual([{ payment_session_id: session.id, released: true }])
        ;[authorization] = await flexiti.authorizationsFor(session.id)
        expect(authorization).toMatchObject({ status: "closed", captured_amount: 504, released_amount: 756 })
        expect(authorization.releases.map((r) => r.amount)).toEqual([756])
        expect((await panelOf(payment.id, admin)).release.state).toBe("released")
        // (the subscriber records it after Flexiti's release: wait for Medusa too)
        const { payment: after } = await until(
          () => shop.paymentOf(order.id),
          ({ payment: p }) => !!p.captured_at,
          "Medusa's record of the release"
        )
        expect(after).toMatchObject({ amount: 504, canceled_at: null, captured_at: expect.any(String) })
      })
    })
  },
})
