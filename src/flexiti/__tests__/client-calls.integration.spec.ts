import { classifyStatus, FlexitiError } from "../errors"
import { SANDBOX_TEST_ACCOUNTS } from "../../sandbox"
import { sandboxFixture } from "./sandbox-fixture"

const ACCOUNT = 10000000000001

describe("Flexiti client calls against the sandbox", () => {
  let fx: Awaited<ReturnType<typeof sandboxFixture>>

  beforeAll(async () => {
    fx = await sandboxFixture()
  })
  afterAll(async () => {
    await fx.close()
  })
  beforeEach(async () => {
    await fx.reset()
  })

  async function widgetAuthorization(amount: number) {
    const client = fx.client()
    const lineage = client.newCustomerLineage()
    const session = await client.widgetInit(
      { flow: "purchase", customer_identification: { personal_information: { first_name: "Test", last_name: "Shopper", postal_code: "M5V 2T6" } } },
      { lineage }
    )
    await fx.control.post(`/widget-sessions/${session.widget_session_id}/approve`, { account_number: ACCOUNT })
    const authorization = await client.createAuthorization(
      {
        account_number: ACCOUNT,
        amount,
        auto_capture: false,
        reference: "payses_test",
        financing_option: { transaction_type: "promotional_purchase", plan_id: 5, term: 12 },
      },
      { lineage, referenceId: session.reference_id }
    )
    return { client, lineage, session, authorization }
  }

  it("seeds the account the tests use", () => {
    expect(JSON.stringify(SANDBOX_TEST_ACCOUNTS)).toContain(String(ACCOUNT))
  })

  it("runs widget/init → authorization on one customer lineage, with a 32-char reference id", async () => {
    const { session, authorization } = await widgetAuthorization(250.5)
    expect(session.reference_id).toMatch(/^[0-9a-f]{32}$/)
    expect(session.redirection_url).toContain(session.widget_session_id)
    expect(authorization.status).toBe("opened")
    expect(authorization.amount).toBe(250.5)
  })

  it("refuses an authorization from another customer lineage (customer_identity_not_found)", async () => {
    const { client } = await widgetAuthorization(100)
    const stranger = client.newCustomerLineage()
    const error = await client
      .createAuthorization(
        { account_number: ACCOUNT, amount: 100, auto_capture: false, financing_option: { transaction_type: "regular_purchase" } },
        { lineage: stranger }
      )
      .catch((e) => e)
    expect(error).toBeInstanceOf(FlexitiError)
    expect(error.kind).toBe("not_found")
    expect(error.code).toBe("customer_identity_not_found")
  })

  it("maps a 409 to a typed business error with its code and reference id", async () => {
    const { client, authorization } = await widgetAuthorization(100)
    await client.capture(authorization.authorization_id, { amount: 40, reference: "capt_1" })
    const error = await client.capture(authorization.authorization_id, { amount: 60.01, reference: "capt_2" }, { referenceId: "c".repeat(32) }).catch((e) => e)
    expect(error).toBeInstanceOf(FlexitiError)
    expect(error.kind).toBe("business")
    expect(error.status).toBe(409)
    expect(error.code).toBe("auth_amount_exceeded")
    expect(error.referenceId).toBe("c".repeat(32))
  })

  it("never retries a capture after a connection reset, but retries a read", async () => {
    const { client, authorization } = await widgetAuthorization(100)
    await fx.control.post("/faults", { reset_next: 1 })
    const error = await client.capture(authorization.authorization_id, { amount: 10 }).catch((e) => e)
    expect(error).toBeInstanceOf(FlexitiError)
    expect(error.kind).toBe("network")
    const afterCapture = await fx.counters()
    const capturePaths = Object.entries(afterCapture.calls_by_path).filter(([path]) => path.endsWith("/capture"))
    expect(capturePaths.reduce((sum, [, n]) => sum + (n as number), 0)).toBe(1)

    await fx.control.post("/faults", { reset_next: 1 })
    const read = await client.getAuthorization(authorization.authorization_id)
    expect(read.authorization_id).toBe(authorization.authorization_id)
  })

  it("times out instead of waiting forever", async () => {
    const client = fx.client({ http: { timeoutMs: 200, readAttempts: 1, backoffMs: 1 } })
    await client.i18n("en")
    await fx.control.post("/faults", { latency_ms: 1000 })
    const error = await client.i18n("en").catch((e) => e)
    expect(error).toBeInstanceOf(FlexitiError)
    expect(error.kind).toBe("network")
  })

  it("validates requests before sending them", async () => {
    const client = fx.client()
    const error = await client.capture(1, { amount: 10.001 }).catch((e) => e)
    expect(error).toBeInstanceOf(FlexitiError)
    expect(error.kind).toBe("invalid_request")
    expect((await fx.counters()).token_requests?.merchant ?? 0).toBe(0)
  })

  it("classifies HTTP statuses as documented", () => {
    expect(classifyStatus(401)).toBe("auth")
    expect(classifyStatus(403)).toBe("forbidden")
    expect(classifyStatus(466)).toBe("forbidden")
    expect(classifyStatus(404)).toBe("not_found")
    expect(classifyStatus(409)).toBe("business")
    expect(classifyStatus(503)).toBe("server")
  })

  it("runs the hosted flow: systems/init, approval, notification by merchant order id", async () => {
    const client = fx.client()
    const init = await client.systemsInit({
      merchant_orderid: "payses_hosted",
      lang: "en",
      flow: "apply/buy",
      amount_requested: 300,
      billing_information: { first_name: "A", last_name: "B", address_1: "1 King St", address_2: "", city: "Toronto", province: "ON", postal_code: "M5V 2T6" },
      shipping_information: {
        first_name: "A",
        last_name: "B",
        address_1: "1 King St",
        address_2: "Unit 4",
        city: "Toronto",
        province: "ON",
        postal_code: "M5V 2T6",
      },
    })
    const pending = await client.notificationByMerchantOrderId("payses_hosted").catch((e) => e)
    expect(pending).toBeInstanceOf(FlexitiError)
    expect(pending.kind).toBe("not_found")
    await fx.control.post(`/online-orders/${init.online_order_id}/complete`, { outcome: "approve" })
    const notification = await client.notificationByMerchantOrderId("payses_hosted")
    expect(notification.purchase?.status).toBe("SUCCESS")
    expect(notification.purchase?.amount).toBe(300)
    const byId = await client.notificationByOrderId(init.online_order_id)
    expect(byId.transaction_id).toBe(notification.transaction_id)
  })
})
