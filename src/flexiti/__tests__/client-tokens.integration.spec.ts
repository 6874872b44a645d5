import axios from "axios"
import { FlexitiError } from "../errors"
import { SANDBOX_DEFAULT_CLIENT } from "../../sandbox"
import { sandboxFixture } from "./sandbox-fixture"

describe("Flexiti client tokens against the sandbox", () => {
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

  // 500 calls over HTTP take well under a second alone, but several seconds on a
  // two-core machine that is also running PostgreSQL-backed suites.
  it("makes one merchant token request for 500 concurrent calls", async () => {
    const client = fx.client()
    const results = await Promise.all(Array.from({ length: 500 }, () => client.i18n("en")))
    expect(results).toHaveLength(500)
    expect(results[0].provinces.ON).toBeDefined()
    const counters = await fx.counters()
    expect(counters.token_requests.merchant).toBe(1)
    expect(counters.token_requests.customer ?? 0).toBe(0)
  }, 60_000)

  it("makes one customer token request for 500 concurrent calls on one checkout lineage", async () => {
    const client = fx.client()
    const lineage = client.newCustomerLineage()
    await Promise.all(Array.from({ length: 500 }, () => client.calculateInterest(10000000000001, 250, { lineage })))
    const counters = await fx.counters()
    expect(counters.token_requests.customer).toBe(1)
    expect(counters.token_requests.merchant ?? 0).toBe(0)
  }, 60_000)

  it("refreshes the token shortly before it expires, keeping one lineage", async () => {
    const client = fx.client()
    await client.i18n("en")
    const before = client.merchantLineage().snapshot()!
    await fx.advance(1200 - 60) // inside the refresh window, not expired
    await client.i18n("fr")
    const after = client.merchantLineage().snapshot()!
    expect(after.accessToken).not.toBe(before.accessToken)
    const counters = await fx.counters()
    expect(counters.token_refreshes).toBe(1)
    expect(counters.token_requests.merchant).toBe(1)
  })

  it("asks for a new token once the old one has expired (refresh is no longer allowed)", async () => {
    const client = fx.client()
    await client.i18n("en")
    await fx.advance(1300)
    await client.i18n("en")
    const counters = await fx.counters()
    expect(counters.token_refreshes ?? 0).toBe(0)
    expect(counters.token_requests.merchant).toBe(2)
  })

  it("renews the token and retries once when Flexiti answers 401 invalid_token", async () => {
    const client = fx.client()
    await client.i18n("en")
    await fx.control.post("/faults", { expire_tokens_now: true })
    const i18n = await client.i18n("en")
    expect(i18n.provinces.QC).toBeDefined()
    const counters = await fx.counters()
    expect(counters.token_requests.merchant).toBe(2)
  })

  it("sends the token request form-encoded; the sandbox refuses JSON", async () => {
    const client = fx.client()
    const token = await client.requestToken("merchant")
    expect(token.scope).toBe("merchant")
    const json = await axios.post(
      `${fx.sandbox.url}/flexiti/pos-api/v2.5/oauth/token`,
      { client_id: SANDBOX_DEFAULT_CLIENT.client_id, client_secret: SANDBOX_DEFAULT_CLIENT.client_secret },
      { validateStatus: () => true, headers: { "x-reference-id": "a".repeat(32) } }
    )
    expect(json.status).toBe(400)
    expect(json.data.error).toBe("invalid_request")
  })

  it("maps a wrong secret to a typed error with the reference id", async () => {
    const client = fx.client({ clientSecret: "wrong-secret" })
    const error = await client.testConnection("merchant", "b".repeat(32)).catch((e) => e)
    expect(error).toBeInstanceOf(FlexitiError)
    expect(error.code).toBe("invalid_client")
    expect(error.referenceId).toBe("b".repeat(32))
    expect(error.message).not.toContain("wrong-secret")
  })
})
