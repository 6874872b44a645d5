import { centsToDollars, dollarsToCents } from "../flexiti/amount"
import { POS_API_PATH, PosApiVersion } from "../flexiti/environments"
import {
  accountRefundRequestSchema,
  accountRefundResponseSchema,
  authorizationCreateRequestSchema,
  authorizationListQuerySchema,
  authorizationListResponseSchema,
  calculateInterestRequestSchema,
  calculateInterestResponseSchema,
  captureRequestSchema,
  customerAccountSchema,
  customerLookupQuerySchema,
  i18nResponseSchema,
  releaseRequestSchema,
  returnRequestSchema,
  widgetInitRequestSchema,
  widgetInitResponseSchema,
} from "../flexiti/schemas"
import { SandboxCore } from "./core"
import { conform, HttpError, jsonBody, ok, queryObject, Route, route, validate } from "./http-utils"
import { I18N_LABELS } from "./i18n-labels"
import {
  authorizationView,
  captureAuthorization,
  createAuthorization,
  refundAccount,
  releaseAuthorization,
  returnCapture,
  statusOf,
} from "./ledger"
import { OFFERED_PLANS, planName, REGULAR_PURCHASE_AIR, regularMinimumPaymentCents, termAmountCents } from "./plans"
import { ANY_SCOPE, authorize, MERCHANT_ONLY, pathNumber } from "./resource-guard"
import { AccountState } from "./state"
import { handleTokenRequest } from "./token-route"
import { createWidgetSession, widgetRedirectionUrl } from "./widget-sessions"

/** Every POS endpoint answers under both versions: clients use v2.5.1 for some calls, v2.5 for the rest. */
const VERSIONS: PosApiVersion[] = ["v2.5", "v2.5.1"]

function accountView(account: AccountState): Record<string, unknown> {
  return conform(customerAccountSchema, {
    customer_id: account.customer_id,
    account_number: account.account_number,
    account_status: account.account_status,
    account_status_reason_code: account.account_status_reason_code,
    account_type: account.account_type,
    credit_limit: centsToDollars(account.credit_limit_cents),
    available_credit: centsToDollars(account.available_credit_cents),
    first_name: account.first_name,
    last_name: account.last_name,
    card_ending_in: account.vcc_number.slice(-4),
    preferred_language: account.preferred_language,
  })
}

function requireAccount(core: SandboxCore, clientId: string, accountNumber: number): AccountState {
  const account = core.state.accountsOf(clientId).get(accountNumber)
  if (!account) throw new HttpError(404, "not_found", "Customer account not found")
  return account
}

