import { FlexitiClient } from "../client"
import { FLEXITI_ERROR_CODES, FlexitiError, isBlocked } from "../errors"
import { SANDBOX_DEFAULT_CLIENT, SANDBOX_TEST_ACCOUNTS, SandboxMerchantSetup } from "../../sandbox"
import { FinancingOption } from "../schemas"
import { sandboxFixture } from "./sandbox-fixture"

/**
 * Contract: each documented Flexiti error, produced by the sandbox by rule or on demand, reaches
 * the client's caller as a typed FlexitiError carrying Flexiti's code and the right kind.
 */

const A = SANDBOX_TEST_ACCOUNTS
const PROMO: FinancingOption = { transaction_type: "promotional_purchase", plan_id: 5, term: 12 }
const REGULAR: FinancingOption = { transaction_type: "regular_purchase" }

async function failure(promise: Promise<unknown>): Promise<FlexitiError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e
  )
  if (!(error instanceof FlexitiError)) throw new Error(`expected a FlexitiError, got ${String(error)}`)
  return error
}

describe("contract: documented errors reach the caller typed, with Flexiti's code", () => {
  let fx: Awaited<ReturnType<typeof sandboxFixture>>
  let client: FlexitiClient

  beforeAll(async () => {
    fx = await sandboxFixture()
  })
  afterAll(() => fx.close())
  beforeEach(async () => {
    await fx.reset()
    client = fx.client()
  })

  const authorize = (account: number, amount: number, financing: FinancingOption = PROMO, autoCapture = false, c = client) =>
    c.createAuthorization({ account_number: account, amount, auto_capture: autoCapture, financing_option: financing, reference: "contract" })

  /** a client of a merchant Flexiti set up differently */
  async function merchantClient(merchant: SandboxMerchantSetup): Promise<FlexitiClient> {
    const id = `merchant-${Math.random().toString(16).slice(2, 10)}`
    await fx.control.post("/clients", { client_id: id, client_secret: "secret", merchant })
    return fx.client({ clientId: id, clientSecret: "secret" })
  }

  describe("authentication", () => {
    it("invalid_client (400) for a wrong secret is an auth error", async () => {
      const error = await failure(fx.client({ clientSecret: "wrong" }).testConnection())
      expect(error).toMatchObject({ status: 400, code: "invalid_client", kind: "auth" })
    })

    it("invalid_role (409) when the developer account has no role for the API", async () => {
      const onlineOnly = await merchantClient({ apis: ["online"] })
      expect(await failure(onlineOnly.testConnection())).toMatchObject({ status: 409, code: "invalid_role" })
    })

    it("a token past expires_in is refused with 401 and renewed once; a second 401 surfaces as invalid_token", async () => {
      await client.i18n("en")
      // Only the sandbox's clock moves: the client still believes its token is fresh.
      await fx.control.post("/clock", { advance_seconds: 1201 })
      await client.i18n("en")
      expect((await fx.counters()).token_requests.merchant).toBe(2)

      await fx.control.post("/faults", {
        error_next: [
          { code: "invalid_token", path_contains: "/i18n" },
          { code: "invalid_token", path_contains: "/i18n" },
        ],
      })
      const error = await failure(client.i18n("en"))
      expect(error).toMatchObject({ status: 401, code: "invalid_token", kind: "auth" })
    })

    it("insufficient_scope (403) is a forbidden error", async () => {
      await fx.control.post("/faults", { error_next: [{ code: "insufficient_scope", path_contains: "/capture" }] })
      const auth = await authorize(A.approved.account_number, 10)
      expect(await failure(client.capture(auth.authorization_id, { amount: 10 }))).toMatchObject({
        status: 403,
        code: "insufficient_scope",
        kind: "forbidden",
      })
    })
  })

  describe("blocking (465 / 466 / 467)", () => {
    // Error Overview: "Blocked" statuses "can be treated the same way as 403"; it documents no code
    // or body for them, so the sandbox answers them only on demand, with a bare status.
    it.each([465, 466, 467])("%i is forbidden, blocked, and keeps the status", async (status) => {
      await fx.control.post("/faults", { fail_next: [{ path_contains: "/i18n", status, body: {} }] })
      const error = await failure(client.i18n("en"))
      expect(error).toMatchObject({ status, kind: "forbidden" })
      expect(isBlocked(error)).toBe(true)
    })
  })

  describe("POST authorization", () => {
    it.each([
      ["credit_exceeded", () => authorize(A.lowCredit.account_number, 100)],
      ["not_enough_credit", () => authorize(A.noCredit.account_number, 10)],
      ["user_not_able_to_purchase", () => authorize(A.blocked.account_number, 10)],
      ["user_not_active", () => authorize(A.closed.account_number, 10)],
      ["merchant_not_support_nonprime_regularpurchase", () => authorize(A.nonPrime.account_number, 10, REGULAR)],
      ["plan_term_not_available", () => authorize(A.approved.account_number, 10, { ...PROMO, term: 7 })],
    ])("%s by rule", async (code, call) => {
      const error = await failure(call())
      expect(error).toMatchObject({ status: 409, code, kind: "business" })
      expect(FLEXITI_ERROR_CODES.authorization).toContain(code)
    })

    it("credit_exceeded counts the interest of the plan", async () => {
      // 9,900 fits the 10,000 of credit at 0 %, not at plan 2's 9.99 % over 36 months.
      await expect(authorize(A.approved.account_number, 9900, { ...PROMO, plan_id: 2, term: 36 })).rejects.toMatchObject({ code: "credit_exceeded" })
      await expect(authorize(A.approved.account_number, 9900)).resolves.toMatchObject({ status: "opened" })
    })

    it("limit_payment_amount_24 above 10,000.00 within 24 hours, not a day later", async () => {
      await authorize(A.highLimit.account_number, 6000)
      expect(await failure(authorize(A.highLimit.account_number, 4000.01))).toMatchObject({ code: "limit_payment_amount_24" })
      await fx.control.post("/clock", { advance_seconds: 24 * 3600 + 1 })
      await expect(authorize(A.highLimit.account_number, 6000)).resolves.toMatchObject({ status: "opened" })
    })

    it("a merchant accepting non-prime customers may sell them regular purchases", async () => {
      const accepting = await merchantClient({ nonprime_regular_purchase: true })
      await expect(authorize(A.nonPrime.account_number, 10, REGULAR, false, accepting)).resolves.toMatchObject({ status: "opened" })
    })

    it("auth_not_allowed for a merchant without pre-authorization, unless auto_capture", async () => {
      const noPreauth = await merchantClient({ preauthorization: false })
      expect(await failure(authorize(A.approved.account_number, 10, PROMO, false, noPreauth))).toMatchObject({
        status: 409,
        code: "auth_not_allowed",
      })
      await expect(authorize(A.approved.account_number, 10, PROMO, true, noPreauth)).resolves.toMatchObject({ captured_amount: 10 })
    })

    it("customer_identity_not_found (404) for a customer token that did not pass the widget", async () => {
      const error = await failure(
        client.createAuthorization(
          { account_number: A.approved.account_number, amount: 10, auto_capture: false, financing_option: PROMO },
          { lineage: client.newCustomerLineage() }
        )
      )
      expect(error).toMatchObject({ status: 404, code: "customer_identity_not_found", kind: "not_found" })
    })

    it("not_found (404) for an unknown account", async () => {
      expect(await failure(authorize(99999999999999, 10))).toMatchObject({ status: 404, code: "not_found" })
    })
  })

  describe("capture, release, return, refund", () => {
    it("auth_amount_exceeded and authorization_ended on capture and release", async () => {
      const auth = await authorize(A.approved.account_number, 100)
      expect(await failure(client.capture(auth.authorization_id, { amount: 100.01 }))).toMatchObject({ code: "auth_amount_exceeded" })
      expect(await failure(client.release(auth.authorization_id, { amount: 100.01 }))).toMatchObject({ code: "auth_amount_exceeded" })
      await client.capture(auth.authorization_id, { amount: 100 })
      expect(await failure(client.capture(auth.authorization_id, { amount: 1 }))).toMatchObject({ code: "authorization_ended" })
      expect(await failure(client.release(auth.authorization_id))).toMatchObject({ code: "authorization_ended" })
    })

    it("capture_amount_exceeded, return_date_exceeded and wrong_transaction_type on return", async () => {
      const promo = await authorize(A.approved.account_number, 100, PROMO, true)
      const captureId = promo.captures[0].capture_id
      expect(await failure(client.returnCapture(promo.authorization_id, captureId, { amount: 100.01, full_return: false }))).toMatchObject({
        code: "capture_amount_exceeded",
      })
      const regular = await authorize(A.approved.account_number, 50, REGULAR, true)
      expect(await failure(client.returnCapture(regular.authorization_id, regular.captures[0].capture_id, { amount: 5, full_return: false }))).toMatchObject({
        code: "wrong_transaction_type",
      })
      await fx.control.post("/clock", { advance_seconds: 101 * 24 * 3600 })
      expect(await failure(client.returnCapture(promo.authorization_id, captureId, { amount: 5, full_return: false }))).toMatchObject({
        code: "return_date_exceeded",
      })
    })

    it("refunds_limit_exceeded_amount above the account's balance", async () => {
      const auth = await authorize(A.approved.account_number, 100, PROMO, true)
      const captureId = auth.captures[0].capture_id
      await client.returnCapture(auth.authorization_id, captureId, { amount: 60, full_return: false })
      // 40.00 is left on the account: 40.01 is more than its balance.
      expect(await failure(client.refundAccount(A.approved.account_number, { amount: 40.01, capture_id: captureId }))).toMatchObject({
        status: 409,
        code: "refunds_limit_exceeded_amount",
      })
      await expect(client.refundAccount(A.approved.account_number, { amount: 40, capture_id: captureId })).resolves.toEqual({})
    })

    it.each(["not_permitted", "general_error"])("%s on demand", async (code) => {
      const auth = await authorize(A.approved.account_number, 10)
      await fx.control.post("/faults", { error_next: [{ code, path_contains: "/release" }] })
      expect(await failure(client.release(auth.authorization_id))).toMatchObject({ status: 409, code, kind: "business" })
    })
  })

  it("the Online API's error shape {code, error, error_description} keeps the code", async () => {
    await fx.control.post("/faults", { error_next: [{ code: "general_error", path_contains: "systems/init" }] })
    const address = { first_name: "A", last_name: "B", address_1: "1 King St", address_2: "", city: "Toronto", province: "ON", postal_code: "M5V 2T6" }
    const error = await failure(
      client.systemsInit({ lang: "en", flow: "apply/buy", amount_requested: 10, billing_information: address, shipping_information: address })
    )
    expect(error).toMatchObject({ status: 409, code: "general_error" })
    expect(error.message).toMatch(/implementation@flexiti\.com/)
  })

  it("the default sandbox client is the one the fixture uses", () => {
    expect(client.clientId).toBe(SANDBOX_DEFAULT_CLIENT.client_id)
  })
})
