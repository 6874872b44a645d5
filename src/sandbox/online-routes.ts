import { dollarsOf, centsOf } from "./cents"
import { ONLINE_API_PATH } from "./paths"
import { SandboxCore } from "./core"
import { documented } from "./docs/errors"
import { Body, numberAt, stringAt } from "./docs/fields"
import { PAYMENT_CALCULATOR_QUERY, SYSTEMS_INIT_REQUEST } from "./docs/requests"
import { formBody, isFormEncoded, jsonBody, ok, queryObject, Reply, requireValid, RequestContext, Route, route } from "./http-utils"
import { createOnlineOrder, onlineRedirectionUrl } from "./online-orders"
import { divideHalfUp, PAYMENT_CALCULATOR } from "./plans"
import { ANY_SCOPE, authorize, MERCHANT_ONLY } from "./resource-guard"
import { OnlineOrder } from "./state"
import { handleTokenRequest } from "./token-route"
import { Lang } from "./types"

function money(cents: number): string {
  return dollarsOf(cents).toFixed(2)
}

function calculatorSentence(lang: Lang, monthlyCents: number | null): string {
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
  if (!order?.notification) throw documented("not_found", "Notification not found")
  return ok(order.notification)
}

export function onlineRoutes(core: SandboxCore): Route[] {
  const base = ONLINE_API_PATH

  /**
   * The docs do not say how systems/init's body is encoded: Flexiti's own JavaScript SDK and its
   * Magento 2 proof of concept send a form with dotted names, the POS overview says bodies are
   * JSON. The sandbox accepts both (docs silent) and checks the same documented fields.
   */
  const systemsInit =
    (applyOnly: boolean) =>
    (ctx: RequestContext): Reply => {
      const caller = authorize(core, ctx, MERCHANT_ONLY)
      const form = isFormEncoded(ctx)
      const body: Body = form ? formBody(ctx.rawBody) : jsonBody(ctx)
      requireValid(SYSTEMS_INIT_REQUEST, body, { coerce: form })
      const lang = (stringAt(body, "lang") ?? "en").slice(0, 2).toLowerCase() as Lang
      const order = createOnlineOrder(core, {
        clientId: caller.token.client_id,
        merchantOrderId: stringAt(body, "merchant_orderid"),
        amountCents: centsOf(numberAt(body, "amount_requested") as number),
        flow: (stringAt(body, "flow") as string).toLowerCase(),
        lang,
        applyOnly,
      })
      return ok({ online_order_id: order.online_order_id, redirection_url: onlineRedirectionUrl(ctx.origin, order) })
    }

  return [
    route("POST", `${base}/oauth/token`, (ctx) => handleTokenRequest(core, ctx, "online")),
    route("POST", `${base}/online/v2/client-id/:client_id/systems/init`, systemsInit(false)),
    // "If you are integrating the APPLY-ONLY flow, please remove '/v2' from the API URI, this will
    // ensure that the flow opened immediately starts the application flow."
    route("POST", `${base}/online/client-id/:client_id/systems/init`, systemsInit(true)),

    route("GET", `${base}/online/v2/client-id/:client_id/systems/payment-calculator`, (ctx) => {
      const caller = authorize(core, ctx, ANY_SCOPE)
      const query: Body = { ...queryObject(ctx.query), lang: caller.lang }
      requireValid(PAYMENT_CALCULATOR_QUERY, query, { coerce: true })
      const priceCents = centsOf(numberAt(query, "price") as number)
      const monthlyCents = priceCents < PAYMENT_CALCULATOR.minPriceCents ? null : divideHalfUp(priceCents, PAYMENT_CALCULATOR.months)
      return ok({
        htmlRender: calculatorSentence(caller.lang, monthlyCents),
        paymentPlan: monthlyCents === null ? null : { monthlyPayment: money(monthlyCents), months: String(PAYMENT_CALCULATOR.months) },
      })
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
