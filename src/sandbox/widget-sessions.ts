import { randomBytes, randomUUID } from "node:crypto"
import { decisionFor, TestApplicantKey } from "./applicants"
import { SandboxCore } from "./core"
import { HttpError } from "./http-utils"
import { Application, WidgetSession } from "./state"
import { ACCOUNTS_NEEDING_ACTIVATION, SANDBOX_TEST_ACCOUNTS } from "./test-accounts"
import { Lang, WidgetEvent, WidgetSuccessData } from "./types"

export function createWidgetSession(
  core: SandboxCore,
  args: {
    clientId: string
    lineageId: string
    flow: WidgetSession["flow"]
    lang: Lang
    referenceId: string
    accountNumber?: number
    /** the widget/init body, kept for an application: POST /apply must repeat its personal data */
    request?: Record<string, unknown>
  }
): WidgetSession {
  const session: WidgetSession = {
    widget_session_id: randomUUID(),
    client_id: args.clientId,
    lineage_id: args.lineageId,
    widget_token: randomBytes(16).toString("hex"),
    flow: args.flow,
    lang: args.lang,
    x_reference_id: args.referenceId,
    status: "pending",
    account_number: args.accountNumber ?? SANDBOX_TEST_ACCOUNTS.approved.account_number,
    application_request: args.flow === "apply" ? args.request : undefined,
    created_at: core.clock.now(),
  }
  core.state.widgetSessions.set(session.widget_session_id, session)
  return session
}

export function widgetRedirectionUrl(origin: string, session: WidgetSession): string {
  const query = new URLSearchParams({
    lang: session.lang,
    "x-reference-id": session.x_reference_id,
    widget_session_id: session.widget_session_id,
  })
  return `${origin}/#/widget/${encodeURIComponent(session.client_id)}/${session.widget_token}?${query.toString()}`
}

function pendingSession(core: SandboxCore, id: string, flow: WidgetSession["flow"]): WidgetSession {
  const session = core.state.widgetSessions.get(id)
  if (!session) throw new HttpError(404, "not_found", "Widget session not found")
  if (session.flow !== flow) throw new HttpError(409, "wrong_flow", `This widget session runs the ${session.flow} flow`)
  if (session.status !== "pending") {
    throw new HttpError(409, "session_completed", `Widget session is already ${session.status}`)
  }
  return session
}

function successData(session: WidgetSession, data: Partial<WidgetSuccessData>): WidgetSuccessData {
  return {
    accountNumber: null,
    verified: false,
    action: null,
    mfaOptionSelected: null,
    widget_session_id: session.widget_session_id,
    customerId: null,
    accountType: null,
    ...data,
  }
}

const success = (session: WidgetSession, data: Partial<WidgetSuccessData>): WidgetEvent => ({
  eventType: "flx-success",
  eventData: successData(session, data),
})

/**
 * The shopper verified an account in a purchase widget. The returned event is exactly what the
 * hosted page posts to its parent: numeric/true/purchase ("send the purchase request"), or, for an
 * account its owner has not activated, null/false/activation ("send the customer to activate").
 */
export function approveWidgetSession(core: SandboxCore, id: string, accountNumber?: number): { session: WidgetSession; event: WidgetEvent } {
  const session = pendingSession(core, id, "purchase")
  const number = accountNumber ?? session.account_number
  const account = core.state.accountsOf(session.client_id).get(number)
  if (!account) throw new HttpError(404, "not_found", `Account ${number} does not exist for client ${session.client_id}`)
  if (ACCOUNTS_NEEDING_ACTIVATION.has(number)) {
    session.status = "activation_required"
    return { session, event: success(session, { action: "activation" }) }
  }
  session.status = "approved"
  session.account_number = number
  const event = success(session, {
    accountNumber: account.account_number,
    verified: true,
    action: "purchase",
    mfaOptionSelected: "sms",
    customerId: account.customer_id,
    accountType: account.account_type,
  })
  return { session, event }
}

/**
 * Decline = the documented "purchase failed" scenario (Widget Communication Events): flx-success with a
 * numeric account, verified false and action purchase, so the merchant sends the shopper back to
 * choose another payment method. The page's separate #flx-fail button covers flx-failure.
 */
export function declineWidgetSession(core: SandboxCore, id: string): { session: WidgetSession; event: WidgetEvent } {
  const session = pendingSession(core, id, "purchase")
  session.status = "declined"
  return { session, event: success(session, { accountNumber: session.account_number, action: "purchase", mfaOptionSelected: "sms" }) }
}

/**
 * The shopper has no Flexiti account: the purchase widget ends with null/false/apply, which the
 * docs answer with "redirect to a new application". The purchase widget never applies itself.
 */
export function sendToApplication(core: SandboxCore, id: string): { session: WidgetSession; event: WidgetEvent } {
  const session = pendingSession(core, id, "purchase")
  session.status = "sent_to_apply"
  return { session, event: success(session, { action: "apply" }) }
}

/**
 * The shopper fills in the application of an application widget as one of Flexiti's test
 * applicants (the middle name decides). The widget only collects it: it posts null/true/apply and
 * the merchant "must call the POST /apply endpoint", whose answer carries the decision
 * (apply-route.ts). A third-party timeout (D-EMAIL_DBL_TIMEOUT) posts action "retry" ("Web event
 * emitted from the widget to retry") and leaves the session open for another attempt.
 */
export function applyInWidget(core: SandboxCore, id: string, applicant: TestApplicantKey): { session: WidgetSession; event: WidgetEvent } {
  const session = pendingSession(core, id, "apply")
  if (decisionFor(core, session.client_id, applicant) === "retry") return { session, event: success(session, { action: "retry" }) }
  session.status = "applied"
  session.applicant = applicant
  return { session, event: success(session, { verified: true, action: "apply", mfaOptionSelected: "sms" }) }
}

/** Flexiti decided a pending application made in this widget session: the session follows. */
export function settleWidgetApplication(core: SandboxCore, application: Application): void {
  const session = application.widget_session_id ? core.state.widgetSessions.get(application.widget_session_id) : undefined
  if (!session || session.status !== "in_review") return
  if (application.decision === "approved" && application.account_number) {
    session.status = "account_opened"
    session.account_number = application.account_number
  } else {
    session.status = "declined"
  }
}

export function widgetSessionView(session: WidgetSession): Record<string, unknown> {
  return {
    widget_session_id: session.widget_session_id,
    client_id: session.client_id,
    lineage_id: session.lineage_id,
    flow: session.flow,
    lang: session.lang,
    x_reference_id: session.x_reference_id,
    status: session.status,
    account_number: session.account_number,
    applicant: session.applicant ?? null,
    application_id: session.application_id ?? null,
    created_at: new Date(session.created_at).toISOString(),
  }
}
