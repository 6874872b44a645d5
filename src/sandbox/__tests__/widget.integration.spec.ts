import { SANDBOX_DEFAULT_CLIENT, SANDBOX_TEST_ACCOUNTS } from "../index"
import { ACCOUNT, asDocumented, Kit, POS, promotional, startKit, widgetEvent } from "./sandbox-test-kit"

const FORM = { "content-type": "application/x-www-form-urlencoded", "x-reference-id": "0123456789abcdef0123456789abcdef" }

describe("sandbox widget flow", () => {
  let kit: Kit
  beforeAll(async () => {
    kit = await startKit()
  })
  afterAll(() => kit.sandbox.close())
  beforeEach(() => kit.sandbox.reset())

  const init = async (token: string) => {
    const res = await kit.call("POST", `${POS()}/widget/init`, token, {
      flow: "purchase",
      customer_identification: { personal_information: { first_name: "Test", last_name: "Shopper", postal_code: "M5V 2T6" } },
      lang: "fr",
    })
    expect(res.status).toBe(200)
    const url = new URL(asDocumented("pos-widget-init-response", res.data).redirection_url)
    const query = new URLSearchParams(url.hash.split("?")[1])
    return { url, sessionId: query.get("widget_session_id") as string, query }
  }
  const authorizeWith = (token: string) => kit.call("POST", `${POS(undefined, "v2.5.1")}/authorization`, token, promotional(100))

  it("returns a hosted-widget URL that carries no access token", async () => {
    const customer = await kit.token("customer")
    const { url, sessionId, query } = await init(customer.access_token)
    expect(url.origin).toBe(kit.sandbox.url)
    expect(url.hash).toMatch(new RegExp(`^#/widget/${SANDBOX_DEFAULT_CLIENT.client_id}/[0-9a-f]+\\?`))
    expect(url.href).not.toContain(customer.access_token)
    expect(query.get("lang")).toBe("fr")
    expect(query.get("x-reference-id")).toBe("0123456789abcdef0123456789abcdef")
    expect((await kit.http.get(`/__sandbox/widget-sessions/${sessionId}`)).data).toMatchObject({ status: "pending", flow: "purchase" })
  })

  it("authorizes only for the token lineage whose widget session was approved, also after a refresh", async () => {
    const customer = await kit.token("customer")
    const { sessionId } = await init(customer.access_token)

    expect((await authorizeWith(customer.access_token)).data.error).toBe("customer_identity_not_found")

    const approved = await kit.http.post(`/__sandbox/widget-sessions/${sessionId}/approve`, {})
    expect(approved.status).toBe(200)
    const event = widgetEvent(approved.data.event)
    expect(event).toEqual({
      eventType: "flx-success",
      eventData: {
        accountNumber: ACCOUNT,
        verified: true,
        action: "purchase",
        mfaOptionSelected: "sms",
        widget_session_id: sessionId,
        customerId: SANDBOX_TEST_ACCOUNTS.approved.customer_id,
        accountType: "consumer",
      },
    })

    const stranger = await kit.token("customer")
    const refused = await authorizeWith(stranger.access_token)
    expect(refused.status).toBe(404)
    expect(refused.data.error).toBe("customer_identity_not_found")

    const refreshed = await kit.http.post(
      "/flexiti/pos-api/v2.5/oauth/token",
      new URLSearchParams({
        client_id: SANDBOX_DEFAULT_CLIENT.client_id,
        client_secret: SANDBOX_DEFAULT_CLIENT.client_secret,
        grant_type: "refresh_token",
        refresh_token: customer.refresh_token,
      } as Record<string, string>).toString(),
      { headers: FORM }
    )
    const ok = await authorizeWith(refreshed.data.access_token)
    expect(ok.status).toBe(200)
    expect(ok.data.status).toBe("opened")

    // another account than the approved one is not covered by the session
    const otherAccount = await kit.call("POST", `${POS(undefined, "v2.5.1")}/authorization`, refreshed.data.access_token, {
      ...promotional(10),
      account_number: SANDBOX_TEST_ACCOUNTS.lowCredit.account_number,
    })
    expect(otherAccount.data.error).toBe("customer_identity_not_found")
  })

  it("declines as the documented purchase-failed scenario and refuses a second decision", async () => {
    const customer = await kit.token("customer")
    const { sessionId } = await init(customer.access_token)
    const declined = await kit.http.post(`/__sandbox/widget-sessions/${sessionId}/decline`)
    expect(
      widgetEvent(declined.data.event, {
        // A refused purchase has no account to name: the page documents accountNumber as null
        // then, and gives customerId and accountType only for an account.
        mayBeNull: ["customerId", "accountType"],
      })
    ).toMatchObject({
      eventType: "flx-success",
      eventData: { verified: false, action: "purchase" },
    })
    expect((await authorizeWith(customer.access_token)).data.error).toBe("customer_identity_not_found")
    expect((await kit.http.post(`/__sandbox/widget-sessions/${sessionId}/approve`, {})).status).toBe(409)
    expect((await kit.http.post(`/__sandbox/widget-sessions/nope/approve`, {})).status).toBe(404)
  })

  it("approves through the typed helper too", async () => {
    const customer = await kit.token("customer")
    const { sessionId } = await init(customer.access_token)
    const event = kit.sandbox.approveWidgetSession(sessionId, ACCOUNT)
    expect(event.eventType).toBe("flx-success")
    expect((await authorizeWith(customer.access_token)).status).toBe(200)
  })

  it("serves the framable widget page at / with the action buttons", async () => {
    for (const path of ["/", "/anything/else"]) {
      const res = await kit.http.get(path)
      expect(res.status).toBe(200)
      expect(res.headers["content-type"]).toMatch(/text\/html/)
      expect(res.headers["x-frame-options"]).toBeUndefined()
      for (const id of ["flx-approve", "flx-decline", "flx-cancel", "flx-fail"]) expect(res.data).toContain(`id="${id}"`)
      expect(res.data).toContain("postMessage")
      expect(res.data).toContain("Approuver")
    }
  })
})
