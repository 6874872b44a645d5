import axios, { AxiosInstance, AxiosResponse } from "axios"
import { docExample, shapeAgainstDocs } from "../../__fixtures__/flexiti-docs"
import { RunningSandbox, SANDBOX_DEFAULT_CLIENT, SANDBOX_TEST_ACCOUNTS, SandboxClientConfig, startSandbox, SandboxOptions } from "../index"

export const ACCOUNT = SANDBOX_TEST_ACCOUNTS.approved.account_number
export const POS = (clientId = SANDBOX_DEFAULT_CLIENT.client_id, version = "v2.5") => `/flexiti/pos-api/${version}/client-id/${clientId}`
export const ONLINE = "/flexiti/online-api"

export interface Kit {
  sandbox: RunningSandbox
  http: AxiosInstance
  token(scope?: "merchant" | "customer", client?: SandboxClientConfig): Promise<{ access_token: string; refresh_token: string }>
  call(method: string, path: string, token: string, data?: unknown, headers?: Record<string, string>): Promise<AxiosResponse>
}

/** A sandbox on a random port plus an axios instance that never throws on HTTP status. */
export async function startKit(options: SandboxOptions = {}): Promise<Kit> {
  const sandbox = await startSandbox({ port: 0, quiet: true, ...options })
  const http = axios.create({ baseURL: sandbox.url, validateStatus: () => true })
  return {
    sandbox,
    http,
    async token(scope = "merchant", client = SANDBOX_DEFAULT_CLIENT) {
      const res = await http.post(
        "/flexiti/pos-api/v2.5/oauth/token",
        new URLSearchParams({ client_id: client.client_id, client_secret: client.client_secret, scope }).toString(),
        { headers: { "content-type": "application/x-www-form-urlencoded", "x-reference-id": "0123456789abcdef0123456789abcdef" } }
      )
      if (res.status !== 200) throw new Error(`token failed: ${res.status} ${JSON.stringify(res.data)}`)
      return res.data
    },
    call(method, path, token, data, headers = {}) {
      return http.request({
        method,
        url: path,
        data,
        headers: { authorization: `Bearer ${token}`, "x-reference-id": "0123456789abcdef0123456789abcdef", ...headers },
      })
    },
  }
}

export function promotional(amount: number, extra: Record<string, unknown> = {}) {
  return {
    account_number: ACCOUNT,
    reference: "order-1",
    financing_option: { transaction_type: "promotional_purchase", plan_id: 5, term: 12 },
    amount,
    auto_capture: false,
    ...extra,
  }
}

/**
 * Where an example does not cover the case at hand, the keys the docs give no value for in it:
 * `mayLack` may be left out, `mayBeNull` may be null. Each call site says why.
 */
export interface NotCoveredByExample {
  mayLack?: string[]
  mayBeNull?: string[]
}

/**
 * The sandbox's answer compared to Flexiti's documented example (src/__fixtures__/flexiti-docs):
 * every documented key present with its documented JSON type. Returns the answer for further checks.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export function asDocumented(exampleId: string, answer: any, notCovered: NotCoveredByExample = {}): any {
  const { wrongType, missingRequired, absent } = shapeAgainstDocs(docExample(exampleId), answer)
  const excused = (problem: string) => (notCovered.mayBeNull ?? []).some((key) => problem.startsWith(`${key}: null,`))
  expect({ wrongType: wrongType.filter((p) => !excused(p)), missingRequired, absent: absent.filter((k) => !(notCovered.mayLack ?? []).includes(k)) }).toEqual({
    wrongType: [],
    missingRequired: [],
    absent: [],
  })
  return answer
}

/** A widget message `{eventType, eventData}` compared to Flexiti's documented events. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export function widgetEvent(message: any, notCovered: NotCoveredByExample = {}): any {
  expect(["flx-success", "flx-failure", "flx-cancel"]).toContain(message?.eventType)
  if (message.eventType === "flx-success") asDocumented("widget-flx-success", message.eventData, notCovered)
  if (message.eventType === "flx-failure") asDocumented("widget-flx-failure", message.eventData, notCovered)
  return message
}

/** One sandbox for a spec file, reset before each test, with a fresh merchant token (renewable, e.g. after moving the clock). */
export function sharedKit(): { kit: () => Kit; merchant: () => string; renewMerchant: () => Promise<void> } {
  let kit: Kit
  let merchant: string
  beforeAll(async () => {
    kit = await startKit()
  })
  afterAll(() => kit.sandbox.close())
  const renewMerchant = async () => {
    merchant = (await kit.token("merchant")).access_token
  }
  beforeEach(async () => {
    kit.sandbox.reset()
    await renewMerchant()
  })
  return { kit: () => kit, merchant: () => merchant, renewMerchant }
}

/** A widget/init application body (SDK Init Method, the fields marked "if apply"), as the plugin sends it. */
export const APPLICANT = { first_name: "Test", last_name: "Shopper", postal_code: "M5V 2T6" }
export const APPLICATION_BODY = {
  customer_identification: { personal_information: APPLICANT },
  tos_agreement: true,
  email: "shopper@example.com",
  phone_number: 4165550123,
  address_1: "1 King St",
  city: "Toronto",
  province: "ON",
  account_type: "consumer",
}
