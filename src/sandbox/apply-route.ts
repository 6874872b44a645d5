import { apply, isTestApplicant, TestApplicantKey } from "./applicants"
import { SandboxCore } from "./core"
import { Body, FieldSpec, isPresent, RequestSpec, stringAt, valueAt } from "./docs/fields"
import { WIDGET_INIT_REQUEST } from "./docs/requests"
import { HttpError, jsonBody, ok, requireValid, Route, route } from "./http-utils"
import { ANY_SCOPE, authorize, Caller } from "./resource-guard"
import { Application, WidgetSession } from "./state"

/** widget/init's application fields ("if apply"), required as they are for an application. */
const APPLICATION_FIELDS = ["tos_agreement", "email", "phone_number", "address_1", "address_2", "city", "province", "account_type"]
const applicationFields: FieldSpec[] = WIDGET_INIT_REQUEST.fields
  .filter((f) => APPLICATION_FIELDS.includes(f.path))
  .map((f) => ({ ...f, required: typeof f.required === "function" ? (f.required({ flow: "apply" }) ? true : undefined) : f.required }))

/**
 * POST /apply (Authentication Endpoints list it among the customer-scope calls; SDK Init Method:
 * after the application's flx-success the merchant "must call the POST /apply endpoint", which
 * checks that the personal data matches widget/init and the widget_session_id). The page gives no
 * field table: the sandbox reads the body as widget/init's application fields plus the
 * widget_session_id and the applicant's personal_information (docs/assumptions.md, "Assumptions about
 * the Flexiti API": APPLY_REQUEST).
 */
export const APPLY_REQUEST: RequestSpec = {
  fields: [
    { path: "widget_session_id", type: "string", required: true, max: 36 },
    { path: "customer_identification", type: "object", required: true },
    { path: "customer_identification.personal_information", type: "object", required: true },
    { path: "customer_identification.personal_information.first_name", type: "string", max: 80, required: true },
    { path: "customer_identification.personal_information.last_name", type: "string", max: 80, required: true },
    { path: "customer_identification.personal_information.dob", type: "date" },
    { path: "customer_identification.personal_information.postal_code", type: "string", max: 10, required: true },
    ...applicationFields,
  ],
}

/** The personal data /apply must repeat from widget/init. */
const PERSONAL_DATA = [
  ...["first_name", "last_name", "dob", "postal_code"].map((k) => `customer_identification.personal_information.${k}`),
  ...APPLICATION_FIELDS.filter((path) => path !== "tos_agreement"),
]

const sameValue = (a: unknown, b: unknown) => (isPresent(a) ? String(a) : "") === (isPresent(b) ? String(b) : "")

/** error codes of the apply endpoint (Error Overview); business refusals answer 409 there */
const notVerified = (message: string) => new HttpError(409, "not_verified", message)

/** The application widget session this caller may submit: its own client, its own token lineage. */
function appliedSession(core: SandboxCore, caller: Caller, body: Body): WidgetSession {
  const session = core.state.widgetSessions.get(stringAt(body, "widget_session_id") ?? "")
  const sameFlow =
    !!session &&
    session.client_id === caller.token.client_id &&
    session.flow === "apply" &&
    (caller.token.scope === "merchant" || session.lineage_id === caller.token.lineage_id)
  if (!session || !sameFlow) throw notVerified("The widget_session_id does not name an application of this flow")
  if (!session.applicant || !isTestApplicant(session.applicant)) throw notVerified("The application was not completed in the widget")
  const differs = PERSONAL_DATA.filter((path) => !sameValue(valueAt(body, path), valueAt(session.application_request, path)))
  if (differs.length > 0) throw notVerified(`The personal data differs from widget/init: ${differs.join(", ")}`)
  return session
}

/**
 * The answer for a recorded application. Approved: the sandbox's reading of the success body
 * (APPLY_ANSWER assumption: apply_status, customer_id, account_number). Declined and pending: the
 * apply endpoint's documented codes.
 */
function answer(core: SandboxCore, application: Application) {
  if (application.decision === "declined") throw new HttpError(409, "application_declined", "The application was declined")
  if (application.decision === "pending") {
    throw new HttpError(409, "application_marked_pending_1", "The application was marked pending; the applicant will be contacted")
  }
  const account = core.state.accountsOf(application.client_id).get(application.account_number!)!
  return ok({ apply_status: "approved", customer_id: account.customer_id, account_number: account.account_number })
}

export function applyRoute(core: SandboxCore, clientPath: string): Route {
  return route("POST", `${clientPath}/apply`, (ctx) => {
    const caller = authorize(core, ctx, ANY_SCOPE)
    const body = jsonBody(ctx)
    requireValid(APPLY_REQUEST, body)
    if (body.tos_agreement !== true) throw new HttpError(409, "tos_agreement_required", "The applicant must agree to the terms (tos_agreement true)")
    const session = appliedSession(core, caller, body)
    // The same application submitted again (a lost answer) gets the same answer, not a second account.
    const recorded = session.application_id ? core.state.applications.get(session.application_id) : undefined
    if (recorded) return answer(core, recorded)
    const names = {
      first_name: stringAt(body, "customer_identification.personal_information.first_name")!,
      last_name: stringAt(body, "customer_identification.personal_information.last_name")!,
    }
    const result = apply(core, session.client_id, session.applicant as TestApplicantKey, { widget_session_id: session.widget_session_id }, names)
    const application = result.application!
    session.application_id = application.application_id
    session.status = application.decision === "approved" ? "account_opened" : application.decision === "pending" ? "in_review" : "declined"
    if (result.account) session.account_number = result.account.account_number
    return answer(core, application)
  })
}
