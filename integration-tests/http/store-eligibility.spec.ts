import type FlexitiModuleService from "../../src/modules/flexiti/service"
import { FLEXITI_MODULE } from "../../src/modules/flexiti/schema"
import type { AxiosError } from "axios"
import { medusaIntegrationTestRunner } from "@medusajs/test-utils"
import { createRegionsWorkflow } from "@medusajs/medusa/core-flows"
import { ONTARIO_ADDRESS, SeededStore, seedStore } from "../fixtures/store"
import { useFlexitiSandbox } from "../fixtures/sandbox"

jest.setTimeout(180 * 1000)

const flexiti = useFlexitiSandbox()
const CALCULATOR_PATH = "GET /flexiti/online-api/online/v2/client-id/:client_id/systems/payment-calculator"
const QUEBEC_ADDRESS = { ...ONTARIO_ADDRESS, address_1: "1 Rue Sainte-Catherine", city: "Montréal", province: "QC", postal_code: "H2X 1K4" }

medusaIntegrationTestRunner({
  inApp: true,
  env: {},
  testSuite: ({ api, getContainer }) => {
    let store: SeededStore
    let storeHeaders: { headers: Record<string, string> }

    beforeEach(async () => {
      store = await seedStore(getContainer())
      storeHeaders = { headers: { "x-publishable-api-key": store.publishableKey } }
    })

    async function cart(options: { quantity?: number; regionId?: string; address?: Record<string, string> } = {}) {
      const { data } = await api.post(
        "/store/carts",
        {
          region_id: options.regionId ?? store.cadRegionId,
          email: "shopper@example.ca",
          items: [{ variant_id: store.variantId, quantity: options.quantity ?? 1 }],
          shipping_address: options.address ?? ONTARIO_ADDRESS,
          billing_address: options.address ?? ONTARIO_ADDRESS,
        },
        storeHeaders
      )
      await api.post(`/store/carts/${data.cart.id}/shipping-methods`, { option_id: store.shippingOptionId }, storeHeaders)
      return data.cart.id as string
    }

    const eligibility = (cartId?: string) =>
      api.get(`/store/flexiti/eligibility${cartId === undefined ? "" : `?cart_id=${cartId}`}`, storeHeaders).catch((e: AxiosError) => e.response!)
    const calculator = (query: string) => api.get(`/store/flexiti/calculator?${query}`, storeHeaders).catch((e: AxiosError) => e.response!)
    const calculatorCalls = async () => ((await flexiti.control().get("/counters")).data.calls_by_path[CALCULATOR_PATH] ?? 0) as number
    const codes = (res: { data: { reasons: { code: string }[] } }) => res.data.reasons.map((r) => r.code)

    describe("GET /store/flexiti/eligibility", () => {
      it("says an Ontario CAD cart in range is eligible", async () => {
        const res = await eligibility(await cart())
        expect(res.status).toBe(200)
        expect(res.data).toMatchObject({ eligible: true, reasons: [], amount: "1260.00", currency_code: "cad", province: "ON" })
        expect(res.data.min_amount).toBe("100.00")
        expect(res.data.max_amount).toBe("10000.00")
      })

      it("refuses a USD cart with an English and a French message", async () => {
        const res = await eligibility(await cart({ regionId: store.usdRegionId }))
        expect(res.status).toBe(200)
        expect(res.data.eligible).toBe(false)
        expect(codes(res)).toEqual(["currency_not_cad"])
        expect(res.data.reasons[0].message_en).toMatch(/Canadian dollars.*USD/)
        expect(res.data.reasons[0].message_fr).toMatch(/dollars canadiens.*USD/)
      })

      it("refuses an amount over the maximum", async () => {
        const res = await eligibility(await cart({ quantity: 10 }))
        expect(res.data.eligible).toBe(false)
        expect(codes(res)).toEqual(["amount_above_maximum"])
        expect(res.data.reasons[0].message_en).toContain("$10,000.00")
      })

      it("refuses a province the store does not allow (admin settings apply without restart)", async () => {
        await getContainer()
          .resolve<FlexitiModuleService>(FLEXITI_MODULE)
          .updateSettings({ allowed_provinces: ["ON"] })
        const quebec = await eligibility(await cart({ address: QUEBEC_ADDRESS }))
        expect(quebec.data.eligible).toBe(false)
        expect(codes(quebec)).toEqual(["province_not_allowed"])
        expect(quebec.data.reasons[0].message_en).toContain("QC")
        const ontario = await eligibility(await cart())
        expect(ontario.data.eligible).toBe(true)
      })

      it("refuses a cart whose region does not offer Flexiti", async () => {
        const {
          result: [region],
        } = await createRegionsWorkflow(getContainer()).run({
          input: { regions: [{ name: "Canada (no Flexiti)", currency_code: "cad", countries: [], payment_providers: ["pp_system_default"] }] },
        })
        // Canada is taken by the seeded region: this one has no country, so its cart has no address.
        const { data } = await api.post("/store/carts", { region_id: region.id, items: [{ variant_id: store.variantId, quantity: 1 }] }, storeHeaders)
        const res = await eligibility(data.cart.id)
        expect(res.status).toBe(200)
        expect(res.data.eligible).toBe(false)
        expect(codes(res)).toContain("not_enabled_in_region")
      })

      it("answers a missing cart_id with a 400 and an unknown cart with a 404", async () => {
        const missing = await eligibility()
        expect(missing.status).toBe(400)
        expect(missing.data.message).toMatch(/cart_id/)
        const unknown = await eligibility("cart_nope")
        expect(unknown.status).toBe(404)
      })
    })

    describe("GET /store/flexiti/calculator", () => {
      it("gives the monthly amount and months for Ontario, without any token", async () => {
        const res = await calculator("amount=1250&lang=en&province=ON")
        expect(res.status).toBe(200)
        expect(res.data).toEqual({ available: true, quebec: false, amount: "1250.00", lang: "en", monthly_payment: "104.17", months: 12 })
        const text = JSON.stringify(res.data)
        expect(text).not.toContain(flexiti.client.client_secret)
        expect(text).not.toMatch(/token/i)
      })

      it("answers Quebec without a monthly amount and without calling Flexiti", async () => {
        const before = await calculatorCalls()
        const res = await calculator("amount=1300&lang=fr&province=qc")
        expect(res.status).toBe(200)
        expect(res.data).toEqual({ available: true, quebec: true, amount: "1300.00", lang: "fr" })
        expect(res.data.monthly_payment).toBeUndefined()
        expect(await calculatorCalls()).toBe(before)
      })

      it("hides the offer below the minimum and above the maximum", async () => {
        const below = await calculator("amount=99.99&lang=en")
        expect(below.status).toBe(200)
        expect(below.data).toMatchObject({ available: false, reason: "below_minimum", min_amount: "100.00" })
        expect(below.data.monthly_payment).toBeUndefined()
        const above = await calculator("amount=10000.01")
        expect(above.data).toMatchObject({ available: false, reason: "above_maximum" })
      })

      it("answers a bad query with a 400 naming the field", async () => {
        const missing = await calculator("lang=en")
        expect(missing.status).toBe(400)
        expect(missing.data.message).toMatch(/amount/)
        const notMoney = await calculator("amount=12.345")
        expect(notMoney.status).toBe(400)
        expect(notMoney.data.message).toMatch(/amount.*2 decimals/)
        const lang = await calculator("amount=500&lang=de")
        expect(lang.status).toBe(400)
        expect(lang.data.message).toMatch(/lang/)
        const province = await calculator("amount=500&province=Ontario")
        expect(province.status).toBe(400)
        expect(province.data.message).toMatch(/province/)
      })

      it("does not hold a product page on a slow Flexiti: financing available now, the monthly amount once Flexiti answered", async () => {
        const saved = process.env.FLEXITI_CALCULATOR_WAIT_MS
        process.env.FLEXITI_CALCULATOR_WAIT_MS = "300"
        await flexiti.control().post("/faults", { latency_ms: 1500 })
        try {
          const started = Date.now()
          const slow = await calculator("amount=1450&lang=en&province=ON")
          expect(Date.now() - started).toBeLessThan(1400)
          expect(slow.status).toBe(200)
          expect(slow.data).toEqual({ available: true, quebec: false, amount: "1450.00", lang: "en", monthly_payment: null, months: null })
          expect(slow.headers["cache-control"]).toBe("no-store")
          await new Promise((resolve) => setTimeout(resolve, 1800))
          const before = await calculatorCalls()
          const later = await calculator("amount=1450&lang=en&province=ON")
          expect(later.data).toMatchObject({ available: true, quebec: false, months: 12 })
          expect(typeof later.data.monthly_payment).toBe("string")
          expect(await calculatorCalls()).toBe(before) // answered from what the slow call brought back
        } finally {
          await flexiti.control().post("/faults", { latency_ms: 0 })
          if (saved === undefined) delete process.env.FLEXITI_CALCULATOR_WAIT_MS
          else process.env.FLEXITI_CALCULATOR_WAIT_MS = saved
        }
      })

      it("calls Flexiti once for identical requests, in sequence and in parallel", async () => {
        const before = await calculatorCalls()
        const first = await calculator("amount=777.77&lang=en")
        const second = await calculator("amount=777.77&lang=en")
        expect(second.data).toEqual(first.data)
        expect(first.data.available).toBe(true)
        expect((await calculatorCalls()) - before).toBe(1)

        const parallel = await Promise.all([calculator("amount=888&lang=fr"), calculator("amount=888.00&lang=fr"), calculator("amount=888&lang=fr")])
        expect(parallel.every((r) => r.data.available === true)).toBe(true)
        expect((await calculatorCalls()) - before).toBe(2)
      })
    })
  },
})
