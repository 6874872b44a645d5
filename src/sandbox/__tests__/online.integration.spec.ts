import { SANDBOX_TEST_ACCOUNTS } from "../index"
import { asDocumented, Kit, ONLINE, POS, startKit } from "./sandbox-test-kit"

const SHOP = { client_id: "shop", client_secret: "shop-secret", success_url: "https://shop.example/ok?x=1", error_url: "https://shop.example/cart" }
const address = { first_name: "Test", last_name: "Shopper", address_1: "1 King St", address_2: "", city: "Toronto", province: "ON", postal_code: "M5V 2T6" }

describe("sandbox Online API hosted flow", () => {
  let kit: Kit
  let merchant: string
  beforeAll(async () => {
    kit = await startKit({ clients: [SHOP] })
  })
  afterAll(() => kit.sandbox.close())
  beforeEach(async () => {
    kit.sandbox.reset()
    merchant = (await kit.token("merchant", SHOP)).access_token
  })

  const init = async (merchantOrderId: string, amount = 250.5, path = "online/v2") => {
    const res = await kit.call("POST", `${ONLINE}/${path}/client-id/shop/systems/init`, merchant, {
      merchant_orderid: merchantOrderId,
      lang: "en",
      flow: "apply/buy",
      amount_requested: amount,
      billing_information: address,
      shipping_information: address,
    })
    expect(res.status).toBe(200)
    return asDocumented("online-systems-init-response", res.data)
  }
  const notification = (id: number | string, by = "order-id") => kit.call("GET", `${ONLINE}/online/client-id/shop/notifications/${by}/${id}`, merchant)

  it("approve books an opened POS authorization that merchant calls can capture", async () => {
    const order = await init("cart_1")
    expect(order.redirection_url).toBe(`${kit.sandbox.url}/online/#/order/${order.online_order_id}?lang=en`)
    const pending = await notification(order.online_order_id)
    expect(pending.status).toBe(404)
    expect(pending.data).toMatchObject({ code: 404, error: "not_found" })

    const done = await kit.http.post(`/__sandbox/online-orders/${order.online_order_id}/complete`, { outcome: "approve" })
    expect(done.data.redirect_url).toBe(`https://shop.example/ok?x=1&orderId=${order.online_order_id}&merchant_orderid=cart_1`)

    const byMerchantOrder = await notification("cart_1", "merchant-order-id")
    const note = asDocumented("online-notification-apply", byMerchantOrder.data, {
      // The only example is of an apply flow; a purchase's notification is not documented.
      mayLack: ["apply"],
    })
    expect(note).toMatchObject({
      flow: "apply/buy",
      callback_url: "",
      merchant_orderid: "cart_1",
      purchase: { status: "SUCCESS", account_number: SANDBOX_TEST_ACCOUNTS.approved.account_number, amount: 250.5 },
    })
    const authorizationId = note.purchase?.authorization_id as number
    const capture = await kit.call("POST", `${POS("shop")}/authorization/${authorizationId}/capture`, merchant, { amount: 250.5 })
    expect(capture.status).toBe(200)
    expect(capture.data.remaining_authorization_amount).toBe(0)
  })

  it("decline and cancel record FAILED / CANCELLED and lead to the error URL", async () => {
    const declined = await init("cart_2")
    const d = await kit.http.post(`/__sandbox/online-orders/${declined.online_order_id}/complete`, { outcome: "decline" })
    expect(d.data.redirect_url).toContain("https://shop.example/cart?orderId=")
    expect((await notification(declined.online_order_id)).data.purchase.status).toBe("FAILED")

    const cancelled = await init("cart_3", 99, "online")
    expect(kit.sandbox.completeOnlineOrder(cancelled.online_order_id, "cancel")).toContain("merchant_orderid=cart_3")
    expect((await notification("cart_3", "merchant-order-id")).data.purchase.status).toBe("CANCELLED")
    expect((await kit.http.post(`/__sandbox/online-orders/${cancelled.online_order_id}/complete`, { outcome: "approve" })).status).toBe(409)
  })

  it("an approval beyond the account's credit becomes a FAILED notification", async () => {
    const order = await init("cart_4", 60)
    await kit.http.post(`/__sandbox/online-orders/${order.online_order_id}/complete`, {
      outcome: "approve",
      account_number: SANDBOX_TEST_ACCOUNTS.lowCredit.account_number,
    })
    expect((await notification(order.online_order_id)).data.purchase).toMatchObject({ status: "FAILED", error: "credit_exceeded" })
  })

  it("shows a completion message instead of redirecting when the client has no URLs", async () => {
    await kit.http.post("/__sandbox/clients", { client_id: "bare", client_secret: "b" })
    const bare = (await kit.token("merchant", { client_id: "bare", client_secret: "b" })).access_token
    const res = await kit.call("POST", `${ONLINE}/online/v2/client-id/bare/systems/init`, bare, { lang: "fr", flow: "apply", amount_requested: 10 })
    const done = await kit.http.post(`/__sandbox/online-orders/${res.data.online_order_id}/complete`, { outcome: "approve" })
    expect(done.data.redirect_url).toBeNull()
  })

  it("refuses customer tokens and invalid bodies on systems/init", async () => {
    const customer = (await kit.token("customer", SHOP)).access_token
    const scoped = await kit.call("POST", `${ONLINE}/online/v2/client-id/shop/systems/init`, customer, {})
    expect(scoped.status).toBe(403)
    const invalid = await kit.call("POST", `${ONLINE}/online/v2/client-id/shop/systems/init`, merchant, { lang: "en", flow: "buy", amount_requested: 5 })
    expect(invalid.status).toBe(409)
    expect(invalid.data).toMatchObject({ code: 409, error: "wrong_inputs" })
    expect(invalid.data.field_errors[0].param).toBe("billing_information.first_name")
  })

  it("computes the payment calculator in cents, with no plan below the minimum", async () => {
    const calc = (price: string, lang = "en") =>
      kit.call("GET", `${ONLINE}/online/v2/client-id/shop/systems/payment-calculator?price=${price}&lang=${lang}`, merchant)
    const plan = asDocumented("online-payment-calculator-response", (await calc("499")).data)
    expect(plan.paymentPlan).toEqual({ monthlyPayment: "41.58", months: "12" })
    const fr = asDocumented("online-payment-calculator-response", (await calc("100.06", "fr")).data)
    expect(fr.paymentPlan?.monthlyPayment).toBe("8.34")
    expect(fr.htmlRender).toContain("par mois")
    expect((await calc("99.99")).data.paymentPlan).toBeNull()
  })

  it("serves the hosted online page with its buttons", async () => {
    const res = await kit.http.get("/online/")
    expect(res.status).toBe(200)
    for (const id of ["flx-approve", "flx-decline", "flx-cancel"]) expect(res.data).toContain(`id="${id}"`)
    expect(res.data).toContain("/__sandbox/online-orders/")
  })
})
