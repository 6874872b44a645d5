import axios from "axios"
import { PaymentSessionStatus } from "@medusajs/framework/utils"
import { ApplicationData } from "../../../flexiti/application"
import { FlexitiError } from "../../../flexiti/errors"
import { readCheckout, writeCheckout } from "../../../modules/flexiti/stores/checkout-store"
import { fetchFinancingOffer } from "../financing"
import { pgRecords } from "../../pg-deps"
import { applicationOf, startApplication, submitApplication } from "../application-flow"
import { providerHarness } from "../../../providers/flexiti/__tests__/provider-harness"

jest.setTimeout(30_000)

const h = providerHarness()

const DATA: ApplicationData = {
  customer_identification: { personal_information: { first_name: "Test", last_name: "Shopper", postal_code: "M5V 2T6" } },
  tos_agreement: true,
  email: "new.shopper@example.com",
  phone_number: 4165550123,
  address_1: "1 King St W",
  city: "Toronto",
  province: "ON",
  account_type: "consumer",
}

describe("a shopper without a Flexiti account applies inside the checkout", () => {
  const control = () => axios.create({ baseURL: `${h.sandboxUrl}/__sandbox`, validateStatus: () => true })
  const widgetSession = async (id: string) => (await control().get(`/widget-sessions/${id}`)).data

  /** A widget checkout whose purchase widget said "no account yet", then the application opened and filled in as `applicant`. */
  async function appliedAs(applicant: string, amount = 420) {
    const provider = h.provider()
    const config = await h.runtimeOf(provider)
    const cart = await h.cartSession()
    const started = await provider.initiatePayment({ amount, currency_code: "cad", data: { ...cart.signed, session_id: cart.sessionId } })
    expect((await control().post(`/widget-sessions/${started.id}/new-applicant`)).data.event.eventData.action).toBe("apply")
    const application = await startApplication({
      config,
      checkouts: pgRecords(h.knex).checkouts,
      checkout: (await readCheckout(h.knex, cart.sessionId))!,
      lang: "en",
      data: DATA,
    })
    expect(application.modal_origin).toBe(h.sandboxUrl)
    expect((await widgetSession(application.widget_session_id)).flow).toBe("apply")
    const filled = await control().post(`/widget-sessions/${application.widget_session_id}/apply`, { applicant })
    const submit = async (widgetSessionId = application.widget_session_id) =>
      submitApplication({
        config,
        checkouts: pgRecords(h.knex).checkouts,
        checkout: (await readCheckout(h.knex, cart.sessionId))!,
        lang: "en",
        widgetSessionId,
      })
    return { provider, config, cart, started, application, event: filled.data.event, submit }
  }

  it("approved: POST /apply opens the account, a purchase widget verifies it, and the order is authorized on it", async () => {
    const flow = await appliedAs("A-RR_M")
    const outcome = await flow.submit()
    if (outcome.kind !== "approved") throw new Error(`expected approved, got ${outcome.kind}`)
    // The application's own session now holds the account Flexiti opened; the purchase goes on in a new purchase widget.
    const applied = await widgetSession(flow.application.widget_session_id)
    expect(applied).toMatchObject({ status: "account_opened", applicant: "A-RR_M" })
    const purchase = await widgetSession(outcome.widget_session_id)
    expect(purchase).toMatchObject({ flow: "purchase", status: "pending", account_number: applied.account_number })
    expect((await readCheckout(h.knex, flow.cart.sessionId))!.widget_session_id).toBe(outcome.widget_session_id)

    // The shopper confirms the new account; the widget result is recorded as the widget-result route does.
    const verified = (await control().post(`/widget-sessions/${outcome.widget_session_id}/approve`)).data.event.eventData
    expect(verified).toMatchObject({ verified: true, action: "purchase", accountNumber: applied.account_number })
    const recorded = await writeCheckout(h.knex, {
      payment_session_id: flow.cart.sessionId,
      widget_result: { ...verified, accountNumber: null },
      account_number: String(verified.accountNumber),
    })
    await fetchFinancingOffer({ config: flow.config, checkouts: pgRecords(h.knex).checkouts, checkout: recorded })
    await h.choose(flow.cart.sessionId)
    const authorized = await flow.provider.authorizePayment({ data: { session_id: flow.cart.sessionId }, context: { idempotency_key: flow.cart.sessionId } })
    expect(authorized.status).toBe(PaymentSessionStatus.AUTHORIZED)
    const [auth] = await h.ledger(flow.cart.sessionId)
    expect(auth).toMatchObject({ amount: 420, status: "opened" })
    expect((auth as unknown as { account_number: number }).account_number).toBe(applied.account_number)
  })

  it("approved before the purchase widget: asking again answers the same widget, one application at Flexiti", async () => {
    const flow = await appliedAs("A-RR_L")
    const first = await flow.submit()
    const again = await flow.submit()
    expect(again).toEqual(first)
    expect((await widgetSession(flow.application.widget_session_id)).application_id).toEqual(expect.any(Number))
  })

  it.each([
    ["P-CREDIT", "pending", "in_review"],
    ["D-NO_HIT", "declined", "declined"],
  ] as const)("%s: Flexiti's answer is %s, the checkout holds no account and cannot be authorized", async (applicant, kind, sandboxStatus) => {
    const flow = await appliedAs(applicant)
    expect(await flow.submit()).toEqual({ kind })
    expect((await widgetSession(flow.application.widget_session_id)).status).toBe(sandboxStatus)
    const checkout = (await readCheckout(h.knex, flow.cart.sessionId))!
    expect(applicationOf(checkout)?.status).toBe(kind)
    expect(checkout.account_number).toBeNull()
    // Asked again, the recorded decision answers: Flexiti is not asked a second time.
    expect(await flow.submit()).toEqual({ kind })
    const authorized = await flow.provider.authorizePayment({ data: { session_id: flow.cart.sessionId }, context: { idempotency_key: flow.cart.sessionId } })
    expect(authorized.status).not.toBe(PaymentSessionStatus.AUTHORIZED)
    expect(await h.ledger(flow.cart.sessionId)).toEqual([])
  })

  it("the browser's hint only names the application: another widget session is refused and nothing is sent to Flexiti", async () => {
    const flow = await appliedAs("A-RR_L")
    await expect(flow.submit(flow.started.id)).rejects.toThrow(/another checkout/)
    expect((await widgetSession(flow.application.widget_session_id)).status).toBe("applied")
  })

  it("an application the widget did not complete (retry) is Flexiti's not_verified, not a decision", async () => {
    const flow = await appliedAs("D-EMAIL_DBL_TIMEOUT")
    expect(flow.event.eventData.action).toBe("retry")
    const error = await flow.submit().catch((e) => e)
    expect(error).toBeInstanceOf(FlexitiError)
    expect(error.code).toBe("not_verified")
    expect(applicationOf((await readCheckout(h.knex, flow.cart.sessionId))!)?.status).toBe("started")
  })
})
