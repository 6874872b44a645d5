import { SANDBOX_DEFAULT_CLIENT } from "../index"
import { ACCOUNT, asDocumented, Kit, ONLINE, POS, startKit } from "./sandbox-test-kit"

const FORM = { "content-type": "application/x-www-form-urlencoded", "x-reference-id": "0123456789abcdef0123456789abcdef" }
const creds = { client_id: SANDBOX_DEFAULT_CLIENT.client_id, client_secret: SANDBOX_DEFAULT_CLIENT.client_secret }

describe("sandbox oauth/token", () => {
  let kit: Kit
  beforeAll(async () => {
    kit = await startKit()
  })
  afterAll(() => kit.sandbox.close())
  beforeEach(() => kit.sandbox.reset())

  it("issues a bearer token for a form-encoded request on both APIs", async () => {
    // Printed on v2.5; no page says v2.5.1 refuses it. A version Flexiti never printed is unknown.
    const unknown = await kit.http.post("/flexiti/pos-api/v2.4/oauth/token", new URLSearchParams(creds).toString(), { headers: FORM })
    expect(unknown.status).toBe(404)
    for (const path of ["/flexiti/pos-api/v2.5/oauth/token", "/flexiti/pos-api/v2.5.1/oauth/token", `${ONLINE}/oauth/token`]) {
      const res = await kit.http.post(path, new URLSearchParams(creds).toString(), { headers: FORM })
      expect(res.status).toBe(200)
      const body = asDocumented("pos-token-response-2", res.data)
      expect(body).toMatchObject({ token_type: "bearer", expires_in: 1200, scope: "merchant" })
    }
    const customer = await kit.http.post(`${ONLINE}/oauth/token`, new URLSearchParams({ ...creds, scope: "customer" }).toString(), { headers: FORM })
    expect(customer.data.scope).toBe("customer")
    expect((await kit.http.get("/__sandbox/counters")).data.token_requests).toEqual({ merchant: 3, customer: 1 })
  })

  it("refuses a JSON token request with the documented encoding error", async () => {
    const res = await kit.http.post("/flexiti/pos-api/v2.5/oauth/token", creds, { headers: { "x-reference-id": FORM["x-reference-id"] } })
    expect(res.status).toBe(400)
    expect(res.data.error).toBe("invalid_request")
    expect(res.data.error_description).toMatch(/x-www-form-urlencoded/)
  })

  it("answers invalid_client for a wrong secret or unknown client", async () => {
    for (const body of [
      { ...creds, client_secret: "nope" },
      { client_id: "ghost", client_secret: "x" },
    ]) {
      const res = await kit.http.post(`${ONLINE}/oauth/token`, new URLSearchParams(body).toString(), { headers: FORM })
      expect(res.status).toBe(400)
      expect(res.data.error).toBe("invalid_client")
    }
  })

  it("expires tokens on the sandbox clock; refresh works before expiry only", async () => {
    const first = await kit.token()
    const lookup = (token: string) => kit.call("GET", `${POS()}/customers/lookup?account_number=${ACCOUNT}`, token)
    expect((await lookup(first.access_token)).status).toBe(200)

    kit.sandbox.advanceClock(1100)
    const refresh = (refresh_token: string) =>
      kit.http.post("/flexiti/pos-api/v2.5/oauth/token", new URLSearchParams({ ...creds, grant_type: "refresh_token", refresh_token }).toString(), {
        headers: FORM,
      })
    const refreshed = await refresh(first.refresh_token)
    expect(refreshed.status).toBe(200)
    expect(refreshed.data.access_token).not.toBe(first.access_token)

    await kit.http.post("/__sandbox/clock", { advance_seconds: 101 })
    const expired = await lookup(first.access_token)
    expect(expired.status).toBe(401)
    expect(expired.data.error).toBe("invalid_token")
    const late = await refresh(first.refresh_token)
    expect(late.status).toBe(400)
    expect(late.data).toMatchObject({ error: "invalid_grant", error_description: "token expired, cannot be refreshed" })

    // the refreshed token got a full lifetime of its own
    expect((await lookup(refreshed.data.access_token)).status).toBe(200)
    expect((await kit.http.get("/__sandbox/counters")).data.token_refreshes).toBe(1)
  })

  it("honours a configured token lifetime", async () => {
    const short = await startKit({ tokenLifetimeSeconds: 60 })
    try {
      const res = await short.http.post(`${ONLINE}/oauth/token`, new URLSearchParams(creds).toString(), { headers: FORM })
      expect(res.data.expires_in).toBe(60)
    } finally {
      await short.sandbox.close()
    }
  })

  it("rejects missing, unknown and wrong-client bearer tokens with 401 / 403", async () => {
    const path = `${POS()}/customers/lookup?account_number=${ACCOUNT}`
    const missing = await kit.http.get(path, { headers: { "x-reference-id": "r" } })
    expect(missing.status).toBe(401)
    expect(missing.data.error).toBe("invalid_token")
    expect((await kit.call("GET", path, "not-a-token")).status).toBe(401)
    const { access_token } = await kit.token()
    const other = await kit.call("GET", `${POS("someone-else")}/customers/lookup?account_number=${ACCOUNT}`, access_token)
    expect(other.status).toBe(403)
  })
})
