import { widgetMessageSchema } from "../../flexiti/schemas"
import { expectedOriginOf, isTrustedOrigin, parseWidgetMessage } from "../messages"

const success = {
  accountNumber: 10000000000001,
  verified: true,
  action: "purchase",
  mfaOptionSelected: "sms",
  widget_session_id: "0f8fad5b-d9cb-469f-a165-70867728950e",
  customerId: "1234567-12345",
  accountType: "consumer",
}

const SAMPLES: [string, unknown][] = [
  ["full flx-success", { eventType: "flx-success", eventData: success }],
  ["minimal flx-success", { eventType: "flx-success", eventData: { accountNumber: null, verified: false, action: null, widget_session_id: "w" } }],
  ["flx-success with nulls", { eventType: "flx-success", eventData: { ...success, mfaOptionSelected: null, customerId: null, accountType: null } }],
  ["flx-success older mfa value", { eventType: "flx-success", eventData: { ...success, mfaOptionSelected: "security_answer" } }],
  ["flx-success activation", { eventType: "flx-success", eventData: { ...success, accountNumber: null, verified: false, action: "activation" } }],
  ["flx-success with extra keys (stripped)", { eventType: "flx-success", eventData: { ...success, extra: 1 }, more: true }],
  ["flx-success explicit undefined optional", { eventType: "flx-success", eventData: { ...success, customerId: undefined } }],
  ["flx-success account 0", { eventType: "flx-success", eventData: { ...success, accountNumber: 0 } }],
  ["flx-success negative account", { eventType: "flx-success", eventData: { ...success, accountNumber: -5 } }],
  ["flx-success fractional account", { eventType: "flx-success", eventData: { ...success, accountNumber: 1.5 } }],
  ["flx-success account as string", { eventType: "flx-success", eventData: { ...success, accountNumber: "10000000000001" } }],
  ["flx-success unsafe integer", { eventType: "flx-success", eventData: { ...success, accountNumber: 2 ** 60 } }],
  ["flx-success NaN", { eventType: "flx-success", eventData: { ...success, accountNumber: NaN } }],
  ["flx-success Infinity", { eventType: "flx-success", eventData: { ...success, accountNumber: Infinity } }],
  ["flx-success missing accountNumber", { eventType: "flx-success", eventData: { verified: true, action: "purchase", widget_session_id: "w" } }],
  ["flx-success verified as string", { eventType: "flx-success", eventData: { ...success, verified: "true" } }],
  ["flx-success unknown action", { eventType: "flx-success", eventData: { ...success, action: "buy" } }],
  ["flx-success missing action", { eventType: "flx-success", eventData: { ...success, action: undefined } }],
  ["flx-success unknown mfa", { eventType: "flx-success", eventData: { ...success, mfaOptionSelected: "fax" } }],
  ["flx-success empty session id", { eventType: "flx-success", eventData: { ...success, widget_session_id: "" } }],
  ["flx-success numeric session id", { eventType: "flx-success", eventData: { ...success, widget_session_id: 42 } }],
  ["flx-success customerId number", { eventType: "flx-success", eventData: { ...success, customerId: 12 } }],
  ["flx-success unknown accountType", { eventType: "flx-success", eventData: { ...success, accountType: "corporate" } }],
  ["flx-success without eventData", { eventType: "flx-success" }],
  ["flx-success eventData array", { eventType: "flx-success", eventData: [success] }],
  ["flx-failure", { eventType: "flx-failure", eventData: { error: 409, message: "credit_exceeded" } }],
  ["flx-failure extra key", { eventType: "flx-failure", eventData: { error: 500, message: "x", url: "/a" } }],
  ["flx-failure error as string", { eventType: "flx-failure", eventData: { error: "409", message: "x" } }],
  ["flx-failure fractional error", { eventType: "flx-failure", eventData: { error: 4.2, message: "x" } }],
  ["flx-failure missing message", { eventType: "flx-failure", eventData: { error: 409 } }],
  ["flx-failure no eventData", { eventType: "flx-failure" }],
  ["flx-cancel", { eventType: "flx-cancel" }],
  ["flx-cancel with eventData", { eventType: "flx-cancel", eventData: { any: "thing" } }],
  ["flx-cancel with null eventData", { eventType: "flx-cancel", eventData: null }],
  ["unknown eventType", { eventType: "flx-done", eventData: {} }],
  ["eventType case", { eventType: "FLX-CANCEL" }],
  ["no eventType", { eventData: success }],
  ["string payload", JSON.stringify({ eventType: "flx-cancel" })],
  ["null", null],
  ["undefined", undefined],
  ["number", 42],
  ["array", [{ eventType: "flx-cancel" }]],
]

describe("parseWidgetMessage mirrors widgetMessageSchema", () => {
  it.each(SAMPLES)("%s", (_name, sample) => {
    const zod = widgetMessageSchema.safeParse(sample)
    const guard = parseWidgetMessage(sample)
    expect(guard !== undefined).toBe(zod.success)
    if (zod.success) expect(guard).toEqual(zod.data)
  })

  it("covers accepted and refused samples", () => {
    const accepted = SAMPLES.filter(([, s]) => widgetMessageSchema.safeParse(s).success).length
    expect(accepted).toBeGreaterThanOrEqual(8)
    expect(SAMPLES.length - accepted).toBeGreaterThanOrEqual(20)
  })
})

describe("origin check", () => {
  it("expects the origin of the redirection URL unless one is given", () => {
    expect(expectedOriginOf("https://posapi-training.flexiti.fi/widget/#/widget/a/b?lang=en")).toBe("https://posapi-training.flexiti.fi")
    expect(expectedOriginOf("http://127.0.0.1:4010/#/widget/x")).toBe("http://127.0.0.1:4010")
    expect(expectedOriginOf("https://a.example/x", "https://b.example")).toBe("https://b.example")
  })

  it("accepts the exact origin only", () => {
    const expected = "https://posapi.flexiti.fi"
    expect(isTrustedOrigin("https://posapi.flexiti.fi", expected)).toBe(true)
    expect(isTrustedOrigin("https://posapi.flexiti.fi:443", expected)).toBe(true)
    expect(isTrustedOrigin("http://posapi.flexiti.fi", expected)).toBe(false)
    expect(isTrustedOrigin("https://posapi.flexiti.fi.evil.com", expected)).toBe(false)
    expect(isTrustedOrigin("https://evil.com", expected)).toBe(false)
    expect(isTrustedOrigin("https://posapi.flexiti.fi:8443", expected)).toBe(false)
    expect(isTrustedOrigin("null", expected)).toBe(false)
    expect(isTrustedOrigin("", expected)).toBe(false)
    expect(isTrustedOrigin("not a url", expected)).toBe(false)
  })
})
