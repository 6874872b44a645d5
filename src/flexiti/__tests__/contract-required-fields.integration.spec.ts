import axios, { AxiosInstance } from "axios"
import { RunningSandbox, SANDBOX_DEFAULT_CLIENT, SANDBOX_TEST_ACCOUNTS, startSandbox } from "../../sandbox"
import { toDottedForm } from "../form-body"

/**
 * Contract: for every endpoint the plugin calls, each field Flexiti's pages mark required is
 * refused by the sandbox when omitted, with the documented shape (POS: 409 wrong_inputs and
 * field_errors naming the field; Online API: {code, error, error_description}; token: OAuth).
 * The tables below are written from the docs, not read from the sandbox or the client.
 */

const CLIENT = SANDBOX_DEFAULT_CLIENT.client_id
const CREDS: Record<string, string> = { client_id: CLIENT, client_secret: SANDBOX_DEFAULT_CLIENT.client_secret }
const POS25 = `/flexiti/pos-api/v2.5/client-id/${CLIENT}`
const POS251 = `/flexiti/pos-api/v2.5.1/client-id/${CLIENT}`
const ONLINE = `/flexiti/online-api/online/v2/client-id/${CLIENT}`
const REF = "0123456789abcdef0123456789abcdef"
const ACCOUNT = SANDBOX_TEST_ACCOUNTS.approved.account_number
const FORM = "application/x-www-form-urlencoded"

type Json = Record<string, unknown>

function without(body: Json, path: string): Json {
  const copy = structuredClone(body)
  const keys = path.split(".")
  let target: Json = copy
  for (const key of keys.slice(0, -1)) target = target[key] as Json
  delete target[keys[keys.length - 1]]
  return copy
}

const address = { first_name: "Test", last_name: "Shopper", address_1: "1 King St W", address_2: "", city: "Toronto", province: "ON", postal_code: "M5V 2T6" }

interface Endpoint {
  name: string
  method: "POST" | "GET"
  path: () => string
  /** online: a merchant token from the Online API's own oauth/token */
  scope: "merchant" | "customer" | "online"
  /** a body (or query) the docs accept */
  valid: () => Json
  /** documented required fields (dotted) */
  required: string[]
  /** how the body travels */
  encoding?: "json" | "form" | "query"
}

