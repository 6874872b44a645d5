import { randomBytes, randomUUID } from "node:crypto"
import { apply, TestApplicantKey } from "./applicants"
import { SandboxCore } from "./core"
import { HttpError } from "./http-utils"
import { Application, WidgetSession } from "./state"
import { SANDBOX_TEST_ACCOUNTS } from "./test-accounts"
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

function pendingSession(core: SandboxCore, id: string): WidgetSession {
  const session = core.state.widgetSessions.get(id)
  if (!session) throw new HttpError(404, "not_found", "Widget session not found")
  if (session.status !== "pending") {
    throw new HttpError(409, "session_completed", `Widget session is already ${session.status}`)
  }
  return session
}

/**
 * The shopper verified an account in the widget. The returned event is exactly what the hosted
 * page posts to its parent (flx-success, verified, purchase: "send the purchase request").
 */
export function approveWidgetSession(
  core: SandboxCore,
  id: string,
  accountNumber?: number
): { session: WidgetSession; event: WidgetEvent } {
  const session = pendingSession(core, id)
  const number = accountNumber ?? session.account_number
  const account = core.state.accountsOf(session.client_id).get(number)
  if (!account) throw new HttpError(404, "not_found", `Account ${number} does not exist for client ${session.client_id}`)
  session.status = "approved"
  session.account_number = number
  const event: WidgetEvent = {
    eventType: "flx-success",
    eventData: {
      accountNumber: account.account_number,
      verified: true,
      action: "purchase",
      mfaOptionSelected: "sms",
      widget_session_id: session.widget_session_id,
      customerId: account.customer_id,
      accountType: account.account_type,
    },
  }
  return { session, event }
}

/**
 * Decline = the documented "purchase failed" scenario (Widget Communication Events): flx-success with a
 * numeric account, verified false and action purchase, so the merchant sends the shopper back to
 * choose another payment method. The page's separate #flx-fail button covers flx-failure.
 */
export function declineWidgetSession(core: SandboxCore, id: string): { session: WidgetSession; event: WidgetEvent } {
  const session = pendingSession(core, id)
  session.status = "declined"
  const event: WidgetEvent = {
    eventType: "flx-success",
    eventData: {
      accountNumber: session.account_number,
      verified: false,
      action: "purchase",
      mfaOptionSelected: "sms",
      widget_session_id: session.widget_session_id,
      customerId: null,
      accountType: null,
    },
  }
  return { session, event }
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

/**
 * The shopper applies in the widget as one of Flexiti's test applicants. What the widget posts
 * after an application is only partly documented; the sandbox's reading:
 * - approved: the new account verified for the purchase (flx-success, numeric/true/purchase);
 * - declined or pending: flx-failure {error: 409, message: <code>} with the apply endpoint's codes
 *   application_declined and application_marked_pending_1;
 * - retry (third-party timeout): flx-success with action "retry" ("Web event emitted from the
 *   widget to retry"); the session stays open for another attempt.
 * A pending application can be decided later through the control API (decideWidgetApplication).
 */
export function applyInWidget(
  core: SandboxCore,
  id: string,
  applicant: TestApplicantKey
): { session: WidgetSession; event: WidgetEvent; application?: Application } {
  const session = pendingSession(core, id)
  const result = apply(core, session.client_id, applicant, { widget_session_id: session.widget_session_id })
  if (result.decision === "retry") {
    return { session, event: { eventType: "flx-success", eventData: successData(session, { action: "retry" }) } }
  }
  if (result.decision === "approved" && result.account) {
    session.status = "approved"
    session.account_number = result.account.account_number
    const event: WidgetEvent = {
      eventType: "flx-success",
      eventData: successData(session, {
        accountNumber: result.account.account_number,
        verified: true,
        action: "purchase",
        mfaOptionSelected: "sms",
        customerId: result.account.customer_id,
        accountType: result.account.account_type,
      }),
    }
    return { session, event, application: result.application }
  }
  const pending = result.decision === "pending"
  session.status = pending ? "in_review" : "declined"
  const event: WidgetEvent = {
    eventType: "flx-failure",
    eventData: { error: 409, message: pending ? "application_marked_pending_1" : "application_declined" },
  }
  return { session, event, application: result.application }
}

/** Flexiti decided a pending application made in this widget session: the session follows. */
export function settleWidgetApplication(core: SandboxCore, application: Application): void {
  const session = application.widget_session_id ? core.state.widgetSessions.get(application.widget_session_id) : undefined
  if (!session || session.status !== "in_review") return
  if (application.decision === "approved" && application.account_number) {
    session.status = "approved"
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
    created_at: new Date(session.created_at).toISOString(),
  }
}
