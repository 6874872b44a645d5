import { DOC_EXAMPLES, docExample, readingOf, verbatimText } from "../../__fixtures__/flexiti-docs"
import { FlexitiError } from "../errors"
import { documentedFlexiti } from "./documented-flexiti"

/**
 * The client against Flexiti's own examples (src/__fixtures__/flexiti-docs), served by a stub
 * that knows nothing but them. Tolerant reader: a field the docs do not mark required may be
 * missing, and any unknown field may be added; where the client cannot do without a field, it
 * fails with an invalid_response error that names the field.
 */
type Body = Record<string, unknown>
const without = (body: Body, key: string): Body => Object.fromEntries(Object.entries(body).filter(([k]) => k !== key))
const asBody = (id: string) => readingOf(docExample(id)) as Body

/** Placeholders the docs print in URLs, filled with the training host and sample ids. */
const GUID = "0123456789abcdef0123456789abcdef"
const fillPlaceholders = (url: string) =>
  url.replace("{posapi_url}", "https://posapi-training.flexiti.fi").replace("{client_id}", "flexitidemo").replace("{token}", "t0k3n").replaceAll("{GUID}", GUID)

describe("Flexiti's documented examples", () => {
  let flexiti: Awaited<ReturnType<typeof documentedFlexiti>>
  beforeAll(async () => {
    flexiti = await documentedFlexiti()
  })
  afterAll(() => flexiti.close())
  beforeEach(() => {
    flexiti.seen.length = 0
    flexiti.answer("/oauth/token", asBody("pos-token-response-1"))
  })

  describe("the fixtures", () => {
    it.each(DOC_EXAMPLES.map((e) => [e.id, e] as const))("%s has its verbatim text, its source and a reading that parses", (_id, example) => {
      expect(verbatimText(example).trim().length).toBeGreaterThan(0)
      expect(example.source.document).toBeTruthy()
      expect(example.source.seed).toBeTruthy()
      expect(example.source.lines).toMatch(/^\d+(-\d+)?$/)
      expect(() => readingOf(example)).not.toThrow()
    })

    it("reads seed 004's first token answer as printed: no scope", () => {
      expect(asBody("pos-token-response-1")).toEqual({
        token_type: "bearer",
        access_token: "3d8f373a9a2b1e61baf5abb69930ff4f0e08cdb0",
        expires_in: 1200,
        refresh_token: "36e0fc3d7415185f4b1d71512c459fd6eaa13aa8",
      })
    })

    it("reads the i18n example garbled by the diff as one object with top-level disclosures", () => {
      const i18n = asBody("pos-i18n-response")
      expect(Object.keys(i18n)).toEqual(
        expect.arrayContaining(["salutations", "provinces", "plan_ids", "qcpa_disclosure", "insurance", "insurance_tc", "annual_fees", "housing_type"])
      )
      expect(i18n).not.toHaveProperty("disclosures")
      expect(i18n.salutations).toEqual({ mr: "Mr.", ms: "Ms.", mrs: "Mrs.", mss: "Miss." })
      expect(i18n.provinces).toMatchObject({ NL: "Newfoundland & Labrador", YT: "Yukon Territory", QC: "Quebec" })
      expect(Object.keys(i18n.provinces as Body)).toHaveLength(13)
    })
  })

  describe("token answers", () => {
    it.each(["pos-token-response-1", "pos-token-response-2", "token-response-older"])("%s gives a token the next call carries", async (id) => {
      const token = asBody(id)
      flexiti.answer("/oauth/token", token)
      flexiti.answer("/refund", {})
      await flexiti.client().refundAccount(12341234, { amount: 1000.12, capture_id: 346123 })
      const refund = flexiti.seen.find((r) => r.path.endsWith("/refund"))
      expect(refund?.authorization).toBe(`Bearer ${token.access_token}`)
    })

    it("works without each field the docs do not require, and with unknown ones", async () => {
      const documented = { ...asBody("pos-token-response-2"), ...asBody("pos-token-response-1") }
      flexiti.answer("/refund", {})
      for (const key of ["token_type", "scope", "refresh_token"]) {
        flexiti.answer("/oauth/token", { ...without(documented, key), issued_at: "2026-12-04T00:00:00Z", extra: { nested: true } })
        await expect(flexiti.client().refundAccount(12341234, { amount: 10, capture_id: 346123 })).resolves.toEqual({})
      }
    })

    it.each(["access_token", "expires_in"])("says so when the required %s is missing", async (key) => {
      flexiti.answer("/oauth/token", without(asBody("pos-token-response-1"), key))
      flexiti.answer("/refund", {})
      const error = await flexiti
        .client()
        .refundAccount(12341234, { amount: 10, capture_id: 346123 })
        .catch((e: unknown) => e)
      expect(error).toBeInstanceOf(FlexitiError)
      expect(error).toMatchObject({ kind: "invalid_response", message: expect.stringContaining(key) })
    })
  })

  describe("back-office answers", () => {
    it("a refund's {} (and {} with unknown fields)", async () => {
      const client = flexiti.client()
      flexiti.answer("/refund", asBody("pos-refund-response"))
      await expect(client.refundAccount(12341234, { amount: 1000.12, capture_id: 346123 })).resolves.toEqual({})
      flexiti.answer("/refund", { status: "ok" })
      await expect(client.refundAccount(12341234, { amount: 1000.12, capture_id: 346123 })).resolves.toMatchObject({ status: "ok" })
    })

    // The page lists the return answer's fields and types without values: these values are ours.
    const returned: Body = {
      return_id: 99,
      reference: "Order-1234",
      capture_id: 346123,
      date: "2026-12-04T10:00:00Z",
      amount: 10,
      remaining_capture_amount: 0,
      remaining_authorization_amount: 0,
    }
    const returnIt = () => flexiti.client().returnCapture(12343, 346123, { reference: "Order-1234", full_return: false, amount: 10 })

    it("a return answer with the documented fields, each field the client can do without dropped, unknown ones added", async () => {
      expect(Object.keys(returned).sort()).toEqual(Object.keys(docExample("pos-return-response").keys ?? {}).sort())
      flexiti.answer("/return", { ...returned, unknown_field: [1] })
      await expect(returnIt()).resolves.toMatchObject({ return_id: 99, remaining_capture_amount: 0 })
      for (const key of Object.keys(returned).filter((k) => k !== "return_id")) {
        flexiti.answer("/return", without(returned, key))
        await expect(returnIt()).resolves.toMatchObject({ return_id: 99 })
      }
    })

    it("a return answer without return_id, the id the movement is recorded under, fails naming it", async () => {
      flexiti.answer("/return", without(returned, "return_id"))
      await expect(returnIt()).rejects.toMatchObject({ kind: "invalid_response", message: expect.stringContaining("return_id") })
    })
  })

  describe("error bodies", () => {
    it("the input error example: code, message and field errors", async () => {
      flexiti.answer("/refund", asBody("pos-input-error"), 409)
      const error = await flexiti
        .client()
        .refundAccount(12341234, { amount: 10, capture_id: 346123 })
        .catch((e: unknown) => e)
      expect(error).toMatchObject({ kind: "business", status: 409, code: "wrong_input", fieldErrors: [{ param: "param", msg: "msg" }] })
      expect((error as Error).message).toContain("Some inputs are wrong!")
    })

    it.each((readingOf(docExample("token-errors")) as { status: number; error: string }[]).map((e) => [e.status, e.error] as const))(
      "token error %i %s",
      async (status, code) => {
        flexiti.answer("/oauth/token", { error: code }, status)
        const error = await flexiti
          .client()
          .refundAccount(12341234, { amount: 10, capture_id: 346123 })
          .catch((e: unknown) => e)
        expect(error).toMatchObject({ status, code, kind: code === "invalid_client" ? "auth" : status === 409 ? "business" : "invalid_request" })
      }
    )

    it("the Online API failure body {code, error, error_description}", async () => {
      flexiti.answer("/payment-calculator", { code: 409, error: "wrong_inputs", error_description: "price is wrong" }, 409)
      const error = await flexiti
        .client()
        .paymentCalculator(499)
        .catch((e: unknown) => e)
      expect(error).toMatchObject({ status: 409, code: "wrong_inputs", message: expect.stringContaining("price is wrong") })
    })
  })

  describe("widget and Online API answers", () => {
    it("widget/init: the documented redirection_url gives the widget_session_id", async () => {
      const client = flexiti.client()
      const example = asBody("pos-widget-init-response")
      flexiti.answer("/widget/init", { redirection_url: fillPlaceholders(example.redirection_url as string), unknown_field: 1 })
      const session = await client.widgetInit(
        { flow: "purchase", customer_identification: { account_number: 12341234 } },
        { lineage: client.newCustomerLineage() }
      )
      expect(session.widget_session_id).toBe(GUID)
    })

    it("payment-calculator: the documented answer, unknown fields added, htmlRender dropped", async () => {
      const client = flexiti.client()
      const example = asBody("online-payment-calculator-response")
      flexiti.answer("/payment-calculator", { ...example, unknown_field: "x" })
      await expect(client.paymentCalculator(499, "fr")).resolves.toMatchObject({ paymentPlan: { monthlyPayment: "166.33", months: "3" } })
      flexiti.answer("/payment-calculator", without(example, "htmlRender"))
      await expect(client.paymentCalculator(499, "fr")).resolves.toMatchObject({ paymentPlan: { months: "3" } })
    })

    it("notifications: the documented apply answer, with each field dropped the client works or names it", async () => {
      const client = flexiti.client()
      const example = asBody("online-notification-apply")
      flexiti.answer("/notifications/order-id/131222", { ...example, unknown_field: true })
      await expect(client.notificationByOrderId(131222)).resolves.toMatchObject({ flow: "apply", apply: { apply_status: "SUCCESS" } })
      for (const key of Object.keys(example)) {
        flexiti.answer("/notifications/order-id/131222", without(example, key))
        const outcome = await client.notificationByOrderId(131222).catch((e: unknown) => e)
        if (outcome instanceof Error) expect(outcome).toMatchObject({ kind: "invalid_response", message: expect.stringContaining(key) })
        else expect(outcome).toMatchObject({ transaction_id: key === "transaction_id" ? undefined : 131222 })
      }
    })

    it("i18n: the documented answer, read from the garbled export, is accepted", async () => {
      flexiti.answer("/i18n", asBody("pos-i18n-response"))
      await expect(flexiti.client().i18n("en")).resolves.toMatchObject({ provinces: { NL: "Newfoundland & Labrador" } })
    })
  })
})
