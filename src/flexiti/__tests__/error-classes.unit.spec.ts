import { FlexitiError } from "../errors"

/**
 * One place says what a failed Flexiti call means for every path (Flexiti's Error Overview): a
 * refusal (told in words for its code), an outage whose outcome is unknown (never assumed applied
 * or not), or an answer that says nothing was applied.
 */
describe("FlexitiError classes", () => {
  const answered = (status: number, error?: string) => FlexitiError.fromResponse(status, error ? { error } : {}, { referenceId: "r" })
  const lost = FlexitiError.network(Object.assign(new Error("socket hang up"), { code: "ECONNRESET" }), { referenceId: "r" })

  it.each([
    ["409 credit_exceeded", answered(409, "credit_exceeded"), { isRefusal: true, isTransient: false, certainlyNotApplied: true }],
    ["404 not_found", answered(404, "not_found"), { isRefusal: true, isTransient: false, certainlyNotApplied: true }],
    ["401 invalid_token", answered(401, "invalid_token"), { isRefusal: false, isTransient: false, certainlyNotApplied: true }],
    ["466 blocked", answered(466), { isRefusal: false, isTransient: false, certainlyNotApplied: true }],
    ["503", answered(503), { isRefusal: false, isTransient: true, certainlyNotApplied: false }],
    ["connection reset", lost, { isRefusal: false, isTransient: true, certainlyNotApplied: false }],
    [
      "an answer that does not parse",
      new FlexitiError({ kind: "invalid_response", message: "Flexiti answered in an unexpected shape" }),
      { isRefusal: false, isTransient: false, certainlyNotApplied: false },
    ],
  ])("%s", (_name, error, expected) => {
    expect({ isRefusal: error.isRefusal, isTransient: error.isTransient, certainlyNotApplied: error.certainlyNotApplied }).toEqual(expected)
  })
})
