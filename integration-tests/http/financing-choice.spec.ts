import type { AxiosError, AxiosResponse } from "axios"
import { medusaIntegrationTestRunner } from "@medusajs/test-utils"
import { freshCheckoutDriver } from "../fixtures/checkout"
import { adminHeaders, ONTARIO_ADDRESS } from "../fixtures/store"
import { useFlexitiSandbox } from "../fixtures/sandbox"

jest.setTimeout(180 * 1000)

const flexiti = useFlexitiSandbox()
const answer = (e: AxiosError) => e.response as AxiosResponse

/**
 * The shopper chooses the financing (README "Store routes"): once the widget approved an account,
 * the store lists what Flexiti's calculate-interest offers, records the shopper's choice after
 * checking it against that offer, and the authorization carries exactly that plan and term.
 */
medusaIntegrationTestRunner({
  inApp: true,
  env: {},
  testSuite: ({ api, getContainer }) => {
    const { shop } = freshCheckoutDriver({ api, getContainer, flexiti })

    async function approvedWithoutChoice() {
      const cartId = await shop.cartReadyToPay()
      const session = await shop.startFlexiti(cartId)
      const result = await shop.widgetOutcome(cartId, session, "approve", undefined, "none")
      return { cartId, session, result }
    }

    it.each([12, 6])("the shopper picks plan 5 for %i months and Flexiti's authorization has that term", async (months) => {
      const { cartId, session, result } = await approvedWithoutChoice()
      expect(result.approved).toBe(true)
      const offered = result.financing!
      expect(offered.amount).toBe("1260.00")
      expect(offered.options.map((o) => o.key)).toEqual([
        "promotional_purchase:5:6",
        "promotional_purchase:5:12",
        "promotional_purchase:2:24",
        "promotional_purchase:2:36",
        "regular_purchase",
      ])
      const chosen = offered.options.find((o) => o.plan_id === 5 && o.term === months)!
      expect(chosen).toMatchObject({ months, monthly_amount: (1260 / months).toFixed(2), total: "1260.00" })

      const recorded = await shop.choosePlan(cartId, session, { transaction_type: "promotional_purchase", plan_id: 5, term: months })
      expect(recorded.chosen).toBe(`promotional_purchase:5:${months}`)
      const completed = await shop.complete(cartId)
      expect(completed.data.type).toBe("order")
      const [authorization] = await flexiti.authorizationsFor(session.id)
      expect(authorization).toMatchObject({ amount: 1260, transaction_type: "promotional_purchase", plan_id: 5, term: months })
    })

    it("lists the options with Flexiti's synced labels and disclosures, in French on request", async () => {
      await api.post("/admin/flexiti/i18n/sync", {}, await adminHeaders(getContainer()))
      const { cartId, session } = await approvedWithoutChoice()
      const en = await shop.financing(cartId, session)
      expect(en.preselected).toBe("promotional_purchase:5:6")
      expect(en.chosen).toBeNull()
      expect(en.options[0]).toMatchObject({ label: "Equal Payments, No Interest", transaction_type_label: "Financed Purchase" })
      expect(en.options[4]).toMatchObject({ key: "regular_purchase", label: "Revolving Purchase", months: null, annual_rate: 29.99 })
      // an Ontario shopper: Flexiti's texts from the i18n answer's top level, Quebec's excepted
      expect(en.disclosures_synced).toBe(true)
      expect(en.disclosures.map((d) => d.code).sort()).toEqual(["annual_fees", "insurance", "insurance_tc"])
      const fr = await shop.financing(cartId, session, "fr")
      expect(fr.options[0].label).toBe("Versements égaux, sans intérêt")
      expect(fr.disclosures.find((d) => d.code === "annual_fees")?.text).toMatch(/frais annuels/)
      // no account number or token in what the storefront reads
      expect(JSON.stringify(fr)).not.toMatch(/10000000000001|access|secret/)
    })

    it("a Quebec shopper sees Quebec's consumer-protection disclosure first, in English and French", async () => {
      await api.post("/admin/flexiti/i18n/sync", {}, await adminHeaders(getContainer()))
      const quebec = { ...ONTARIO_ADDRESS, address_1: "1 rue Sainte-Catherine O", city: "Montréal", province: "QC", postal_code: "H2X 1Z4" }
      const cartId = await shop.cartReadyToPay(1, undefined, quebec)
      const session = await shop.startFlexiti(cartId)
      await shop.widgetOutcome(cartId, session, "approve", undefined, "none")
      const en = await shop.financing(cartId, session)
      expect(en.disclosures[0].code).toBe("qcpa_disclosure")
      expect(en.disclosures[0].text).toMatch(/Consumer Protection Act/)
      expect(en.disclosures.map((d) => d.code)).toEqual(expect.arrayContaining(["annual_fees", "insurance", "insurance_tc"]))
      const fr = await shop.financing(cartId, session, "fr")
      expect(fr.disclosures[0]).toMatchObject({ code: "qcpa_disclosure", text: expect.stringMatching(/Loi sur la protection du consommateur/) })
    })

    it("before Flexiti's texts were ever synced, the financing says so instead of listing nothing", async () => {
      const { cartId, session } = await approvedWithoutChoice()
      const en = await shop.financing(cartId, session)
      expect(en).toMatchObject({ disclosures: [], disclosures_synced: false })
    })

    it("a revolving purchase is offered and authorized when chosen", async () => {
      const { cartId, session } = await approvedWithoutChoice()
      await shop.choosePlan(cartId, session, { transaction_type: "regular_purchase" })
      expect((await shop.complete(cartId)).data.type).toBe("order")
      expect(await flexiti.authorizationsFor(session.id)).toMatchObject([{ transaction_type: "regular_purchase", plan_id: null, term: null }])
    })

    it("completing without a choice is refused with a message asking for one; nothing is authorized", async () => {
      const { cartId, session } = await approvedWithoutChoice()
      const refused = await shop.complete(cartId)
      expect(refused.status).toBe(400)
      expect(refused.data.message).toMatch(/Choose how you want to pay with Flexiti/)
      expect(await flexiti.authorizationsFor(session.id)).toEqual([])
      await shop.choosePlan(cartId, session)
      expect((await shop.complete(cartId)).data.type).toBe("order")
    })

    it("refuses a forged choice with a 4xx and records nothing", async () => {
      const { cartId, session } = await approvedWithoutChoice()
      const h = shop.storeHeaders()
      const choose = (body: Record<string, unknown>, sessionId = session.id) =>
        api.post(`/store/flexiti/payment-sessions/${sessionId}/financing`, { cart_id: cartId, ...body }, h).catch(answer)

      const notOffered = await choose({ transaction_type: "promotional_purchase", plan_id: 5, term: 36 })
      expect(notOffered.status).toBe(400)
      expect(notOffered.data.message).toMatch(/did not offer plan 5 for 36 months/)
      expect((await choose({ transaction_type: "promotional_purchase", plan_id: 99, term: 12 })).status).toBe(400)
      expect((await choose({ transaction_type: "promotional_purchase", plan_id: 5 })).data.message).toMatch(/plan_id and term/)
      expect((await choose({ transaction_type: "promotional_purchase", plan_id: "5; drop table", term: 12 })).status).toBe(400)
      expect((await choose({ transaction_type: "regular_purchase", authorization_id: 123 })).status).toBe(400)

      // another cart's session: the route acts only for the cart that owns it
      const other = await approvedWithoutChoice()
      const stolen = await choose({ transaction_type: "promotional_purchase", plan_id: 5, term: 12 }, other.session.id)
      expect(stolen.status).toBe(404)
      const peek = await api.get(`/store/flexiti/payment-sessions/${other.session.id}/financing`, { ...h, params: { cart_id: cartId } }).catch(answer)
      expect(peek.status).toBe(404)

      expect((await shop.financing(cartId, session)).chosen).toBeNull()
      expect((await shop.financing(other.cartId, other.session)).chosen).toBeNull()
    })

    it("no financing before Flexiti approved an account, and no change once authorized", async () => {
      const cartId = await shop.cartReadyToPay()
      const session = await shop.startFlexiti(cartId)
      const h = shop.storeHeaders()
      const early = await api.get(`/store/flexiti/payment-sessions/${session.id}/financing`, { ...h, params: { cart_id: cartId } }).catch(answer)
      expect(early.status).toBe(400)
      expect(early.data.message).toMatch(/finish the Flexiti window first/)

      await shop.widgetOutcome(cartId, session, "approve", undefined, { transaction_type: "promotional_purchase", plan_id: 2, term: 24 })
      expect((await shop.complete(cartId)).data.type).toBe("order")
      expect(await flexiti.authorizationsFor(session.id)).toMatchObject([{ plan_id: 2, term: 24 }])
      const late = await api
        .post(`/store/flexiti/payment-sessions/${session.id}/financing`, { cart_id: cartId, transaction_type: "promotional_purchase", plan_id: 5, term: 6 }, h)
        .catch(answer)
      expect(late.status).toBe(400)
    })
  },
})
