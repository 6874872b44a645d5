import { centsToDollars } from "../flexiti/amount"
import { ASSUMPTIONS } from "../flexiti/assumptions"
import { FlexitiLang, Notification, notificationSchema } from "../flexiti/schemas"
import { SandboxCore } from "./core"
import { conform, HttpError } from "./http-utils"
import { createAuthorization } from "./ledger"
import { ONLINE_APPROVAL_PLAN } from "./plans"
import { OnlineOrder } from "./state"
import { SANDBOX_TEST_ACCOUNTS } from "./test-accounts"

export type OnlineOutcome = "approve" | "decline" | "cancel"

export function createOnlineOrder(
  core: SandboxCore,
  args: { clientId: string; merchantOrderId?: string; amountCents: number; flow: string; lang: FlexitiLang }
): OnlineOrder {
  const order: OnlineOrder = {
    online_order_id: core.state.nextId("online_order"),
    client_id: args.clientId,
    merchant_orderid: args.merchantOrderId,
    amount_cents: args.amountCents,
    flow: args.flow,
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

/**
 * The shopper finished the hosted flow. Approve books an opened POS authorization (promotional,
 * ONLINE_APPROVAL_PLAN) for the chosen account so capture/release/return work with merchant-scope
 * POS calls (ASSUMPTIONS.HOSTED_PURCHASE_NOTIFICATION); a business refusal (e.g. credit_exceeded)
 * turns into a FAILED notification carrying the error code.
 */
export function completeOnlineOrder(
  core: SandboxCore,
  id: number,
  outcome: OnlineOutcome,
  accountNumber: number = SANDBOX_TEST_ACCOUNTS.approved.account_number
): { order: OnlineOrder; redirect_url: string | null } {
  const order = core.state.onlineOrders.get(id)
  if (!order) throw new HttpError(404, "not_found", "Online order not found")
  if (order.status !== "pending") throw new HttpError(409, "order_completed", `Online order is already ${order.status}`)

  let purchase: NonNullable<Notification["purchase"]>
  if (outcome === "approve") {
    const amountCents = order.amount_cents + core.faults.takeTamperCents()
    try {
      const auth = createAuthorization(
        core,
        order.client_id,
        {
          account_number: accountNumber,
          reference: order.merchant_orderid,
          financing_option: { transaction_type: "promotional_purchase", ...ONLINE_APPROVAL_PLAN },
          amount: centsToDollars(amountCents),
          auto_capture: false,
        },
        amountCents
      )
      order.status = "approved"
      purchase = {
        status: ASSUMPTIONS.HOSTED_PURCHASE_NOTIFICATION.successStatus,
        authorization_id: auth.authorization_id,
        account_number: auth.account_number,
        amount: centsToDollars(auth.amount_cents),
        auto_capture: false,
      }
    } catch (error) {
      if (!(error instanceof HttpError)) throw error
      order.status = "declined"
      purchase = { status: "FAILED", account_number: accountNumber, amount: centsToDollars(order.amount_cents), error: error.code }
    }
  } else {
    order.status = outcome === "decline" ? "declined" : "cancelled"
    purchase = { status: outcome === "decline" ? "FAILED" : "CANCELLED", amount: centsToDollars(order.amount_cents) }
  }

  order.notification = conform(notificationSchema, {
    transaction_id: core.state.nextId("transaction"),
    flow: order.flow,
    callback_url: "",
    date: new Date(core.clock.now()).toISOString(),
    merchant_orderid: order.merchant_orderid ?? null,
    purchase,
  }) as Notification
  return { order, redirect_url: redirectUrl(core, order) }
}

/** Success/Error redirection URLs are per client (portal settings, flexiti-api.md §2.3). */
function redirectUrl(core: SandboxCore, order: OnlineOrder): string | null {
  const client = core.state.clients.get(order.client_id)
  const base = order.status === "approved" ? client?.success_url : client?.error_url
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
    amount: centsToDollars(order.amount_cents),
    flow: order.flow,
    lang: order.lang,
    status: order.status,
    created_at: new Date(order.created_at).toISOString(),
    notification: order.notification ?? null,
  }
}
