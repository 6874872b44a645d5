import type { AxiosError, AxiosResponse } from "axios"
import { medusaIntegrationTestRunner } from "@medusajs/test-utils"
import { FLEXITI_MODULE } from "../../src/modules/flexiti/schema"
import { FLEXITI_CALL_COST, FLEXITI_LIMITS } from "../../src/api/_lib/flood-guard"
import { freshCheckoutDriver } from "../fixtures/checkout"
import { useFlexitiSandbox } from "../fixtures/sandbox"

jest.setTimeout(240 * 1000)

const flexiti = useFlexitiSandbox()
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms))

/**
 * The flood guard counts what a shopper owns (cart, payment session, customer), never the one
 * address every shopper shares behind a storefront server, and keeps a hammered cart or session
 * from reaching Flexiti more than its limit allows.
 */
medusaIntegrationTestRunner({
  inApp: true,
  env: {},
  testSuite: ({ api, getContainer }) => {
    const { shop } = freshCheckoutDriver({ api, getContainer, flexiti })
    /** A POST from the storefront; the whole response, also on 4xx. */
    const post = (url: string, body: object, headers: object = shop.storeHeaders()) =>
      api.post(url, body, headers).catch((e: AxiosError) => e.response as AxiosResponse)
    const useHostedFlow = () => (getContainer().resolve(FLEXITI_MODULE) as { updateSettings(p: object): Promise<unknown> }).updateSettings({ flow: "hosted" })

    async function flexitiCalls(pathPart = "") {
      const { data } = await flexiti.control().get("/counters")
      return Object.entries(data.calls_by_path as Record<string, number>)
        .filter(([path]) => path.includes(pathPart))
        .reduce((n, [, calls]) => n + calls, 0)
    }

    /** Waits until the sandbox has seen no call for `quietMs` (Medusa runs payment webhooks about 5 s later). */
    async function flexitiQuiet(quietMs: number, maxMs = 40_000) {
      const end = Date.now() + maxMs
      let last = await flexitiCalls()
      let since = Date.now()
      while (Date.now() < end) {
        await sleep(500)
        const now = await flexitiCalls()
        if (now !== last) [last, since] = [now, Date.now()]
        else if (Date.now() - since >= quietMs) return now
      }
      return last
    }

    function expectRefused(res: AxiosResponse) {
      expect(res.status).toBe(429)
      expect(res.headers["retry-after"]).toMatch(/^[1-9]\d*$/)
      expect(res.data.message).toMatch(/^Too many .+; try again in \d+ seconds\.$/)
    }

    it("checkouts started by many shoppers from one address (a storefront server) all succeed, beyond any per-address cap", async () => {
      // Warm-up on its own cart: the client's ready customer token predates the sandbox reset.
      await shop.startFlexiti(await shop.cartReadyToPay())
      const initsBefore = await flexitiCalls("widget/init")
      const perCart = FLEXITI_LIMITS.startsPerCart.points
      // 70 starts: more than a cap of 60 per address and 10 minutes would allow. The 600 in
      // 10 minutes of a busy store are counted through the same middleware in rate-limits.unit.spec.ts.
      const carts = 7
      const statuses: number[] = []
      // Every request comes from this test's one address, as every shopper's does through Medusa's
      // Next.js starter; each cart starts as many checkouts as its own limit allows.
      const shopper = async (cartId: string) => {
        for (let i = 0; i < perCart; i++) {
          const res = await post("/store/flexiti/payment-sessions", { cart_id: cartId })
          statuses.push(res.status)
        }
      }
      const cartIds = await Promise.all(Array.from({ length: carts }, () => shop.cartReadyToPay()))
      await Promise.all(cartIds.map(shopper))
      expect(statuses).toHaveLength(carts * perCart)
      expect(statuses.filter((s) => s !== 200)).toEqual([])
      expect((await flexitiCalls("widget/init")) - initsBefore).toBe(carts * perCart)
      // the 11th start of one cart is refused before Flexiti is called
      expectRefused(await post("/store/flexiti/payment-sessions", { cart_id: cartIds[0] }))
      expect((await flexitiCalls("widget/init")) - initsBefore).toBe(carts * perCart)
    })

    it("one session hammering the widget-result route gets 429 after its limit, whoever else shares the address", async () => {
      const cartId = await shop.cartReadyToPay()
      const session = await shop.startFlexiti(cartId)
      const limit = FLEXITI_LIMITS.resultsPerSession.points
      const event = { eventType: "flx-success", data: { accountNumber: "0" } }
      const answers: AxiosResponse[] = []
      for (let i = 0; i < limit + 2; i++) {
        answers.push(await post(`/store/flexiti/payment-sessions/${session.id}/widget-result`, { cart_id: cartId, event }))
      }
      expect(answers.slice(0, limit).map((a) => a.status)).not.toContain(429)
      answers.slice(limit).forEach(expectRefused)
      // another shopper from the same address is not affected
      const other = await shop.cartReadyToPay()
      expect((await post("/store/flexiti/payment-sessions", { cart_id: other })).status).toBe(200)
    })

    it("a flood of completes on one Flexiti cart is answered 429 and Flexiti's calls stay bounded", async () => {
      await useHostedFlow()
      const cartId = await shop.cartReadyToPay()
      await shop.startFlexiti(cartId)
      const before = await flexitiQuiet(1000)
      const limit = FLEXITI_LIMITS.completesPerCart.points
      const answers: AxiosResponse[] = []
      for (let i = 0; i < 40; i++) answers.push(await shop.complete(cartId))
      // the shopper has not finished on Flexiti's page: each allowed attempt is refused by the provider
      expect(answers.slice(0, limit).map((a) => a.status)).toEqual(Array(limit).fill(400))
      answers.slice(limit).forEach(expectRefused)
      const used = (await flexitiQuiet(1000)) - before
      expect(used).toBeGreaterThan(0)
      expect(used).toBeLessThanOrEqual(limit * FLEXITI_CALL_COST.complete)
    })

    it("a flood of webhook calls on one hosted session is answered 429 and Flexiti's calls stay bounded", async () => {
      await useHostedFlow()
      const cartId = await shop.cartReadyToPay()
      const session = await shop.startFlexiti(cartId)
      const before = await flexitiQuiet(1000)
      const limit = FLEXITI_LIMITS.webhooksPerSession.points
      const answers: AxiosResponse[] = []
      for (let i = 0; i < 40; i++) answers.push(await post("/hooks/payment/flexiti_flexiti", { session_id: session.id }, {}))
      expect(answers.slice(0, limit).map((a) => a.status)).toEqual(Array(limit).fill(200))
      answers.slice(limit).forEach(expectRefused)
      // an unknown session makes no Flexiti call and is not counted
      expect((await post("/hooks/payment/flexiti_flexiti", { session_id: "payses_unknown" }, {})).status).toBe(200)
      const used = (await flexitiQuiet(8000)) - before
      expect(used).toBeGreaterThan(0)
      expect(used).toBeLessThanOrEqual(limit * FLEXITI_CALL_COST.webhook)
    })
  },
})
