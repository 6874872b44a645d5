import type { AxiosError, AxiosResponse } from "axios"
import { medusaIntegrationTestRunner } from "@medusajs/test-utils"
import { FLEXITI_MODULE } from "../../src/modules/flexiti/schema"
import type FlexitiModuleService from "../../src/modules/flexiti/service"
import { SANDBOX_TEST_ACCOUNTS } from "../../src/sandbox"
import { freshCheckoutDriver } from "../fixtures/checkout"
import { adminHeaders } from "../fixtures/store"
import { useFlexitiSandbox } from "../fixtures/sandbox"

jest.setTimeout(240 * 1000)

const flexiti = useFlexitiSandbox()

/**
 * Malformed, oversized, mistyped and forged input to every plugin route: always a 4xx with a
 * clear message, never a 5xx, and nothing changes in Medusa or at Flexiti.
 */
medusaIntegrationTestRunner({
  inApp: true,
  env: {},
  testSuite: ({ api, getContainer }) => {
    const { shop } = freshCheckoutDriver({ api, getContainer, flexiti })
    const answer = (e: AxiosError) => e.response as AxiosResponse

    function expectClear4xx(res: AxiosResponse, label: string) {
      if (res.status < 400 || res.status >= 500) throw new Error(`${label}: expected a 4xx, got ${res.status} ${JSON.stringify(res.data)}`)
      expect(typeof res.data?.message).toBe("string")
      expect(res.data.message.length).toBeGreaterThan(5)
    }

    const huge = "x".repeat(200_000)

    it("store routes refuse malformed bodies and queries with a 4xx", async () => {
      const h = shop.storeHeaders()
      const cases: [string, () => Promise<AxiosResponse>][] = [
        ["session: empty", () => api.post("/store/flexiti/payment-sessions", {}, h).catch(answer)],
        ["session: cart id a number", () => api.post("/store/flexiti/payment-sessions", { cart_id: 42 }, h).catch(answer)],
        ["session: unknown cart", () => api.post("/store/flexiti/payment-sessions", { cart_id: "cart_nope" }, h).catch(answer)],
        ["session: oversized cart id", () => api.post("/store/flexiti/payment-sessions", { cart_id: huge }, h).catch(answer)],
        ["session: bad lang", () => api.post("/store/flexiti/payment-sessions", { cart_id: "cart_x", lang: "de" }, h).catch(answer)],
        ["session: bad flow", () => api.post("/store/flexiti/payment-sessions", { cart_id: "cart_x", flow: "steal" }, h).catch(answer)],
        ["session: array body", () => api.post("/store/flexiti/payment-sessions", [1, 2], h).catch(answer)],
        ["result: empty", () => api.post("/store/flexiti/payment-sessions/payses_x/widget-result", {}, h).catch(answer)],
        [
          "result: wrong event type",
          () => api.post("/store/flexiti/payment-sessions/payses_x/widget-result", { cart_id: "c", event: { eventType: "flx-cancel" } }, h).catch(answer),
        ],
        ["financing: empty", () => api.post("/store/flexiti/payment-sessions/payses_x/financing", {}, h).catch(answer)],
        [
          "financing: unknown transaction type",
          () => api.post("/store/flexiti/payment-sessions/payses_x/financing", { cart_id: "c", transaction_type: "layaway" }, h).catch(answer),
        ],
        [
          "financing: oversized cart id",
          () => api.post("/store/flexiti/payment-sessions/payses_x/financing", { cart_id: huge, transaction_type: "regular_purchase" }, h).catch(answer),
        ],
        [
          "financing: unknown cart",
          () => api.post("/store/flexiti/payment-sessions/payses_x/financing", { cart_id: "cart_nope", transaction_type: "regular_purchase" }, h).catch(answer),
        ],
        ["financing list: no cart", () => api.get("/store/flexiti/payment-sessions/payses_x/financing", h).catch(answer)],
        ["financing list: bad lang", () => api.get("/store/flexiti/payment-sessions/payses_x/financing?cart_id=c&lang=de", h).catch(answer)],
        ["calculator: no amount", () => api.get("/store/flexiti/calculator", h).catch(answer)],
        ["calculator: amount not a number", () => api.get("/store/flexiti/calculator?amount=abc", h).catch(answer)],
        ["calculator: negative amount", () => api.get("/store/flexiti/calculator?amount=-5", h).catch(answer)],
        ["calculator: three decimals", () => api.get("/store/flexiti/calculator?amount=10.005", h).catch(answer)],
        ["calculator: huge amount", () => api.get(`/store/flexiti/calculator?amount=${"9".repeat(40)}`, h).catch(answer)],
        ["calculator: bad lang", () => api.get("/store/flexiti/calculator?amount=1000&lang=xx", h).catch(answer)],
        ["calculator: bad province", () => api.get("/store/flexiti/calculator?amount=1000&province=Ontario", h).catch(answer)],
        ["eligibility: no cart", () => api.get("/store/flexiti/eligibility", h).catch(answer)],
        ["eligibility: unknown cart", () => api.get("/store/flexiti/eligibility?cart_id=cart_nope", h).catch(answer)],
      ]
      for (const [label, call] of cases) expectClear4xx(await call(), label)
    })

    it("a checkout in the widget's apply-only flow is refused with a clear message, before Flexiti is called", async () => {
      const cart = await shop.cartReadyToPay()
      const before = (await flexiti.control().get("/counters")).data
      const res = await api.post("/store/flexiti/payment-sessions", { cart_id: cart, flow: "apply" }, shop.storeHeaders()).catch(answer)
      expect(res.status).toBe(400)
      expect(res.data.message).toContain('flow must be "purchase"')
      expect((await flexiti.control().get("/counters")).data).toEqual(before)
    })

    it("forged widget results are refused and change nothing", async () => {
      const cartA = await shop.cartReadyToPay()
      const sessionA = await shop.startFlexiti(cartA)
      const cartB = await shop.cartReadyToPay()
      const sessionB = await shop.startFlexiti(cartB)
      const approved = (
        await flexiti
          .control()
          .post(`/widget-sessions/${sessionA.data.widget_session_id}/approve`, { account_number: SANDBOX_TEST_ACCOUNTS.approved.account_number })
      ).data.event
      const h = shop.storeHeaders()
      const post = (sessionId: string, body: unknown) => api.post(`/store/flexiti/payment-sessions/${sessionId}/widget-result`, body, h).catch(answer)

      const cases: [string, () => Promise<AxiosResponse>][] = [
        ["A's result sent for B's session on B's cart", () => post(sessionB.id, { cart_id: cartB, event: approved })],
        ["A's session named on B's cart", () => post(sessionA.id, { cart_id: cartB, event: approved })],
        [
          "another widget session id",
          () => post(sessionA.id, { cart_id: cartA, event: { ...approved, eventData: { ...approved.eventData, widget_session_id: "w-other" } } }),
        ],
        [
          "account number as text",
          () => post(sessionA.id, { cart_id: cartA, event: { ...approved, eventData: { ...approved.eventData, accountNumber: "12345" } } }),
        ],
        ["unknown session", () => post("payses_does_not_exist", { cart_id: cartA, event: approved })],
      ]
      for (const [label, call] of cases) expectClear4xx(await call(), label)

      const flexitiModule = getContainer().resolve<FlexitiModuleService>(FLEXITI_MODULE)
      expect((await flexitiModule.getCheckout(sessionA.id))!.widget_result).toBeNull()
      expect((await flexitiModule.getCheckout(sessionB.id))!.widget_result).toBeNull()

      // an unverified result is recorded but never authorizes: completing fails and Flexiti holds nothing
      const unverified = { ...approved, eventData: { ...approved.eventData, verified: false } }
      expect((await post(sessionA.id, { cart_id: cartA, event: unverified })).data.approved).toBe(false)
      const completed = await shop.complete(cartA)
      expect(completed.status).toBeLessThan(500)
      expect(completed.data.type).not.toBe("order")
      expect(await flexiti.authorizationsFor(sessionA.id)).toEqual([])
    })

    it("admin routes refuse bad input with a 4xx", async () => {
      const admin = await adminHeaders(getContainer())
      const cases: [string, () => Promise<AxiosResponse>][] = [
        ["settings: unknown key", () => api.post("/admin/flexiti/settings", { nope: 1 }, admin).catch(answer)],
        ["settings: min above max", () => api.post("/admin/flexiti/settings", { min_amount: "500", max_amount: "100" }, admin).catch(answer)],
        ["settings: bad environment", () => api.post("/admin/flexiti/settings", { environment: "staging" }, admin).catch(answer)],
        ["settings: province list of numbers", () => api.post("/admin/flexiti/settings", { allowed_provinces: [1, 2] }, admin).catch(answer)],
        ["credentials: unknown environment", () => api.post("/admin/flexiti/credentials/staging", { client_id: "x" }, admin).catch(answer)],
        ["credentials: oversized", () => api.post("/admin/flexiti/credentials/training", { client_id: huge }, admin).catch(answer)],
        ["test connection: bad environment", () => api.post("/admin/flexiti/test-connection", { environment: 3 }, admin).catch(answer)],
        ["i18n: bad environment", () => api.get("/admin/flexiti/i18n?environment=staging", admin).catch(answer)],
        ["i18n sync: bad body", () => api.post("/admin/flexiti/i18n/sync", { environment: "x", extra: true }, admin).catch(answer)],
        ["payment: unknown", () => api.get("/admin/flexiti/payments/pay_nope", admin).catch(answer)],
        ["release: unknown payment", () => api.post("/admin/flexiti/payments/pay_nope/release", {}, admin).catch(answer)],
        ["reconcile: bad grace", () => api.post("/admin/flexiti/reconcile", { grace_minutes: "later" }, admin).catch(answer)],
      ]
      for (const [label, call] of cases) expectClear4xx(await call(), label)
      const unauthenticated = await api.post("/admin/flexiti/reconcile", {}).catch(answer)
      expect(unauthenticated.status).toBe(401)
    })

    it("limits Flexiti checkouts per cart with a 429 and Retry-After, before Flexiti is called", async () => {
      // One checkout on another cart first: the client's ready customer token dates from before the
      // sandbox's reset, so the first widget/init after a reset is refused once and retried.
      await shop.startFlexiti(await shop.cartReadyToPay())
      const cartId = await shop.cartReadyToPay()
      const before = (await flexiti.control().get("/counters")).data
      const statuses: number[] = []
      const answers: AxiosResponse[] = []
      for (let i = 0; i < 12; i++) {
        answers.push(await api.post("/store/flexiti/payment-sessions", { cart_id: cartId }, shop.storeHeaders()).catch(answer))
        statuses.push(answers[i].status)
      }
      const last = answers[answers.length - 1]
      expect(statuses.slice(0, 10).every((s) => s === 200)).toBe(true)
      expect(statuses.slice(10)).toEqual([429, 429])
      expect(last.headers["retry-after"]).toMatch(/^\d+$/)
      expect(last.data.message).toMatch(/Too many Flexiti checkouts/)
      const after = (await flexiti.control().get("/counters")).data
      const widgetInits = (counters: Record<string, unknown>) =>
        Object.entries(counters.calls_by_path as Record<string, number>)
          .filter(([k]) => k.includes("widget/init"))
          .reduce((n, [, v]) => n + Number(v), 0)
      expect(widgetInits(after) - widgetInits(before)).toBe(10)
    })
  },
})
