import { dollarsOf } from "./cents"
import { apply, TestApplicantKey } from "./applicants"
import { SandboxCore } from "./core"
import { HttpError } from "./http-utils"
import { createAuthorization } from "./ledger"
import { ONLINE_APPROVAL_PLAN } from "./plans"
import { Application, OnlineOrder } from "./state"
import { SANDBOX_TEST_ACCOUNTS } from "./test-accounts"
import { Lang, SandboxNotification } from "./types"

export type OnlineOutcome = "approve" | "decline" | "cancel"

/**
 * Notification statuses. SUCCESS is the apply_status of the notifications example (Online API
 * Endpoints Reference); the rest
 * of the buy-flow notification is not public and is the sandbox's reading (docs/assumptions.md).
 */
export const NOTIFICATION_STATUS = {
  success: "SUCCESS",
  failed: "FAILED",
  cancelled: "CANCELLED",
  pending: "PENDING",
  declined: "DECLINED",
} as const

export function createOnlineOrder(
  core: SandboxCore,
  args: { clientId: string; merchantOrderId?: string; amountCents: number; flow: string; lang: Lang; applyOnly: boolean }
): OnlineOrder {
  const order: OnlineOrder = {
    online_order_id: core.state.nextId("online_order"),
    client_id: args.clientId,
    merchant_orderid: args.merchantOrderId,
    amount_cents: args.amountCents,
    flow: args.flow,
    apply_only: args.applyOnly,
    lang: args.lang,
    status: "pending",
    created_at: core.clock.now(),
  }
  core.state.onlineOrders.set(order.online_order_id, order)
  return order
}

export function onlineRedirectionUrl(origin: string, order: OnlineOrder): string {
  return `${origin}/online/#/order/${order.online_order_id}?lang=${order.lang}`
}

function pendingOrder(core: SandboxCore, id: number): OnlineOrder {
  const order = core.state.onlineOrders.get(id)
  if (!order) throw new HttpError(404, "not_found", "Online order not found")
  if (order.status !== "pending") throw new HttpError(409, "order_completed", `Online order is already ${order.status}`)
  return order
}

const buys = (order: OnlineOrder) => order.flow !== "apply"

function notify(core: SandboxCore, order: OnlineOrder, parts: Pick<SandboxNotification, "apply" | "purchase">): void {
  order.notification = {
    transaction_id: core.state.nextId("transaction"),
    flow: order.flow,
    callback_url: "",
    date: new Date(core.clock.now()).toISOString(),
    merchant_orderid: order.merchant_orderid ?? null,
    ...parts,
  }
}

/**
 * Books an opened POS authorization (promotional, ONLINE_APPROVAL_PLAN) for the account so that
 * capture, release and return work with merchant-scope POS calls; a business refusal (e.g.
 * credit_exceeded) becomes a FAILED purchase carrying the error code.
 */
function purchaseFor(core: SandboxCore, order: OnlineOrder, accountNumber: number): SandboxNotification["purchase"] {
  const amountCents = order.amount_cents + core.faults.takeTamperCents()
  try {
    const auth = createAuthorization(
      core,
      order.client_id,
      {
        account_number: accountNumber,
        reference: order.merchant_orderid,
        financing_option: { transaction_type: "promotional_purchase", ...ONLINE_APPROVAL_PLAN },
        amount: dollarsOf(amountCents),
        auto_capture: false,
      },
      amountCents
    )
    order.status = "approved"
    return {
      status: NOTIFICATION_STATUS.success,
      authorization_id: auth.authorization_id,
      account_number: auth.account_number,
      amount: dollarsOf(auth.amount_cents),
      auto_capture: false,
    }
  } catch (error) {
    if (!(error instanceof HttpError)) throw error
    order.status = "declined"
    return { status: NOTIFICATION_STATUS.failed, account_number: accountNumber, amount: dollarsOf(order.amount_cents), error: error.code }
  }
}

