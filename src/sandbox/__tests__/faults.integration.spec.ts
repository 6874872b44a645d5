import { POS, promotional, sharedKit } from "./sandbox-test-kit"

describe("sandbox fault injection and counters", () => {
  const { kit, merchant, renewMerchant } = sharedKit()
  const faults = (body: unknown) => kit().http.post("/__sandbox/faults", body)
  const authorize = () => kit().call("POST", `${POS(undefined, "v2.5.1")}/authorization`, merchant(), promotional(100))
  const listAll = async () => (await kit().http.get("/__sandbox/authorizations")).data.authorizations

  it("error_next and failNextWith answer documented errors once, in the shape of the API called", async () => {
    await faults({
      error_next: [
        { code: "not_permitted", path_contains: "/release" },
        { code: "invalid_role", path_contains: "oauth/token" },
      ],
    })
    const { data } = await authorize()
    const refused = await kit().call("POST", `${POS()}/authorization/${data.authorization_id}/release`, merchant(), {})
    expect(refused.status).toBe(409)
    expect(refused.data).toMatchObject({ error: "not_permitted", url: expect.stringContaining("/release"), message: expect.any(String) })
    await expect(kit().token("merchant")).rejects.toThrow(/409.*invalid_role/)
    kit().sandbox.failNextWith("general_error", "/release")
    expect((await kit().call("POST", `${POS()}/authorization/${data.authorization_id}/release`, merchant(), {})).data.error).toBe("general_error")
    expect((await kit().call("POST", `${POS()}/authorization/${data.authorization_id}/release`, merchant(), {})).status).toBe(200)
    expect((await faults({ error_next: [{ code: "made_up" }] })).status).toBe(400)
  })

  it("serves GET captures (v2.5.1) and customers/search (v2.5) to merchant() tokens only", async () => {
    const { data } = await authorize()
    await kit().call("POST", `${POS()}/authorization/${data.authorization_id}/capture`, merchant(), { amount: 30 })
    const captures = await kit().call("GET", `${POS(undefined, "v2.5.1")}/captures?authorization_id=${data.authorization_id}`, merchant())
    expect(captures.data.captures).toMatchObject([{ amount: 30, authorization_id: data.authorization_id }])
    const search = await kit().call("GET", `${POS()}/customers/search?first_name=test&last_name=SHOPPER&dob=1980-01-01`, merchant())
    expect(search.data.customers.map((c: { account_number: number }) => c.account_number)).toContain(10000000000001)
    const noDob = await kit().call("GET", `${POS()}/customers/search?first_name=Test&last_name=Shopper`, merchant())
    expect(noDob.data.field_errors).toEqual([{ param: "dob", msg: "required" }])
    const customer = (await kit().token("customer")).access_token
    expect((await kit().call("GET", `${POS(undefined, "v2.5.1")}/captures`, customer)).status).toBe(403)
    expect((await kit().call("GET", `${POS()}/customers/search?first_name=Test&last_name=Shopper&dob=1980-01-01`, customer)).status).toBe(403)
  })

  it("reset_next destroys the socket before the call is applied", async () => {
    await faults({ reset_next: 1 })
    await expect(authorize()).rejects.toMatchObject({ code: expect.stringMatching(/ECONNRESET|socket hang up/i) })
    expect(await listAll()).toHaveLength(0)
    expect((await authorize()).status).toBe(200)
  })

  it("reset_after_apply_next applies the call but loses the answer", async () => {
    await faults({ reset_after_apply_next: 1 })
    await expect(authorize()).rejects.toBeTruthy()
    expect(await listAll()).toHaveLength(1)
  })

  it("fail_next answers once with the given status and body on matching paths only", async () => {
    await faults({ fail_next: [{ path_contains: "/capture", status: 503, body: { error: "maintenance" } }] })
    const auth = (await authorize()).data
    const capture = () => kit().call("POST", `${POS()}/authorization/${auth.authorization_id}/capture`, merchant(), { amount: 10 })
    const failed = await capture()
    expect(failed.status).toBe(503)
    expect(failed.data).toEqual({ error: "maintenance" })
    expect((await capture()).status).toBe(200)
  })

  it("server_error_rate 1 fails every resource call but not token calls or the control API", async () => {
    await faults({ server_error_rate: 1 })
    expect((await authorize()).status).toBe(500)
    await kit().token("merchant")
    expect((await kit().http.get("/__sandbox/counters")).status).toBe(200)
    await kit().http.delete("/__sandbox/faults")
    expect((await authorize()).status).toBe(200)
  })

  it("tamper_amount_next books a different amount once", async () => {
    await faults({ tamper_amount_next: 0.01 })
    expect((await authorize()).data.amount).toBe(100.01)
    expect((await authorize()).data.amount).toBe(100)
  })

  it("latency_ms delays Flexiti calls", async () => {
    await faults({ latency_ms: 300 })
    const started = Date.now()
    await authorize()
    expect(Date.now() - started).toBeGreaterThanOrEqual(290)
  })

  it("expire_tokens_now expires every issued token and refuses their refresh", async () => {
    const customer = await kit().token("customer")
    await faults({ expire_tokens_now: true })
    const res = await authorize()
    expect(res.status).toBe(401)
    expect(res.data.error).toBe("invalid_token")
    const refresh = await kit().http.post(
      "/flexiti/pos-api/v2.5/oauth/token",
      new URLSearchParams({
        client_id: "sandbox-client",
        client_secret: "sandbox-secret",
        grant_type: "refresh_token",
        refresh_token: customer.refresh_token,
      }).toString(),
      { headers: { "content-type": "application/x-www-form-urlencoded", "x-reference-id": "0123456789abcdef0123456789abcdef" } }
    )
    expect(refresh.data.error).toBe("invalid_grant")
    await renewMerchant()
    expect((await authorize()).status).toBe(200)
  })

  it("rejects bad control input with 400", async () => {
    expect((await faults({ server_error_rate: 2 })).status).toBe(400)
    expect((await faults({ unknown_fault: 1 })).status).toBe(400)
    expect((await kit().http.post("/__sandbox/clock", { advance_seconds: -1 })).status).toBe(400)
  })

  it("counts calls by normalised path and operations", async () => {
    const auth = (await authorize()).data
    await kit().call("POST", `${POS()}/authorization/${auth.authorization_id}/capture`, merchant(), { amount: 10 })
    await kit().call("POST", `${POS()}/authorization/${auth.authorization_id}/capture`, merchant(), { amount: 10 })
    await kit().call("POST", `${POS()}/authorization/${auth.authorization_id}/release`, merchant(), {})
    const counters = (await kit().http.get("/__sandbox/counters")).data
    expect(counters).toMatchObject({ token_requests: { merchant: 1, customer: 0 }, authorizations_created: 1, captures: 2, releases: 1 })
    expect(counters.calls_by_path).toEqual({
      "POST /flexiti/pos-api/v2.5/oauth/token": 1,
      "POST /flexiti/pos-api/v2.5.1/client-id/:client_id/authorization": 1,
      "POST /flexiti/pos-api/v2.5/client-id/:client_id/authorization/:id/capture": 2,
      "POST /flexiti/pos-api/v2.5/client-id/:client_id/authorization/:id/release": 1,
    })
    expect(kit().sandbox.counters().captures).toBe(2)
    await kit().http.post("/__sandbox/reset")
    expect((await kit().http.get("/__sandbox/counters")).data.captures).toBe(0)
  })
})
