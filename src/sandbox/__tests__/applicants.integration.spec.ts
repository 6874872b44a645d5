import { SANDBOX_TEST_ACCOUNTS, TEST_APPLICANT_KEYS } from "../index"
import { APPLICANT, APPLICATION_BODY, Kit, ONLINE, POS, startKit } from "./sandbox-test-kit"

const SHOP = { client_id: "shop", client_secret: "shop-secret", success_url: "https://shop.example/ok", error_url: "https://shop.example/cart" }
const address = { first_name: "Test", last_name: "Shopper", address_1: "1 King St", address_2: "", city: "Toronto", province: "ON", postal_code: "M5V 2T6" }

describe("sandbox: Flexiti's published test applicants", () => {
  let kit: Kit
  beforeAll(async () => {
    kit = await startKit({ clients: [SHOP] })
  })
  afterAll(() => kit.sandbox.close())
  beforeEach(() => kit.sandbox.reset())

  const person = APPLICANT
  const application = APPLICATION_BODY
  const sessionIdOf = (url: string) => new URLSearchParams(new URL(url).hash.split("?")[1]).get("widget_session_id") as string

  async function widgetSession(flow: "purchase" | "apply" = "purchase") {
    const customer = (await kit.token("customer", SHOP)).access_token
    const body = flow === "purchase" ? { flow, customer_identification: { personal_information: person } } : { flow, ...application }
    const init = await kit.call("POST", `${POS("shop")}/widget/init`, customer, body)
    expect(init.status).toBe(200)
    return { customer, id: sessionIdOf(init.data.redirection_url) }
  }
  const applyInWidget = (id: string, applicant: string) => kit.http.post(`/__sandbox/widget-sessions/${id}/apply`, { applicant })
  const postApply = (customer: string, id: string, body: Record<string, unknown> = application) =>
    kit.call("POST", `${POS("shop")}/apply`, customer, { ...body, widget_session_id: id })
  const buy = (customer: string, accountNumber: number) =>
    kit.call("POST", `${POS("shop", "v2.5.1")}/authorization`, customer, {
      account_number: accountNumber,
      amount: 100,
      auto_capture: false,
      financing_option: { transaction_type: "promotional_purchase", plan_id: 5, term: 12 },
    })

  /** The shopper applies in an application widget as `applicant`; the merchant then calls POST /apply. */
  async function applied(applicant: string) {
    const { customer, id } = await widgetSession("apply")
    const event = (await applyInWidget(id, applicant)).data.event
    expect(event).toEqual({
      eventType: "flx-success",
      eventData: expect.objectContaining({ accountNumber: null, verified: true, action: "apply", widget_session_id: id }),
    })
    return { customer, id, answer: await postApply(customer, id) }
  }

  it("lists every applicant of the published test data", async () => {
    const res = await kit.http.get("/__sandbox/applicants")
    expect(res.data.applicants.map((a: { middle_name: string }) => a.middle_name).sort()).toEqual(
      [
        "A-RR_L",
        "A-RR_M",
        "A-RR_H",
        "A-RR_X",
        "A-RR_XX",
        "A-RR_XXX",
        "D-MISSING_INFO",
        "D-DUPLICATE",
        "D-NO_HIT",
        "D-NO_SCORE",
        "D-FRAUD",
        "P-REVIEW_MISC",
        "P-EXIST_CUST",
        "P-CREDIT",
        "P-FRAUD",
        "D-EMAIL_DBL_TIMEOUT",
      ].sort()
    )
    expect(TEST_APPLICANT_KEYS).toHaveLength(16)
  })

  it("a purchase widget never applies: a shopper without an account gets null/false/apply", async () => {
    const { id } = await widgetSession("purchase")
    expect((await applyInWidget(id, "A-RR_L")).status).toBe(409)
    const sent = await kit.http.post(`/__sandbox/widget-sessions/${id}/new-applicant`)
    expect(sent.data.event.eventData).toMatchObject({ accountNumber: null, verified: false, action: "apply" })
    expect(sent.data.status).toBe("sent_to_apply")
  })

  it("the control API's fresh_account verifies a new account each time (tests that must not run out of credit)", async () => {
    const numbers = []
    for (let i = 0; i < 2; i++) {
      const { customer, id } = await widgetSession("purchase")
      const res = await kit.http.post(`/__sandbox/widget-sessions/${id}/approve`, { fresh_account: true })
      expect(res.data.event.eventData).toMatchObject({ verified: true, action: "purchase" })
      numbers.push(res.data.event.eventData.accountNumber)
      expect((await buy(customer, res.data.event.eventData.accountNumber)).status).toBe(200)
    }
    expect(new Set(numbers).size).toBe(2)
  })

  it("an account its owner has not activated gets null/false/activation and cannot buy", async () => {
    const { customer, id } = await widgetSession("purchase")
    const account = SANDBOX_TEST_ACCOUNTS.notActivated.account_number
    const res = await kit.http.post(`/__sandbox/widget-sessions/${id}/approve`, { account_number: account })
    expect(res.data.event.eventData).toMatchObject({ accountNumber: null, verified: false, action: "activation" })
    expect((await buy(customer, account)).data.error).toBe("customer_identity_not_found")
  })

  it.each(["A-RR_L", "A-RR_M", "A-RR_H", "A-RR_X"])(
    "%s: POST /apply opens an account, which buys only after a purchase widget verifies it",
    async (applicant) => {
      const { customer, answer } = await applied(applicant)
      expect(answer.status).toBe(200)
      expect(answer.data).toEqual({ apply_status: "approved", customer_id: expect.any(String), account_number: expect.any(Number) })
      const accountNumber = answer.data.account_number
      expect((await buy(customer, accountNumber)).data.error).toBe("customer_identity_not_found")
      const init = await kit.call("POST", `${POS("shop")}/widget/init`, customer, {
        flow: "purchase",
        customer_identification: { account_number: accountNumber },
      })
      await kit.http.post(`/__sandbox/widget-sessions/${sessionIdOf(init.data.redirection_url)}/approve`)
      expect((await buy(customer, accountNumber)).status).toBe(200)
    }
  )

  it.each(["D-MISSING_INFO", "D-DUPLICATE", "D-NO_HIT", "D-NO_SCORE", "D-FRAUD"])("%s: POST /apply answers application_declined", async (applicant) => {
    const { id, answer } = await applied(applicant)
    expect(answer.status).toBe(409)
    expect(answer.data.error).toBe("application_declined")
    expect((await kit.http.get(`/__sandbox/widget-sessions/${id}`)).data.status).toBe("declined")
  })

  it.each(["P-REVIEW_MISC", "P-EXIST_CUST", "P-CREDIT", "P-FRAUD"])(
    "%s: POST /apply answers application_marked_pending_1; Flexiti decides later",
    async (applicant) => {
      const { id, answer } = await applied(applicant)
      expect(answer.status).toBe(409)
      expect(answer.data.error).toBe("application_marked_pending_1")
      const session = (await kit.http.get(`/__sandbox/widget-sessions/${id}`)).data
      expect(session.status).toBe("in_review")
      const decided = await kit.http.post(`/__sandbox/applications/${session.application_id}/decision`, { decision: "approved" })
      expect(decided.data).toMatchObject({ decision: "approved", account_number: expect.any(Number) })
      expect((await kit.http.get(`/__sandbox/widget-sessions/${id}`)).data.status).toBe("account_opened")
    }
  )

  it("POST /apply repeated for the same session gives the same answer and opens one account", async () => {
    const { customer, id, answer } = await applied("A-RR_L")
    const again = await postApply(customer, id)
    expect(again.data).toEqual(answer.data)
  })

  it("A-RR_XX and A-RR_XXX are approved only for a merchant with a standard account", async () => {
    for (const applicant of ["A-RR_XX", "A-RR_XXX"]) expect((await applied(applicant)).answer.data.error).toBe("application_declined")
    await kit.http.post("/__sandbox/clients", { ...SHOP, merchant: { standard_account: true } })
    for (const applicant of ["A-RR_XX", "A-RR_XXX"]) expect((await applied(applicant)).answer.status).toBe(200)
  })

  it("D-EMAIL_DBL_TIMEOUT asks to retry and leaves the application open", async () => {
    const { customer, id } = await widgetSession("apply")
    const res = await applyInWidget(id, "D-EMAIL_DBL_TIMEOUT")
    expect(res.data.event).toMatchObject({ eventType: "flx-success", eventData: { action: "retry", verified: false, accountNumber: null } })
    expect((await postApply(customer, id)).data.error).toBe("not_verified")
    expect((await applyInWidget(id, "A-RR_L")).data.event.eventData.action).toBe("apply")
    expect((await postApply(customer, id)).status).toBe(200)
  })

  it("POST /apply refuses other personal data, another flow's token, a missing field and no terms agreement", async () => {
    const { customer, id } = await widgetSession("apply")
    await applyInWidget(id, "A-RR_L")
    const other = { ...application, customer_identification: { personal_information: { ...person, last_name: "Other" } } }
    expect((await postApply(customer, id, other)).data).toMatchObject({ error: "not_verified", message: expect.stringContaining("last_name") })
    const stranger = (await kit.token("customer", SHOP)).access_token
    expect((await postApply(stranger, id)).data.error).toBe("not_verified")
    const { phone_number: _p, ...noPhone } = application
    const missing = await postApply(customer, id, noPhone)
    expect(missing.status).toBe(409)
    expect(missing.data.field_errors).toEqual([expect.objectContaining({ param: "phone_number" })])
    expect((await postApply(customer, id, { ...application, tos_agreement: false })).data.error).toBe("tos_agreement_required")
    expect((await postApply(customer, id)).status).toBe(200)
  })

  it("refuses an unknown applicant with 400", async () => {
    const { id } = await widgetSession("apply")
    expect((await applyInWidget(id, "A-RR_Z")).status).toBe(400)
  })

  describe("hosted flow", () => {
    let merchant: string
    beforeEach(async () => {
      merchant = (await kit.token("merchant", SHOP)).access_token
    })
    const init = async (path = "online/v2", flow = "apply/buy") => {
      const res = await kit.call("POST", `${ONLINE}/${path}/client-id/shop/systems/init`, merchant, {
        merchant_orderid: "cart_1",
        lang: "en",
        flow,
        amount_requested: 120,
        billing_information: address,
        shipping_information: address,
      })
      expect(res.status).toBe(200)
      return res.data.online_order_id as number
    }
    const notification = async () => (await kit.call("GET", `${ONLINE}/online/client-id/shop/notifications/merchant-order-id/cart_1`, merchant)).data

    it("an approved applicant opens an account and the purchase is booked", async () => {
      const id = await init()
      const res = await kit.http.post(`/__sandbox/online-orders/${id}/apply`, { applicant: "A-RR_M" })
      expect(res.data.redirect_url).toMatch(/^https:\/\/shop\.example\/ok/)
      expect(await notification()).toMatchObject({
        apply: { apply_status: "SUCCESS", customer_id: expect.any(Number) },
        purchase: { status: "SUCCESS", amount: 120, authorization_id: expect.any(Number) },
      })
    })

    it("a declined applicant gets a FAILED purchase with application_declined", async () => {
      const id = await init()
      const res = await kit.http.post(`/__sandbox/online-orders/${id}/apply`, { applicant: "D-NO_HIT" })
      expect(res.data.redirect_url).toMatch(/^https:\/\/shop\.example\/cart/)
      expect(await notification()).toMatchObject({
        apply: { apply_status: "DECLINED", customer_id: null },
        purchase: { status: "FAILED", error: "application_declined" },
      })
    })

    it("a pending applicant reports PENDING until Flexiti decides, then SUCCESS", async () => {
      const id = await init()
      const res = await kit.http.post(`/__sandbox/online-orders/${id}/apply`, { applicant: "P-CREDIT" })
      expect(await notification()).toMatchObject({ apply: { apply_status: "PENDING" }, purchase: { status: "PENDING" } })
      await kit.http.post(`/__sandbox/applications/${res.data.application.application_id}/decision`, { decision: "approved" })
      expect(await notification()).toMatchObject({ apply: { apply_status: "SUCCESS" }, purchase: { status: "SUCCESS" } })
    })

    it("the apply-only path (no /v2) starts on the application: an existing account cannot approve it", async () => {
      const id = await init("online", "apply")
      const approve = await kit.http.post(`/__sandbox/online-orders/${id}/complete`, { outcome: "approve" })
      expect(approve.status).toBe(409)
      expect((await kit.http.get(`/__sandbox/online-orders/${id}`)).data.apply_only).toBe(true)
      await kit.http.post(`/__sandbox/online-orders/${id}/apply`, { applicant: "A-RR_L" })
      const note = await notification()
      expect(note).toMatchObject({ flow: "apply", apply: { apply_status: "SUCCESS" } })
      expect(note.purchase).toBeUndefined()
    })

    it("systems/init accepts a form with dotted names as Flexiti's SDK sends it", async () => {
      const form = new URLSearchParams({ merchant_orderid: "cart_1", lang: "fr", flow: "Apply/Buy", amount_requested: "99.95" })
      for (const [k, v] of Object.entries(address)) {
        form.set(`billing_information.${k}`, v)
        form.set(`shipping_information.${k}`, v)
      }
      const res = await kit.call("POST", `${ONLINE}/online/v2/client-id/shop/systems/init`, merchant, form.toString(), {
        "content-type": "application/x-www-form-urlencoded",
      })
      expect(res.status).toBe(200)
      const order = await kit.http.get(`/__sandbox/online-orders/${res.data.online_order_id}`)
      expect(order.data).toMatchObject({ amount: 99.95, flow: "apply/buy", lang: "fr" })
    })
  })
})