/** The shopper finished the hosted flow with an existing account (approve), or left it. */
export function completeOnlineOrder(
  core: SandboxCore,
  id: number,
  outcome: OnlineOutcome,
  accountNumber: number = SANDBOX_TEST_ACCOUNTS.approved.account_number
): { order: OnlineOrder; redirect_url: string | null } {
  const order = pendingOrder(core, id)
  if (outcome === "approve") {
    if (order.apply_only) {
      throw new HttpError(409, "apply_only_flow", "This order was started on the apply-only path: the shopper applies first")
    }
    notify(core, order, { purchase: purchaseFor(core, order, accountNumber) })
  } else {
    order.status = outcome === "decline" ? "declined" : "cancelled"
    const status = outcome === "decline" ? NOTIFICATION_STATUS.failed : NOTIFICATION_STATUS.cancelled
    notify(core, order, { purchase: { status, amount: dollarsOf(order.amount_cents) } })
  }
  return { order, redirect_url: redirectUrl(core, order) }
}

/** The application part of a notification, and the purchase that follows an approval. */
function applicationOutcome(core: SandboxCore, order: OnlineOrder, application: Application): void {
  const customerId = (accountNumber?: number) => {
    const account = accountNumber ? core.state.accountsOf(order.client_id).get(accountNumber) : undefined
    return account ? Number(account.customer_id.replace(/\D/g, "")) : null
  }
  if (application.decision === "approved" && application.account_number) {
    const applyPart = { customer_id: customerId(application.account_number), apply_status: NOTIFICATION_STATUS.success }
    if (buys(order)) {
      notify(core, order, { apply: applyPart, purchase: purchaseFor(core, order, application.account_number) })
    } else {
      order.status = "approved"
      notify(core, order, { apply: applyPart })
    }
    return
  }
  const pending = application.decision === "pending"
  order.status = pending ? "in_review" : "declined"
  const applyStatus = pending ? NOTIFICATION_STATUS.pending : NOTIFICATION_STATUS.declined
  notify(core, order, {
    apply: { customer_id: null, apply_status: applyStatus },
    ...(buys(order)
      ? {
          purchase: {
            status: pending ? NOTIFICATION_STATUS.pending : NOTIFICATION_STATUS.failed,
            amount: dollarsOf(order.amount_cents),
            error: pending ? "application_marked_pending_1" : "application_declined",
          },
        }
      : {}),
  })
}

/**
 * The shopper applied in the hosted flow as one of Flexiti's test applicants. Approved: an
 * account is opened and, in Buy or Apply/Buy, the purchase is booked. Declined or pending: the
 * notification says so (apply_status DECLINED / PENDING). Retry: nothing is recorded and the
 * hosted page asks the shopper to try again.
 */
export function applyInOnlineOrder(
  core: SandboxCore,
  id: number,
  applicant: TestApplicantKey
): { order: OnlineOrder; redirect_url: string | null; retry: boolean; application?: Application } {
  const order = pendingOrder(core, id)
  const result = apply(core, order.client_id, applicant, { online_order_id: order.online_order_id })
  if (!result.application) return { order, redirect_url: null, retry: true }
  applicationOutcome(core, order, result.application)
  return { order, redirect_url: redirectUrl(core, order), retry: false, application: result.application }
}

/** Flexiti decided a pending application made in this hosted order: its notification follows. */
export function settleOnlineApplication(core: SandboxCore, application: Application): void {
  const order = application.online_order_id ? core.state.onlineOrders.get(application.online_order_id) : undefined
  if (!order || order.status !== "in_review") return
  applicationOutcome(core, order, application)
}

/**
 * Success/Error redirection URLs are per client (Developer Portal settings). A pending
 * application lands on the success URL: the shopper finished the flow, the merchant reads the
 * outcome from the notification (INFERENCE).
 */
function redirectUrl(core: SandboxCore, order: OnlineOrder): string | null {
  const client = core.state.clients.get(order.client_id)
  const base = order.status === "approved" || order.status === "in_review" ? client?.success_url : client?.error_url
  if (!base) return null
  const url = new URL(base)
  url.searchParams.set("orderId", String(order.online_order_id))
  if (order.merchant_orderid) url.searchParams.set("merchant_orderid", order.merchant_orderid)
  return url.toString()
}

export function onlineOrderView(order: OnlineOrder): Record<string, unknown> {
  return {
    online_order_id: order.online_order_id,
    client_id: order.client_id,
    merchant_orderid: order.merchant_orderid ?? null,
    amount: dollarsOf(order.amount_cents),
    flow: order.flow,
    apply_only: order.apply_only,
    lang: order.lang,
    status: order.status,
    created_at: new Date(order.created_at).toISOString(),
    notification: order.notification ?? null,
  }
}
