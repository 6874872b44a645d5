import { centsToDollars, dollarsToCents, isTwoDecimalAmount } from "../flexiti/amount"
import { ONLINE_API_PATH } from "../flexiti/environments"
import {
  FlexitiLang,
  notificationSchema,
  paymentCalculatorQuerySchema,
  paymentCalculatorResponseSchema,
  systemsInitRequestSchema,
  systemsInitResponseSchema,
} from "../flexiti/schemas"
import { SandboxCore } from "./core"
import { conform, HttpError, jsonBody, ok, queryObject, Reply, RequestContext, Route, route, validate, wrongInputs } from "./http-utils"
import { createOnlineOrder, onlineRedirectionUrl } from "./online-orders"
import { divideHalfUp, PAYMENT_CALCULATOR } from "./plans"
import { ANY_SCOPE, authorize, MERCHANT_ONLY } from "./resource-guard"
import { OnlineOrder } from "./state"
import { handleTokenRequest } from "./token-route"

function money(cents: number): string {
  return centsToDollars(cents).toFixed(2)
}

function calculatorSentence(lang: FlexitiLang, monthlyCents: number | null): string {
  if (monthlyCents === null) {
    const min = money(PAYMENT_CALCULATOR.minPriceCents)
    return lang === "fr"
      ? `<p>Financement offert sur les achats de ${min} $ et plus avec Flexiti.</p>`
      : `<p>Financing available on purchases of $${min} or more with Flexiti.</p>`
  }
  return lang === "fr"
    ? `<p>À partir de ${money(monthlyCents)} $ par mois pendant ${PAYMENT_CALCULATOR.months} mois avec Flexiti.</p>`
    : `<p>As low as $${money(monthlyCents)}/month for ${PAYMENT_CALCULATOR.months} months with Flexiti.</p>`
}

function notificationReply(order: OnlineOrder | undefined): Reply {
  // While the shopper has not finished the hosted flow there is nothing to report yet.
  if (!order?.notification) throw new HttpError(404, "not_found", "Notification not found")
  return ok(conform(notificationSchema, order.notification))
}

export function onlineRoutes(core: SandboxCore): Route[] {
  const base = ONLINE_API_PATH

  const systemsInit = (ctx: RequestContext): Reply => {
    const caller = authorize(core, ctx, MERCHANT_ONLY)
    const body = validate(systemsInitRequestSchema, jsonBody(ctx))
    const order = createOnlineOrder(core, {
      clientId: caller.token.client_id,
      merchantOrderId: body.merchant_orderid,
      amountCents: dollarsToCents(body.amount_requested),
      flow: body.flow,
      lang: body.lang,
    })
    return ok(
      conform(systemsInitResponseSchema, {
        online_order_id: order.online_order_id,
        redirection_url: onlineRedirectionUrl(ctx.origin, order),
      })
    )
  }

  return [
    route("POST", `${base}/oauth/token`, (ctx) => handleTokenRequest(core, ctx)),
    route("POST", `${base}/online/v2/client-id/:client_id/systems/init`, systemsInit),
    // The apply-only entry point (no /v2) takes the same body; the hosted page is the same here.
    route("POST", `${base}/online/client-id/:client_id/systems/init`, systemsInit),

    route("GET", `${base}/online/v2/client-id/:client_id/systems/payment-calculator`, (ctx) => {
      const caller = authorize(core, ctx, ANY_SCOPE)
      const query = validate(paymentCalculatorQuerySchema, { ...queryObject(ctx.query), lang: caller.lang })
      if (!isTwoDecimalAmount(query.price)) {
        throw wrongInputs([{ param: "price", msg: "price must have at most 2 decimals", value: ctx.query.get("price") }])
      }
      const priceCents = dollarsToCents(query.price)
      const monthlyCents =
        priceCents < PAYMENT_CALCULATOR.minPriceCents ? null : divideHalfUp(priceCents, PAYMENT_CALCULATOR.months)
      return ok(
        conform(paymentCalculatorResponseSchema, {
          htmlRender: calculatorSentence(query.lang, monthlyCents),
          paymentPlan:
            monthlyCents === null ? null : { monthlyPayment: money(monthlyCents), months: String(PAYMENT_CALCULATOR.months) },
        })
      )
    }),

    route("GET", `${base}/online/client-id/:client_id/notifications/order-id/:order_id`, (ctx) => {
      const caller = authorize(core, ctx, MERCHANT_ONLY)
      const order = core.state.onlineOrders.get(Number(ctx.params.order_id))
      return notificationReply(order?.client_id === caller.token.client_id ? order : undefined)
    }),

    route("GET", `${base}/online/client-id/:client_id/notifications/merchant-order-id/:merchant_orderid`, (ctx) => {
      const caller = authorize(core, ctx, MERCHANT_ONLY)
      // The most recent order with this merchant order id decides: a retried checkout supersedes older attempts.
      const latest = [...core.state.onlineOrders.values()]
        .filter((o) => o.client_id === caller.token.client_id && o.merchant_orderid === ctx.params.merchant_orderid)
        .pop()
      return notificationReply(latest)
    }),
  ]
}
