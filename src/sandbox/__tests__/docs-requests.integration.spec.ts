import { docExample, readingOf } from "../../__fixtures__/flexiti-docs"
import { asDocumented, ACCOUNT, ONLINE, POS, promotional, sharedKit } from "./sandbox-test-kit"

/**
 * The sandbox accepts every request example of Flexiti's documents (src/__fixtures__/flexiti-docs),
 * sent as the docs say. "Accepts" means the body passes the documented input rules; where the
 * example names objects this sandbox does not hold (capture 346123, authorization 12343) the answer
 * is the documented not_found, never an input error.
 */
type Body = Record<string, unknown>
const example = (id: string) => readingOf(docExample(id)) as Body
const FORM = { "content-type": "application/x-www-form-urlencoded" }
const REF = "0123456789abcdef0123456789abcdef"

describe("sandbox: Flexiti's documented request examples", () => {
  const { kit, merchant } = sharedKit()

  it.each(["pos-token-request-1", "pos-token-request-2"])("%s: its fields, form-encoded as the page requires, get a token", async (id) => {
    const fields = example(id) as Record<string, string>
    kit().sandbox.addClient({ client_id: fields.client_id, client_secret: fields.client_secret })
    const res = await kit().http.post("/flexiti/pos-api/v2.5/oauth/token", new URLSearchParams(fields).toString(), {
      headers: { ...FORM, "x-reference-id": REF },
    })
    expect(res.status).toBe(200)
    asDocumented("pos-token-response-1", res.data)
    // Printed as JSON, but "must be passed in the x-www-form-urlencoded format, or you will receive an error".
    const asPrinted = await kit().http.post("/flexiti/pos-api/v2.5/oauth/token", fields, { headers: { "x-reference-id": REF } })
    expect(asPrinted.status).toBe(400)
  })

  it("merchants/login: the example body, on the example URL's path and query", async () => {
    const access_token = merchant()
    const res = await kit().call("POST", `${POS()}/merchants/login?lang=en`, access_token, example("pos-merchants-login-request"))
    expect(res.status).toBe(200)
    expect(res.data).toMatchObject({ merchant_name: expect.any(String), merchant_id: expect.any(Number), form_values: expect.any(Object) })
  })

  it("calculate-interest: { amount: 234.45 }", async () => {
    const access_token = merchant()
    const res = await kit().call(
      "POST",
      `${POS(undefined, "v2.5.1")}/accounts/${ACCOUNT}/calculate-interest`,
      access_token,
      example("pos-calculate-interest-request")
    )
    expect(res.status).toBe(200)
    asDocumented("pos-calculate-interest-response", res.data)
    expect(res.data.amount).toBe(234.45)
  })

  it("return: reference Order-1234, full_return false, amount 10", async () => {
    const access_token = merchant()
    const auth = (await kit().call("POST", `${POS(undefined, "v2.5.1")}/authorization`, access_token, promotional(100))).data
    const capture = (await kit().call("POST", `${POS()}/authorization/${auth.authorization_id}/capture`, access_token, { amount: 100 })).data
    const res = await kit().call(
      "POST",
      `${POS()}/authorization/${auth.authorization_id}/capture/${capture.capture_id}/return`,
      access_token,
      example("pos-return-request")
    )
    expect(res.status).toBe(200)
    expect(asDocumented("pos-return-response", res.data)).toMatchObject({ reference: "Order-1234", amount: 10, remaining_capture_amount: 90 })
  })

  it("refund: amount 1000.12 on capture 346123 passes the input rules; the capture is not this sandbox's", async () => {
    const access_token = merchant()
    const res = await kit().call("POST", `${POS()}/accounts/${ACCOUNT}/refund`, access_token, example("pos-refund-request"))
    expect(res.status).toBe(404)
    expect(res.data.error).toBe("not_found")
  })

  it("GET authorizations with the example query", async () => {
    const access_token = merchant()
    const query = new URLSearchParams(example("pos-authorizations-query") as Record<string, string>).toString()
    const res = await kit().call("GET", `${POS(undefined, "v2.5.1")}/authorizations?${query}`, access_token)
    expect(res.status).toBe(200)
    expect(res.data.authorizations).toEqual([])
  })

  it("GET authorization 12343 with lang=en: the documented not_found", async () => {
    const access_token = merchant()
    const { authorization_id, lang } = example("pos-authorization-url") as Record<string, string>
    const res = await kit().call("GET", `${POS(undefined, "v2.5.1")}/authorization/${authorization_id}?lang=${lang}`, access_token)
    expect(res.status).toBe(404)
    expect(res.data).toMatchObject({ error: "not_found", url: expect.any(String), message: expect.any(String) })
  })

  it("payment-calculator with the example query (clientId, price 499, lang fr)", async () => {
    const access_token = merchant()
    const query = new URLSearchParams(example("online-payment-calculator-query") as Record<string, string>).toString()
    const res = await kit().call("GET", `${ONLINE}/online/v2/client-id/sandbox-client/systems/payment-calculator?${query}`, access_token)
    expect(res.status).toBe(200)
    asDocumented("online-payment-calculator-response", res.data)
  })

  it("a form-encoded POS body ('accepts form-encoded request bodies', API overview) works like JSON", async () => {
    const access_token = merchant()
    const form = new URLSearchParams({
      account_number: String(ACCOUNT),
      reference: "order-form",
      "financing_option.transaction_type": "promotional_purchase",
      "financing_option.plan_id": "5",
      "financing_option.term": "12",
      amount: "120.50",
      auto_capture: "false",
    }).toString()
    const auth = await kit().call("POST", `${POS(undefined, "v2.5.1")}/authorization`, access_token, form, FORM)
    expect(auth.status).toBe(200)
    expect(auth.data).toMatchObject({ amount: 120.5, reference: "order-form" })
    const capture = await kit().call("POST", `${POS()}/authorization/${auth.data.authorization_id}/capture`, access_token, "amount=20.25&reference=c1", FORM)
    expect(capture.data).toMatchObject({ amount: 20.25, remaining_authorization_amount: 100.25 })
    const bad = await kit().call("POST", `${POS()}/authorization/${auth.data.authorization_id}/capture`, access_token, "amount=abc", FORM)
    expect(bad.status).toBe(409)
    expect(bad.data.field_errors).toEqual([{ param: "amount", msg: expect.any(String), value: "abc" }])
  })
})
