import { medusaIntegrationTestRunner } from "@medusajs/test-utils"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import { FLEXITI_MODULE } from "../../src/modules/flexiti/schema"
import type FlexitiModule from "../../src/modules/flexiti/service"
import { reconcileFlexiti } from "../../src/workflows/lib/reconciler"
import { freshCheckoutDriver } from "../fixtures/checkout"
import { useFlexitiSandbox } from "../fixtures/sandbox"

jest.setTimeout(300 * 1000)

const flexiti = useFlexitiSandbox()

/**
 * The reconciler gives back what no order holds (README "Security and money safety"): money
 * captured at checkout with no order is returned, not reported "released 0.00"; placed orders
 * never crowd abandoned authorizations out of a run; a run is bounded in Flexiti calls and a
 * backlog is worked through over successive runs.
 */
medusaIntegrationTestRunner({
  inApp: true,
  env: {},
  testSuite: ({ api, getContainer }) => {
    const { shop, reconcile } = freshCheckoutDriver({ api, getContainer, flexiti })
    const settings = () => getContainer().resolve(FLEXITI_MODULE) as FlexitiModule
    const knex = () => getContainer().resolve(ContainerRegistrationKeys.PG_CONNECTION)

    afterEach(async () => {
      await settings().updateSettings({ auto_capture: false })
    })

    /** A shopper approved in Flexiti whose complete lost Flexiti's answer to POST authorization. */
    async function lostAuthorizationAnswer() {
      const cartId = await shop.cartReadyToPay()
      const session = await shop.startFlexiti(cartId)
      await shop.widgetOutcome(cartId, session, "approve")
      await flexiti.control().post("/faults", { lose_answer_next: [{ path_contains: "/authorization", method: "POST" }] })
      expect((await shop.complete(cartId)).data.type).not.toBe("order")
      return { cartId, session }
    }

    it("auto-capture, answer lost, shopper gone: the captured amount is returned to the shopper, once", async () => {
      await settings().updateSettings({ auto_capture: true })
      const { session } = await lostAuthorizationAnswer()
      const [captured] = await flexiti.authorizationsFor(session.id)
      expect(captured.captures.map((c) => c.amount)).toEqual([1260])

      const report = await reconcile()
      expect(report.recovered).toEqual([expect.objectContaining({ payment_session_id: session.id })])
      expect(report.returned).toEqual([{ payment_session_id: session.id, authorization_id: String(captured.authorization_id), amount: "1260.00" }])
      expect(report.released).toEqual([])
      expect(report.errors).toEqual([])

      const [after] = await flexiti.authorizationsFor(session.id)
      const givenBack = after.captures.flatMap((c) => [...c.returns, ...c.refunds]).map((m) => m.amount)
      expect(givenBack).toEqual([1260])

      const again = await reconcile()
      expect(again.returned).toEqual([])
      expect(again.released).toEqual([])
      const [still] = await flexiti.authorizationsFor(session.id)
      expect(still.captures.flatMap((c) => [...c.returns, ...c.refunds]).map((m) => m.amount)).toEqual([1260])

      const log = await knex()("flexiti_call_log").where({ payment_session_id: session.id, operation: "reconcile_return" }).select("message")
      expect(log.map((l: { message: string }) => l.message)).toEqual(["returned $1260.00 Flexiti had captured with no order behind it"])
    })

    it("auto-capture that became an order is never returned by the reconciler", async () => {
      await settings().updateSettings({ auto_capture: true })
      const { session } = await shop.placeOrder()
      const report = await reconcile()
      expect(report.returned).toEqual([])
      const [authorization] = await flexiti.authorizationsFor(session.id)
      expect(authorization.captures.flatMap((c) => [...c.returns, ...c.refunds])).toEqual([])
    })

    it("placed orders do not crowd abandoned authorizations out of a run; open orders are checked in turn", async () => {
      const orders = [await shop.placeOrder(), await shop.placeOrder(), await shop.placeOrder()]
      const abandoned = [await lostAuthorizationAnswer(), await lostAuthorizationAnswer()]
      // first run recovers the lost answers (they are unrecorded) and gives them back
      const small = { abandoned: 2, openOrders: 2, unrecorded: 2 }
      const first = await reconcileFlexiti(getContainer(), { graceMinutes: 0, batch: small })
      expect(first.released.map((r) => r.payment_session_id).sort()).toEqual(abandoned.map((a) => a.session.id).sort())
      for (const { session } of abandoned) expect((await flexiti.authorizationsFor(session.id))[0].status).toBe("closed")
      for (const { session } of orders) expect((await flexiti.authorizationsFor(session.id))[0].status).toBe("opened")

      const checked = async () =>
        (
          await knex()("flexiti_checkout")
            .whereIn(
              "payment_session_id",
              orders.map((o) => o.session.id)
            )
            .whereNotNull("reconciled_at")
            .select("payment_session_id")
        ).length
      expect(await checked()).toBe(2)
      await reconcileFlexiti(getContainer(), { graceMinutes: 0, batch: small })
      expect(await checked()).toBe(3)
    })

    it("a run stops starting checks at its Flexiti call budget; successive runs finish the backlog", async () => {
      const abandoned = [await lostAuthorizationAnswer(), await lostAuthorizationAnswer(), await lostAuthorizationAnswer()]
      const runs = []
      for (let i = 0; i < 6; i++) {
        const run = await reconcileFlexiti(getContainer(), { graceMinutes: 0, callBudget: 3 })
        runs.push(run)
        // one checkout's calls at most past the budget: a lookup by reference, a read and a release
        expect(run.flexiti_calls).toBeLessThanOrEqual(3 + 4)
        if (!run.deferred) break
      }
      expect(runs.length).toBeGreaterThan(1)
      expect(runs[0].deferred).toBeGreaterThan(0)
      const released = runs.flatMap((r) => r.released.map((x) => x.payment_session_id)).sort()
      expect(released).toEqual(abandoned.map((a) => a.session.id).sort())
      for (const { session } of abandoned) {
        const [authorization] = await flexiti.authorizationsFor(session.id)
        expect(authorization).toMatchObject({ status: "closed", released_amount: 1260 })
      }
    })
  },
})