describe("contract: documented required fields are refused when omitted", () => {
  let sandbox: RunningSandbox
  let http: AxiosInstance
  const tokens: Record<string, string> = {}
  let authorizationId = 0
  let captureId = 0

  async function token(scope: "merchant" | "customer", api: "pos" | "online" = "pos"): Promise<string> {
    const url = api === "pos" ? "/flexiti/pos-api/v2.5/oauth/token" : "/flexiti/online-api/oauth/token"
    const res = await http.post(url, new URLSearchParams({ ...CREDS, scope }).toString(), {
      headers: { "content-type": FORM, "x-reference-id": REF },
    })
    return res.data.access_token
  }

  function send(endpoint: Endpoint, body: Json, headers: Record<string, string> = {}) {
    const auth = { authorization: `Bearer ${tokens[endpoint.scope]}`, "x-reference-id": REF, ...headers }
    if (endpoint.encoding === "query") {
      return http.request({ method: endpoint.method, url: endpoint.path(), params: body, headers: auth })
    }
    if (endpoint.encoding === "form") {
      return http.request({ method: endpoint.method, url: endpoint.path(), data: toDottedForm(body), headers: { ...auth, "content-type": FORM } })
    }
    return http.request({ method: endpoint.method, url: endpoint.path(), data: body, headers: auth })
  }

  beforeAll(async () => {
    sandbox = await startSandbox({ port: 0, quiet: true })
    http = axios.create({ baseURL: sandbox.url, validateStatus: () => true })
  })
  afterAll(() => sandbox.close())
  beforeEach(async () => {
    // A fresh sandbox (credit and the 24-hour limit are per account) and a half-captured
    // authorization for the endpoints that need one.
    sandbox.reset()
    tokens.merchant = await token("merchant")
    tokens.customer = await token("customer")
    tokens.online = await token("merchant", "online")
    const headers = { authorization: `Bearer ${tokens.merchant}`, "x-reference-id": REF }
    const auth = await http.post(
      `${POS251}/authorization`,
      { account_number: ACCOUNT, amount: 100, auto_capture: false, financing_option: { transaction_type: "promotional_purchase", plan_id: 5, term: 12 } },
      { headers }
    )
    authorizationId = auth.data.authorization_id
    captureId = (await http.post(`${POS25}/authorization/${authorizationId}/capture`, { amount: 50 }, { headers })).data.capture_id
  })

  const endpoints: Endpoint[] = [
    {
      name: "POST widget/init (purchase)",
      method: "POST",
      path: () => `${POS25}/widget/init`,
      scope: "customer",
      valid: () => ({
        flow: "purchase",
        customer_identification: { personal_information: { first_name: "Test", last_name: "Shopper", postal_code: "M5V 2T6" } },
      }),
      required: [
        "flow",
        "customer_identification",
        "customer_identification.personal_information.first_name",
        "customer_identification.personal_information.last_name",
        "customer_identification.personal_information.postal_code",
      ],
    },
    {
      name: "POST widget/init (apply)",
      method: "POST",
      path: () => `${POS25}/widget/init`,
      scope: "customer",
      valid: () => ({
        flow: "apply",
        tos_agreement: true,
        email: "shopper@example.com",
        phone_number: 4165550100,
        address_1: "1 King St W",
        city: "Toronto",
        province: "ON",
        account_type: "consumer",
      }),
      required: ["tos_agreement", "email", "phone_number", "address_1", "city", "province", "account_type"],
    },
    {
      name: "POST authorization (v2.5.1)",
      method: "POST",
      path: () => `${POS251}/authorization`,
      scope: "merchant",
      valid: () => ({
        account_number: ACCOUNT,
        amount: 10,
        auto_capture: false,
        financing_option: { transaction_type: "promotional_purchase", plan_id: 5, term: 12 },
      }),
      required: ["account_number", "amount", "auto_capture", "financing_option", "financing_option.transaction_type", "financing_option.plan_id"],
    },
    {
      name: "POST calculate-interest (v2.5.1)",
      method: "POST",
      path: () => `${POS251}/accounts/${ACCOUNT}/calculate-interest`,
      scope: "customer",
      valid: () => ({ amount: 250 }),
      required: ["amount"],
    },
    {
      name: "POST capture",
      method: "POST",
      path: () => `${POS25}/authorization/${authorizationId}/capture`,
      scope: "merchant",
      valid: () => ({ amount: 0.01, reference: "capture-1" }),
      required: ["amount"],
    },
    {
      name: "POST return",
      method: "POST",
      path: () => `${POS25}/authorization/${authorizationId}/capture/${captureId}/return`,
      scope: "merchant",
      valid: () => ({ amount: 10, full_return: false, reference: "return-1" }),
      required: ["amount"],
    },
    {
      name: "POST accounts/{n}/refund",
      method: "POST",
      path: () => `${POS25}/accounts/${ACCOUNT}/refund`,
      scope: "merchant",
      valid: () => ({ amount: 10, capture_id: captureId, reference: "refund-1" }),
      required: ["amount"],
    },
    {
      name: "GET customers/lookup",
      method: "GET",
      path: () => `${POS25}/customers/lookup`,
      scope: "merchant",
      valid: () => ({ account_number: ACCOUNT }),
      required: ["account_number"],
      encoding: "query",
    },
    {
      name: "POST systems/init (apply/buy, form)",
      method: "POST",
      path: () => `${ONLINE}/systems/init`,
      scope: "online",
      valid: () => ({ lang: "en", flow: "apply/buy", amount_requested: 300, billing_information: address, shipping_information: address }),
      required: [
        "lang",
        "flow",
        "amount_requested",
        ...Object.keys(address).flatMap((part) => [`billing_information.${part}`, `shipping_information.${part}`]),
      ],
      encoding: "form",
    },
    {
      name: "POST systems/init (buy, JSON)",
      method: "POST",
      path: () => `${ONLINE}/systems/init`,
      scope: "online",
      valid: () => ({
        lang: "en",
        flow: "buy",
        customer_id: "1000001-00001",
        amount_requested: 300,
        billing_information: address,
        shipping_information: address,
      }),
      required: ["customer_id"],
    },
    {
      name: "GET systems/payment-calculator",
      method: "GET",
      path: () => `${ONLINE}/systems/payment-calculator`,
      scope: "online",
      valid: () => ({ price: 499 }),
      required: ["price"],
      encoding: "query",
    },
  ]

  for (const endpoint of endpoints) {
    describe(endpoint.name, () => {
      it("accepts the documented body", async () => {
        const res = await send(endpoint, endpoint.valid())
        expect({ status: res.status, data: res.data }).toMatchObject({ status: 200 })
      })
      it("refuses a call without x-reference-id", async () => {
        const res = await send(endpoint, endpoint.valid(), { "x-reference-id": "" })
        expect(res.status).toBe(409)
        expect(res.data.error).toBe("wrong_inputs")
      })
      for (const field of endpoint.required) {
        it(`refuses it without ${field}`, async () => {
          const res = await send(endpoint, without(endpoint.valid(), field))
          expect(res.status).toBe(409)
          expect(res.data.error).toBe("wrong_inputs")
          if (endpoint.path().includes("online-api")) {
            // Online API failure body: {code, error, error_description}
            expect(res.data).toMatchObject({ code: 409, error_description: expect.any(String) })
          } else {
            expect(res.data).toMatchObject({ url: endpoint.path(), message: "Some inputs are wrong!" })
          }
          expect(res.data.field_errors.map((f: { param: string }) => f.param)).toContain(field)
        })
      }
    })
  }

  describe("POST oauth/token", () => {
    const post = (form: Record<string, string>, headers: Record<string, string> = { "x-reference-id": REF }) =>
      http.post("/flexiti/pos-api/v2.5/oauth/token", new URLSearchParams(form).toString(), { headers: { "content-type": FORM, ...headers } })

    it("accepts the documented form", async () => {
      expect((await post({ ...CREDS })).status).toBe(200)
    })
    it.each(["client_id", "client_secret"])("answers 400 invalid_client without %s", async (field) => {
      const form: Record<string, string> = { ...CREDS }
      delete form[field]
      const res = await post(form)
      expect(res.status).toBe(400)
      expect(res.data).toMatchObject({ error: "invalid_client", error_description: expect.any(String) })
    })
    it("refuses a token request without x-reference-id", async () => {
      const res = await post({ ...CREDS }, {})
      expect(res.status).toBe(409)
      expect(res.data.field_errors[0].param).toBe("x-reference-id")
    })
    it("needs refresh_token with grant_type=refresh_token", async () => {
      const res = await post({ ...CREDS, grant_type: "refresh_token" })
      expect(res.status).toBe(400)
      expect(res.data.error).toBe("invalid_request")
      expect(res.data.field_errors[0].param).toBe("refresh_token")
    })
  })

  describe("versions", () => {
    // Flexiti prints some endpoints on v2.5.1 and the rest on v2.5; no page says either version
    // refuses an endpoint, so both answer (here: the body is checked, not a 404).
    it.each([
      ["POST", `/flexiti/pos-api/v2.5/client-id/${CLIENT}/authorization`],
      ["POST", `/flexiti/pos-api/v2.5/client-id/${CLIENT}/accounts/${ACCOUNT}/calculate-interest`],
      ["POST", `/flexiti/pos-api/v2.5.1/client-id/${CLIENT}/authorization/1/capture`],
      ["POST", `/flexiti/pos-api/v2.5.1/client-id/${CLIENT}/widget/init`],
    ])("%s %s checks the body under the other printed version", async (method, url) => {
      const res = await http.request({ method, url, data: {}, headers: { authorization: `Bearer ${tokens.merchant}`, "x-reference-id": REF } })
      expect(res.status).toBe(409)
      expect(res.data.error).toBe("wrong_inputs")
    })
    it.each([
      ["POST", `/flexiti/pos-api/v2.4/client-id/${CLIENT}/authorization`],
      ["POST", "/flexiti/pos-api/v3/oauth/token"],
    ])("%s %s: a version Flexiti never printed is not found", async (method, url) => {
      const res = await http.request({ method, url, data: {}, headers: { authorization: `Bearer ${tokens.merchant}`, "x-reference-id": REF } })
      expect(res.status).toBe(404)
      expect(res.data.error).toBe("not_found")
    })
  })
})
