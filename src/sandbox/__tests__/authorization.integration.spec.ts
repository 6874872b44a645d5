import { SANDBOX_TEST_ACCOUNTS } from "../index"
import { docExample, readingOf } from "../../__fixtures__/flexiti-docs"
import { ACCOUNT, asDocumented, POS, promotional, sharedKit } from "./sandbox-test-kit"

describe("sandbox POS authorization lifecycle", () => {
  const { kit, merchant, renewMerchant } = sharedKit()

  const authorize = async (body: unknown) => {
    const res = await kit().call("POST", `${POS(undefined, "v2.5.1")}/authorization`, merchant(), body)
    expect(res.status).toBe(200)
    return res.data
  }
  const capture = (id: number, amount: number) => kit().call("POST", `${POS()}/authorization/${id}/capture`, merchant(), { amount, reference: "order-1" })

  it("captures 40 % then 60 %, then refuses a third capture as authorization_ended", async () => {
    const auth = await authorize(promotional(100.1))
    expect(auth).toMatchObject({ status: "opened", amount: 100.1, remaining_authorization_amount: 100.1 })

    const first = await capture(auth.authorization_id, 40.04)
    expect(first.status).toBe(200)
    expect(first.data.remaining_authorization_amount).toBe(60.06)

    const over = await capture(auth.authorization_id, 60.07)
    expect(over.status).toBe(409)
    expect(over.data.error).toBe("auth_amount_exceeded")

    const second = await capture(auth.authorization_id, 60.06)
    expect(second.data.remaining_authorization_amount).toBe(0)
    const third = await capture(auth.authorization_id, 0.01)
    expect(third.status).toBe(409)
    expect(third.data.error).toBe("authorization_ended")

    const got = await kit().call("GET", `${POS(undefined, "v2.5.1")}/authorization/${auth.authorization_id}`, merchant())
    expect(got.data).toMatchObject({ status: "closed", captured_amount: 100.1 })
    expect(got.data.captures).toHaveLength(2)
  })

  it("releases part, then the rest, and restores available credit", async () => {
    const auth = await authorize(promotional(300))
    const credit = async () => (await kit().call("GET", `${POS()}/customers/lookup?account_number=${ACCOUNT}`, merchant())).data.available_credit
    expect(await credit()).toBe(9700)

    const tooMuch = await kit().call("POST", `${POS()}/authorization/${auth.authorization_id}/release`, merchant(), { amount: 300.01 })
    expect(tooMuch.data.error).toBe("auth_amount_exceeded")
    const part = await kit().call("POST", `${POS()}/authorization/${auth.authorization_id}/release`, merchant(), { amount: 100 })
    expect(part.data).toMatchObject({ remaining_authorization_amount: 200, status: "opened" })
    const rest = await kit().call("POST", `${POS()}/authorization/${auth.authorization_id}/release`, merchant(), {})
    expect(rest.data).toMatchObject({ amount: 200, released_amount: 300, remaining_authorization_amount: 0, status: "closed" })
    expect(await credit()).toBe(10000)
    const again = await kit().call("POST", `${POS()}/authorization/${auth.authorization_id}/release`, merchant(), {})
    expect(again.status).toBe(409)
    expect(again.data.error).toBe("authorization_ended")
  })

  it("returns within limits and refuses over-returns, late returns and regular purchases", async () => {
    const auth = await authorize(promotional(200, { auto_capture: true }))
    expect(auth.status).toBe("closed")
    const captureId = auth.captures[0].capture_id
    const ret = (amount: number, id = auth.authorization_id, cid = captureId) =>
      kit().call("POST", `${POS()}/authorization/${id}/capture/${cid}/return`, merchant(), { amount, full_return: false, reference: "rma-1" })

    const ok = await ret(50.5)
    expect(ok.status).toBe(200)
    expect(asDocumented("pos-return-response", ok.data)).toMatchObject({ capture_id: captureId, amount: 50.5, remaining_capture_amount: 149.5 })
    const over = await ret(149.51)
    expect(over.status).toBe(409)
    expect(over.data.error).toBe("capture_amount_exceeded")
    expect((await ret(1, auth.authorization_id, 999)).status).toBe(404)

    kit().sandbox.advanceClock(101 * 24 * 3600)
    await renewMerchant()
    const late = await ret(1)
    expect(late.status).toBe(409)
    expect(late.data.error).toBe("return_date_exceeded")

    const regular = await authorize({ ...promotional(20, { auto_capture: true }), financing_option: { transaction_type: "regular_purchase" } })
    const wrong = await ret(5, regular.authorization_id, regular.captures[0].capture_id)
    expect(wrong.status).toBe(409)
    expect(wrong.data).toMatchObject({ error: "wrong_transaction_type", message: "The capture is not related to a promotional purchase" })
  })

  it("refunds against an account's capture up to what was not returned", async () => {
    const auth = await authorize(promotional(100, { auto_capture: true }))
    const captureId = auth.captures[0].capture_id
    await kit().call("POST", `${POS()}/authorization/${auth.authorization_id}/capture/${captureId}/return`, merchant(), {
      amount: 30,
      full_return: false,
    })
    const refund = (amount: number, account: number = ACCOUNT) =>
      kit().call("POST", `${POS()}/accounts/${account}/refund`, merchant(), { amount, capture_id: captureId, reference: "r" })
    const over = await refund(70.01)
    expect(over.status).toBe(409)
    expect(over.data.error).toBe("refunds_limit_exceeded_amount")
    const ok = await refund(70)
    expect(ok.status).toBe(200)
    expect(ok.data).toEqual({})
    expect((await refund(1, SANDBOX_TEST_ACCOUNTS.lowCredit.account_number)).status).toBe(404)
    expect((await refund(1, 99999999999999)).status).toBe(404)

    const state = (await kit().http.get(`/__sandbox/authorizations/${auth.authorization_id}`)).data
    expect(state.captures[0]).toMatchObject({ remaining_capture_amount: 0, returns: [{ amount: 30 }], refunds: [{ amount: 70 }] })
    expect((await kit().http.get("/__sandbox/counters")).data).toMatchObject({
      authorizations_created: 1,
      captures: 1,
      returns: 1,
      refunds: 1,
    })
  })

  it("refuses unknown accounts, exceeded credit, blocked accounts and unoffered plans", async () => {
    const create = (body: unknown) => kit().call("POST", `${POS(undefined, "v2.5.1")}/authorization`, merchant(), body)
    expect((await create(promotional(10, { account_number: 99999999999999 }))).data.error).toBe("not_found")
    const credit = await create(promotional(50.01, { account_number: SANDBOX_TEST_ACCOUNTS.lowCredit.account_number }))
    expect(credit.status).toBe(409)
    expect(credit.data.error).toBe("credit_exceeded")
    expect((await create(promotional(50, { account_number: SANDBOX_TEST_ACCOUNTS.lowCredit.account_number }))).status).toBe(200)
    expect((await create(promotional(10, { account_number: SANDBOX_TEST_ACCOUNTS.blocked.account_number }))).data.error).toBe("user_not_able_to_purchase")
    const plan = await create({ ...promotional(10), financing_option: { transaction_type: "promotional_purchase", plan_id: 5, term: 7 } })
    expect(plan.data.error).toBe("plan_term_not_available")
  })

  it("validates bodies and headers with 409 wrong_inputs", async () => {
    const bad = await kit().call("POST", `${POS(undefined, "v2.5.1")}/authorization`, merchant(), { ...promotional(10.001) })
    expect(bad.status).toBe(409)
    expect(bad.data).toMatchObject({ message: "Some inputs are wrong!", error: "wrong_inputs" })
    expect(bad.data.field_errors[0]).toMatchObject({ param: "amount", value: 10.001 })
    expect(bad.data.url).toContain("/authorization")

    const noRef = await kit().http.get(`${POS()}/customers/lookup?account_number=${ACCOUNT}`, {
      headers: { authorization: `Bearer ${merchant()}` },
    })
    expect(noRef.status).toBe(409)
    expect(noRef.data.field_errors).toEqual([{ param: "x-reference-id", msg: "required" }])
    const shortRef = await kit().call("GET", `${POS()}/customers/lookup?account_number=${ACCOUNT}`, merchant(), undefined, {
      "x-reference-id": "abc",
    })
    expect(shortRef.status).toBe(200)
  })

  it("enforces scopes: customer tokens only on customer-facing endpoints", async () => {
    const customer = (await kit().token("customer")).access_token
    const auth = await authorize(promotional(10))
    const forbidden = await kit().call("POST", `${POS()}/authorization/${auth.authorization_id}/capture`, customer, { amount: 1 })
    expect(forbidden.status).toBe(403)
    expect(forbidden.data).toMatchObject({ error: "insufficient_scope", message: "Insufficient scope: authorized scope is insufficient" })
    for (const [method, path] of [
      ["GET", `${POS(undefined, "v2.5.1")}/authorization/${auth.authorization_id}`],
      ["GET", `${POS(undefined, "v2.5.1")}/authorizations`],
      ["POST", `${POS()}/authorization/${auth.authorization_id}/release`],
      ["GET", `${POS()}/customers/lookup?account_number=${ACCOUNT}`],
    ]) {
      expect((await kit().call(method, path, customer, {})).status).toBe(403)
    }
    expect((await kit().call("GET", `${POS()}/i18n?lang=fr`, customer)).status).toBe(200)
    expect((await kit().call("POST", `${POS(undefined, "v2.5.1")}/accounts/${ACCOUNT}/calculate-interest`, customer, { amount: 10 })).status).toBe(200)
  })

  it("lists authorizations by reference and status", async () => {
    await authorize(promotional(10, { reference: "a" }))
    await authorize(promotional(20, { reference: "b", auto_capture: true }))
    const list = async (query: string) => (await kit().call("GET", `${POS(undefined, "v2.5.1")}/authorizations?${query}`, merchant())).data.authorizations
    expect((await list("reference=b")).map((a: { amount: number }) => a.amount)).toEqual([20])
    expect(await list("authorization_status=opened")).toHaveLength(1)
    expect(await list(`account_number=${ACCOUNT}&page_size=1&page_number=2`)).toHaveLength(1)
  })

  it("keeps each client's state isolated", async () => {
    await kit().http.post("/__sandbox/clients", { client_id: "other", client_secret: "s2" })
    const other = (await kit().token("merchant", { client_id: "other", client_secret: "s2" })).access_token
    const auth = await authorize(promotional(500))
    const fromOther = await kit().call("GET", `${POS("other", "v2.5.1")}/authorization/${auth.authorization_id}`, other)
    expect(fromOther.status).toBe(404)
    const otherAccount = await kit().call("GET", `${POS("other")}/customers/lookup?account_number=${ACCOUNT}`, other)
    expect(otherAccount.data.available_credit).toBe(10000)
    const own = await kit().call("GET", `${POS()}/customers/lookup?account_number=${ACCOUNT}`, merchant())
    expect(own.data.available_credit).toBe(9500)
  })

  it("serves reference data with the documented keys", async () => {
    const lookup = await kit().call("GET", `${POS()}/customers/lookup?customer_id=${SANDBOX_TEST_ACCOUNTS.approved.customer_id}`, merchant())
    expect(lookup.data).toMatchObject({ account_number: ACCOUNT, first_name: "Test", last_name: "Shopper" })

    const calc = await kit().call("POST", `${POS(undefined, "v2.5.1")}/accounts/${ACCOUNT}/calculate-interest`, merchant(), { amount: 100.01 })
    const parsed = asDocumented("pos-calculate-interest-response", calc.data)
    const plan5 = parsed.promotional_purchase.find((p: { plan_id: number }) => p.plan_id === 5)
    // 10001 cents / 6 = 1666.83 -> 1667 (half-up); / 12 = 833.4 -> 833
    expect(plan5?.terms.map((t: { term_amount: number }) => t.term_amount)).toEqual([16.67, 8.33])
    expect(plan5?.plan_name).toBe("Equal Payments, No Interest")

    const fr = await kit().call("GET", `${POS()}/i18n?lang=fr`, merchant())
    const labels = fr.data
    expect(Object.keys(labels.provinces)).toHaveLength(13)
    expect(labels.plan_ids["5"]).toBe("Versements égaux, sans intérêt")
    expect(Object.keys(labels.salutations ?? {})).toEqual(["mr", "ms", "mrs", "mss"])
    expect((await kit().call("GET", `${POS()}/i18n?lang=de`, merchant())).status).toBe(409)
  })

  it("refuses an authorization for a virtual card it does not know with 404 (Business Account test plan)", async () => {
    const card = SANDBOX_TEST_ACCOUNTS.approved.vcc_number
    const unknown = await kit().call("POST", `${POS(undefined, "v2.5.1")}/authorization`, merchant(), { ...promotional(10), vcc_number: "5999999999999999" })
    expect(unknown.status).toBe(404)
    expect(JSON.stringify(unknown.data)).toContain("not_found")
    expect((await authorize({ ...promotional(10), vcc_number: card })).authorization_id).toEqual(expect.any(Number))
  })

  it("answers i18n in the documented shape: label maps and the disclosure texts at the top level, the documented province names", async () => {
    const documented = readingOf(docExample("pos-i18n-response")) as Record<string, Record<string, unknown>>
    for (const lang of ["en", "fr"]) {
      const answer = (await kit().call("GET", `${POS()}/i18n?lang=${lang}`, merchant())).data
      // the sandbox serves no identity-document lists (its widget asks for none)
      asDocumented("pos-i18n-response", answer, { mayLack: ["govid_types", "govid_issued_bys"] })
      expect(Object.keys(answer.provinces).sort()).toEqual(Object.keys(documented.provinces).sort())
      expect(answer).not.toHaveProperty("disclosures")
    }
    const en = (await kit().call("GET", `${POS()}/i18n?lang=en`, merchant())).data
    expect(en.provinces).toEqual(documented.provinces)
    expect(en.plan_ids).toEqual(documented.plan_ids)
    expect(en.transaction_types).toEqual(documented.transaction_types)
  })
})
