import { randomBytes, randomUUID } from "node:crypto"
import { FlexitiLang, WidgetMessage, widgetMessageSchema } from "../flexiti/schemas"
import { SandboxCore } from "./core"
import { conform, HttpError } from "./http-utils"
import { WidgetSession } from "./state"
import { SANDBOX_TEST_ACCOUNTS } from "./test-accounts"

export function createWidgetSession(
  core: SandboxCore,
  args: {
    clientId: string
    lineageId: string
    flow: WidgetSession["flow"]
    lang: FlexitiLang
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
): { session: WidgetSession; event: WidgetMessage } {
  const session = pendingSession(core, id)
  const number = accountNumber ?? session.account_number
  const account = core.state.accountsOf(session.client_id).get(number)
  if (!account) throw new HttpError(404, "not_found", `Account ${number} does not exist for client ${session.client_id}`)
  session.status = "approved"
  session.account_number = number
  const event = conform(widgetMessageSchema, {
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
  })
  return { session, event }
}

/**
 * Decline = the documented "purchase failed" scenario (flexiti-api.md §7.1): flx-success with a
 * numeric account, verified false and action purchase, so the merchant sends the shopper back to
 * choose another payment method. The page's separate #flx-fail button covers flx-failure.
 */
export function declineWidgetSession(core: SandboxCore, id: string): { session: WidgetSession; event: WidgetMessage } {
  const session = pendingSession(core, id)
  session.status = "declined"
  const event = conform(widgetMessageSchema, {
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
  })
  return { session, event }
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
