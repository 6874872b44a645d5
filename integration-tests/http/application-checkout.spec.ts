import type { AxiosError } from "axios"
import { medusaIntegrationTestRunner } from "@medusajs/test-utils"
import { checkoutDriver, FlexitiSession } from "../fixtures/checkout"
import { ONTARIO_ADDRESS, SeededStore, seedStore } from "../fixtures/store"
import { useFlexitiSandbox } from "../fixtures/sandbox"

jest.setTimeout(180 * 1000)

const flexiti = useFlexitiSandbox()
const WITH_PHONE = { ...ONTARIO_ADDRESS, phone: "+1 416 555 0123" }

medusaIntegrationTestRunner({
  inApp: true,
  env: {},
  testSuite: ({ api, getContainer }) => {
    let store: SeededStore
    const shop = checkoutDriver({ api, getContainer, flexiti, store: () => store })
    const answer = (e: AxiosError) => e.response!

    beforeEach(async () => {
      store = await seedStore(getContainer())
    })

    /** The purchase widget says "no account yet"; the store opens the application; the shopper fills it in as `applicant`. */
    async function applyAs(applicant: string) {
      const cartId = await shop.cartReadyToPay(1, store.cadRegionId, WITH_PHONE)
      const session = await shop.startFlexiti(cartId)
      const sent = await flexiti.control().post(`/widget-sessions/${session.data.widget_session_id}/new-applicant`)
      const result = await api.post(
        `/store/flexiti/payment-sessions/${session.id}/widget-result`,
        { cart_id: cartId, event: sent.data.event },
        shop.storeHeaders()
      )
      expect(result.data).toMatchObject({ approved: false, next: "apply" })
      const opened = await api.post(`/store/flexiti/payment-sessions/${session.id}/application`, { cart_id: cartId, tos_agreement: true }, shop.storeHeaders())
      const application = opened.data.application as { widget_session_id: string; redirection_url: string; modal_origin: string }
      const filled = await flexiti.control().post(`/widget-sessions/${application.widget_session_id}/apply`, { applicant })
      expect(filled.data.event.eventData).toMatchObject({ accountNumber: null, action: "apply" })
      const decided = await api.post(
        `/store/flexiti/payment-sessions/${session.id}/application/result`,
        { cart_id: cartId, widget_session_id: application.widget_session_id },
        shop.storeHeaders()
      )
      return { cartId, session, application, decided: decided.data }
    }

    it("a new shopper approved by Flexiti confirms the new account and the order is placed on it", async () => {
      const { cartId, session, application, decided } = await applyAs("A-RR_L")
      expect(decided).toMatchObject({ outcome: "approved", widget: { widget_session_id: expect.any(String) } })
      const applied = (await flexiti.control().get(`/widget-sessions/${application.widget_session_id}`)).data
      expect(applied.status).toBe("account_opened")
      // The purchase widget for the new account replaces the first one in this checkout.
      const next: FlexitiSession = { ...session, data: { ...session.data, widget_session_id: decided.widget.widget_session_id } }
      expect((await shop.widgetOutcome(cartId, next, "approve", applied.account_number)).approved).toBe(true)
      const completed = await shop.complete(cartId)
      expect(completed.data.type).toBe("order")
      const [authorization] = await flexiti.authorizationsFor(session.id)
      expect(authorization).toMatchObject({ amount: session.amount, status: "opened", account_number: applied.account_number })
    })

    it.each([
      ["P-CREDIT", "pending", /email/],
      ["D-NO_HIT", "declined", /unable to approve your application/],
    ])("%s: the shopper reads that the application is %s, the cart stays open and Flexiti holds nothing", async (applicant, outcome, message) => {
      const { cartId, session, decided } = await applyAs(applicant)
      expect(decided).toMatchObject({ outcome, widget: null })
      expect(decided.message).toMatch(message)
      const completed = await shop.complete(cartId)
      expect(completed.status).toBe(400)
      const { data } = await api.get(`/store/carts/${cartId}`, shop.storeHeaders())
      expect(data.cart.completed_at).toBeNull()
      expect(await flexiti.authorizationsFor(session.id)).toEqual([])
    })

    it("refuses bad input: no terms agreement, a cart without a phone, a hint naming another widget session", async () => {
      const cartId = await shop.cartReadyToPay()
      const session = await shop.startFlexiti(cartId)
      const path = `/store/flexiti/payment-sessions/${session.id}/application`
      const noTerms = await api.post(path, { cart_id: cartId, tos_agreement: false }, shop.storeHeaders()).catch(answer)
      expect(noTerms.status).toBe(400)
      expect(noTerms.data.message).toMatch(/tos_agreement/)
      const noPhone = await api.post(path, { cart_id: cartId, tos_agreement: true }, shop.storeHeaders()).catch(answer)
      expect(noPhone.status).toBe(400)
      expect(noPhone.data.message).toMatch(/phone_number/)
      const unknown = await api
        .post(`${path}/result`, { cart_id: cartId, widget_session_id: session.data.widget_session_id }, shop.storeHeaders())
        .catch(answer)
      expect(unknown.status).toBe(400)
      expect(unknown.data.message).toMatch(/another checkout/)
    })
  },
})