export function posRoutes(core: SandboxCore): Route[] {
  return VERSIONS.flatMap((version) => {
    const base = `${POS_API_PATH}/${version}`
    const client = `${base}/client-id/:client_id`
    return [
      route("POST", `${base}/oauth/token`, (ctx) => handleTokenRequest(core, ctx)),

      route("POST", `${client}/widget/init`, (ctx) => {
        const caller = authorize(core, ctx, ANY_SCOPE)
        const body = validate(widgetInitRequestSchema, jsonBody(ctx))
        const session = createWidgetSession(core, {
          clientId: caller.token.client_id,
          lineageId: caller.token.lineage_id,
          flow: body.flow,
          lang: body.lang ?? caller.lang,
          referenceId: caller.referenceId,
          accountNumber: body.customer_identification?.account_number,
        })
        return ok(conform(widgetInitResponseSchema, { redirection_url: widgetRedirectionUrl(ctx.origin, session) }))
      }),

      route("POST", `${client}/authorization`, (ctx) => {
        const caller = authorize(core, ctx, ANY_SCOPE)
        const body = validate(authorizationCreateRequestSchema, jsonBody(ctx))
        const clientId = caller.token.client_id
        requireAccount(core, clientId, body.account_number)
        // A customer-scope token may only buy for the account its own widget session approved (§3.4).
        if (caller.token.scope === "customer") {
          const verified = [...core.state.widgetSessions.values()].some(
            (s) =>
              s.client_id === clientId &&
              s.lineage_id === caller.token.lineage_id &&
              s.status === "approved" &&
              s.account_number === body.account_number
          )
          if (!verified) {
            throw new HttpError(
              404,
              "customer_identity_not_found",
              "The customer didn't pass through the widget or was not authenticated properly"
            )
          }
        }
        const amountCents = dollarsToCents(body.amount) + core.faults.takeTamperCents()
        const auth = createAuthorization(core, clientId, body, amountCents)
        return ok(authorizationView(auth))
      }),

      route("GET", `${client}/authorization/:id`, (ctx) => {
        const caller = authorize(core, ctx, MERCHANT_ONLY)
        const auth = core.state.findAuthorization(caller.token.client_id, pathNumber(ctx, "id", "Authorization"))
        if (!auth) throw new HttpError(404, "not_found", "Authorization not found")
        return ok(authorizationView(auth))
      }),

      route("GET", `${client}/authorizations`, (ctx) => {
        const caller = authorize(core, ctx, MERCHANT_ONLY)
        const query = validate(authorizationListQuerySchema, queryObject(ctx.query))
        const pageSize = query.page_size ?? 10
        const pageNumber = query.page_number ?? 1
        const matching = [...core.state.authorizations.values()].filter(
          (a) =>
            a.client_id === caller.token.client_id &&
            (query.account_number === undefined || a.account_number === query.account_number) &&
            (query.reference === undefined || a.reference === query.reference) &&
            (query.transaction_type === undefined || a.transaction_type === query.transaction_type) &&
            (query.authorization_status === undefined || statusOf(a) === query.authorization_status)
        )
        const page = matching.slice((pageNumber - 1) * pageSize, pageNumber * pageSize)
        return ok(conform(authorizationListResponseSchema, { authorizations: page.map(authorizationView) }))
      }),

      route("POST", `${client}/authorization/:id/capture`, (ctx) => {
        const caller = authorize(core, ctx, MERCHANT_ONLY)
        const body = validate(captureRequestSchema, jsonBody(ctx))
        return ok(captureAuthorization(core, caller.token.client_id, pathNumber(ctx, "id", "Authorization"), body))
      }),

      route("POST", `${client}/authorization/:id/release`, (ctx) => {
        const caller = authorize(core, ctx, MERCHANT_ONLY)
        const body = validate(releaseRequestSchema, jsonBody(ctx))
        return ok(releaseAuthorization(core, caller.token.client_id, pathNumber(ctx, "id", "Authorization"), body))
      }),

      route("POST", `${client}/authorization/:id/capture/:capture_id/return`, (ctx) => {
        const caller = authorize(core, ctx, MERCHANT_ONLY)
        const body = validate(returnRequestSchema, jsonBody(ctx))
        return ok(
          returnCapture(
            core,
            caller.token.client_id,
            pathNumber(ctx, "id", "Authorization"),
            pathNumber(ctx, "capture_id", "Capture"),
            body
          )
        )
      }),

      route("POST", `${client}/accounts/:account_number/refund`, (ctx) => {
        const caller = authorize(core, ctx, MERCHANT_ONLY)
        const body = validate(accountRefundRequestSchema, jsonBody(ctx))
        refundAccount(core, caller.token.client_id, pathNumber(ctx, "account_number", "Customer account"), body)
        return ok(conform(accountRefundResponseSchema, {}))
      }),

      route("GET", `${client}/customers/lookup`, (ctx) => {
        const caller = authorize(core, ctx, MERCHANT_ONLY)
        const query = validate(customerLookupQuerySchema, queryObject(ctx.query))
        const account = [...core.state.accountsOf(caller.token.client_id).values()].find(
          (a) =>
            (query.account_number === undefined || a.account_number === query.account_number) &&
            (query.vcc_number === undefined || a.vcc_number === query.vcc_number) &&
            (query.customer_id === undefined || a.customer_id === query.customer_id)
        )
        if (!account) throw new HttpError(404, "not_found", "Customer account not found")
        return ok(accountView(account))
      }),

      route("POST", `${client}/accounts/:account_number/calculate-interest`, (ctx) => {
        const caller = authorize(core, ctx, ANY_SCOPE)
        const body = validate(calculateInterestRequestSchema, jsonBody(ctx))
        const account = requireAccount(core, caller.token.client_id, pathNumber(ctx, "account_number", "Customer account"))
        const amountCents = dollarsToCents(body.amount)
        return ok(
          conform(calculateInterestResponseSchema, {
            account_number: account.account_number,
            account_type: account.account_type,
            amount: body.amount,
            customer: {
              air: REGULAR_PURCHASE_AIR,
              available_credit: centsToDollars(account.available_credit_cents),
              first_name: account.first_name,
              last_name: account.last_name,
              category_type: "standard",
            },
            regular_purchase: {
              term_amount: centsToDollars(regularMinimumPaymentCents(amountCents)),
              air: REGULAR_PURCHASE_AIR,
              verify: false,
              fees: [],
            },
            promotional_purchase: OFFERED_PLANS.map((plan) => ({
              plan_id: plan.plan_id,
              plan_name: planName(plan.plan_id, caller.lang),
              terms: plan.terms.map((term) => ({
                term,
                term_amount: centsToDollars(termAmountCents(amountCents, plan.annual_rate_bp, term)),
                fees: [],
              })),
            })),
          })
        )
      }),

      route("GET", `${client}/i18n`, (ctx) => {
        const caller = authorize(core, ctx, ANY_SCOPE)
        return ok(conform(i18nResponseSchema, I18N_LABELS[caller.lang]))
      }),
    ]
  })
}
