import { TEST_APPLICANT_KEYS } from "../index"
import { Kit, ONLINE, POS, startKit } from "./sandbox-test-kit"

const SHOP = { client_id: "shop", client_secret: "shop-secret", success_url: "https://shop.example/ok", error_url: "https://shop.example/cart" }
const address = { first_name: "Test", last_name: "Shopper", address_1: "1 King St", address_2: "", city: "Toronto", province: "ON", postal_code: "M5V 2T6" }

describe("sandbox: Flexiti's published test applicants", () => {
  let kit: Kit
  beforeAll(async () => {
    kit = await startKit({ clients: [SHOP] })
  })
  afterAll(() => kit.sandbox.close())
  beforeEach(() => kit.sandbox.reset())

  async function widgetSession(clientId = "shop") {
    const customer = (await kit.token("customer", clientId === "shop" ? SHOP : undefined)).access_token
    const init = await kit.call("POST", `${POS(clientId)}/widget/init`, customer, {
      flow: "purchase",
      customer_identification: { personal_information: { first_name: "Test", last_name: "Shopper", postal_code: "M5V 2T6" } },
    })
    const id = new URLSearchParams(new URL(init.data.redirection_url).hash.split("?")[1]).get("widget_session_id") as string
    return { customer, id }
  }
  const applyInWidget = (id: string, applicant: string) => kit.http.post(`/__sandbox/widget-sessions/${id}/apply`, { applicant })

  it("lists every applicant of the published test data", async () => {
    const res = await kit.http.get("/__sandbox/applicants")
    expect(res.data.applicants.map((a: { middle_name: string }) => a.middle_name).sort()).toEqual(
      [
        "A-RR_L", "A-RR_M", "A-RR_H", "A-RR_X", "A-RR_XX", "A-RR_XXX",
        "D-MISSING_INFO", "D-DUPLICATE", "D-NO_HIT", "D-NO_SCORE", "D-FRAUD",
        "P-REVIEW_MISC", "P-EXIST_CUST", "P-CREDIT", "P-FRAUD", "D-EMAIL_DBL_TIMEOUT",
      ].sort()
    )
    expect(TEST_APPLICANT_KEYS).toHaveLength(16)
  })

  it.each(["A-RR_L", "A-RR_M", "A-RR_H", "A-RR_X"])("%s is approved in the widget and can buy on the same token", async (applicant) => {
    const { customer, id } = await widgetSession()
    const res = await applyInWidget(id, applicant)
    expect(res.data.event).toMatchObject({ eventType: "flx-success", eventData: { verified: true, action: "purchase" } })
    const accountNumber = res.data.event.eventData.accountNumber
    const auth = await kit.call("POST", `${POS("shop", "v2.5.1")}/authorization`, customer, {
      account_number: accountNumber,
      amount: 100,
      auto_capture: false,
      financing_option: { transaction_type: "promotional_purchase", plan_id: 5, term: 12 },
    })
    expect(auth.status).toBe(200)
  })

  it.each(["D-MISSING_INFO", "D-DUPLICATE", "D-NO_HIT", "D-NO_SCORE", "D-FRAUD"])("%s is declined in the widget", async (applicant) => {
    const { id } = await widgetSession()
    const res = await applyInWidget(id, applicant)
    expect(res.data.event).toEqual({ eventType: "flx-failure", eventData: { error: 409, message: "application_declined" } })
    expect(res.data.status).toBe("declined")
  })

  it.each(["P-REVIEW_MISC", "P-EXIST_CUST", "P-CREDIT", "P-FRAUD"])("%s is pending, then decided through the control API", async (applicant) => {
    const { customer, id } = await widgetSession()
    const res = await applyInWidget(id, applicant)
    expect(res.data.event).toEqual({ eventType: "flx-failure", eventData: { error: 409, message: "application_marked_pending_1" } })
    expect(res.data.status).toBe("in_review")
    const decided = await kit.http.post(`/__sandbox/applications/${res.data.application.application_id}/decision`, { decision: "approved" })
    expect(decided.data).toMatchObject({ decision: "approved", account_number: expect.any(Number) })
    const session = await kit.http.get(`/__sandbox/widget-sessions/${id}`)
    expect(session.data).toMatchObject({ status: "approved", account_number: decided.data.account_number })
    const auth = await kit.call("POST", `${POS("shop", "v2.5.1")}/authorization`, customer, {
      account_number: decided.data.account_number,
      amount: 50,
      auto_capture: false,
      financing_option: { transaction_type: "regular_purchase" },
    })
    expect(auth.status).toBe(200)
  })

  it("A-RR_XX and A-RR_XXX are approved only for a merchant with a standard account", async () => {
    for (const applicant of ["A-RR_XX", "A-RR_XXX"]) {
      const { id } = await widgetSession()
      expect((await applyInWidget(id, applicant)).data.event.eventType).toBe("flx-failure")
    }
    await kit.http.post("/__sandbox/clients", { ...SHOP, merchant: { standard_account: true } })
    for (const applicant of ["A-RR_XX", "A-RR_XXX"]) {
      const { id } = await widgetSession()
      expect((await applyInWidget(id, applicant)).data.event).toMatchObject({ eventType: "flx-success", eventData: { verified: true } })
    }
  })

  it("D-EMAIL_DBL_TIMEOUT asks to retry and leaves the session open", async () => {
    const { id } = await widgetSession()
    const res = await applyInWidget(id, "D-EMAIL_DBL_TIMEOUT")
    expect(res.data.event).toMatchObject({ eventType: "flx-success", eventData: { action: "retry", verified: false, accountNumber: null } })
    expect((await applyInWidget(id, "A-RR_L")).data.event.eventData.verified).toBe(true)
  })

  it("refuses an unknown applicant with 400", async () => {
    const { id } = await widgetSession()
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
