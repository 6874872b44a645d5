import { dollarsOf, centsOf } from "./cents"
import { POS_API_PATH } from "./paths"
import { SandboxCore } from "./core"
import { documented } from "./docs/errors"
import { Body, booleanAt, isPresent, numberAt, stringAt } from "./docs/fields"
import {
  AUTHORIZATION_LIST_QUERY,
  AUTHORIZATION_REQUEST,
  CALCULATE_INTEREST_REQUEST,
  CAPTURE_LIST_QUERY,
  CAPTURE_REQUEST,
  CUSTOMER_LOOKUP_QUERY,
  CUSTOMER_SEARCH_QUERY,
  MERCHANT_LOGIN_REQUEST,
  REFUND_REQUEST,
  RELEASE_REQUEST,
  RETURN_REQUEST,
  skuDataErrors,
  WIDGET_INIT_REQUEST,
} from "./docs/requests"
import { formBody, isFormEncoded, jsonBody, ok, queryObject, requireValid, RequestContext, Route, route, wrongInputs } from "./http-utils"
import { I18N_LABELS } from "./i18n-labels"
import {
  AuthorizationInput,
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
import { AccountState, SkuData } from "./state"
import { handleTokenRequest } from "./token-route"
import { TransactionType } from "./types"
import { applyRoute } from "./apply-route"
import { createWidgetSession, widgetRedirectionUrl } from "./widget-sessions"

/**
 * Flexiti prints POST and GET authorization, GET authorizations, GET captures and
 * calculate-interest on v2.5.1 (their v2.5 forms "deprecated" in release 21.10.0, not removed) and
 * the other endpoints on v2.5. No page says an endpoint is refused under the other of the two
 * versions, so every endpoint answers under both; a version Flexiti never printed is a 404.
 */
const V25 = `${POS_API_PATH}/v2.5`
const V251 = `${POS_API_PATH}/v2.5.1`

/** Path prefixes the POS API serves at all, so other versions get the POS error shape. */
const POS_VERSION_PREFIXES = [V25, V251]

function accountView(account: AccountState): Record<string, unknown> {
  return {
    customer_id: account.customer_id,
    account_number: account.account_number,
    account_status: account.account_status,
    account_status_reason_code: account.account_status_reason_code,
    account_type: account.account_type,
    credit_limit: dollarsOf(account.credit_limit_cents),
    available_credit: dollarsOf(account.available_credit_cents),
    first_name: account.first_name,
    last_name: account.last_name,
    card_ending_in: account.vcc_number.slice(-4),
    preferred_language: account.preferred_language,
    risk_rating: account.risk_rating,
  }
}

function requireAccount(core: SandboxCore, clientId: string, accountNumber: number): AccountState {
  const account = core.state.accountsOf(clientId).get(accountNumber)
  if (!account) throw documented("not_found", "Customer account not found")
  return account
}

function amountOf(body: Body): number | undefined {
  return numberAt(body, "amount")
}

/** A GET's query checked against its documented parameters (lang is checked with the caller). */
function listQuery(ctx: RequestContext, spec: Parameters<typeof requireValid>[0]): Body {
  const query: Body = queryObject(ctx.query)
  delete query.lang
  requireValid(spec, query, { coerce: true })
  return query
}

function page<T>(items: T[], query: Body): T[] {
  const size = numberAt(query, "page_size") ?? 10
  const number = numberAt(query, "page_number") ?? 1
  return items.slice((number - 1) * size, number * size)
}

/**
 * "Our API … accepts form-encoded request bodies" (API overview) and "[BODY] … are submitted as
 * JSON" (same page): both are accepted. A form carries every value as text (dotted names nest),
 * so its numbers and booleans are read from their text.
 */
function validBody(ctx: RequestContext, spec: Parameters<typeof requireValid>[0]): Body {
  if (isFormEncoded(ctx)) {
    const body = formBody(ctx.rawBody)
    requireValid(spec, body, { coerce: true })
    return body
  }
  const body = jsonBody(ctx)
  requireValid(spec, body)
  return body
}

export function posRoutes(core: SandboxCore): Route[] {
  return POS_VERSION_PREFIXES.flatMap((version) => versionRoutes(core, version))
}

/** A body that may carry sku_data: checked against its documented fields under the strictness `sku_data`. */
function validBodyWithSkuData(core: SandboxCore, ctx: RequestContext, spec: Parameters<typeof requireValid>[0]): Body {
  const body = validBody(ctx, spec)
  if (core.strictness.sku_data) {
    const errors = skuDataErrors(body, { coerce: isFormEncoded(ctx) })
    if (errors.length > 0) throw wrongInputs(errors)
  }
  return body
}

const skuDataOf = (body: Body): SkuData | undefined => (isPresent(body.sku_data) ? (body.sku_data as SkuData) : undefined)

function versionRoutes(core: SandboxCore, version: string): Route[] {
  const client = `${version}/client-id/:client_id`
  return [
    route("POST", `${version}/oauth/token`, (ctx) => handleTokenRequest(core, ctx, "pos")),

    route("POST", `${client}/widget/init`, (ctx) => {
      const caller = authorize(core, ctx, ANY_SCOPE)
      const body = validBody(ctx, WIDGET_INIT_REQUEST)
      const session = createWidgetSession(core, {
        clientId: caller.token.client_id,
        lineageId: caller.token.lineage_id,
        flow: body.flow as "purchase" | "apply",
        lang: (stringAt(body, "lang") as "en" | "fr" | undefined) ?? caller.lang,
        referenceId: caller.referenceId,
        accountNumber: numberAt(body, "customer_identification.account_number"),
        request: body,
      })
      return ok({ redirection_url: widgetRedirectionUrl(ctx.origin, session) })
    }),

    applyRoute(core, client),

    route("POST", `${client}/authorization`, (ctx) => {
      const caller = authorize(core, ctx, ANY_SCOPE)
      const body = validBodyWithSkuData(core, ctx, AUTHORIZATION_REQUEST)
      const clientId = caller.token.client_id
      const request: AuthorizationInput = {
        account_number: numberAt(body, "account_number") as number,
        reference: stringAt(body, "reference"),
        financing_option: {
          transaction_type: stringAt(body, "financing_option.transaction_type") as TransactionType,
          plan_id: numberAt(body, "financing_option.plan_id"),
          term: numberAt(body, "financing_option.term"),
        },
        amount: amountOf(body) as number,
        auto_capture: booleanAt(body, "auto_capture") as boolean,
        sku_data: skuDataOf(body),
      }
      const account = requireAccount(core, clientId, request.account_number)
      // Business Account test plan: an authorization for a virtual card Flexiti does not know is
      // refused with 404. The sandbox knows one card per account.
      const vcc = stringAt(body, "vcc_number")
      if (vcc !== undefined && vcc !== account.vcc_number) throw documented("not_found", "Virtual card not found")
      if (caller.token.scope === "customer") {
        // verification_code: "Not to be passed for Online implementations using the Widget".
        if (body.verification_code !== undefined) {
          throw wrongInputs([{ param: "verification_code", msg: "not to be passed for online implementations using the widget" }])
        }
        // A customer-scope token may only buy for the account its own widget session verified:
        // Flexiti "takes the access_token as a referential value for the entire flow".
        const verified = [...core.state.widgetSessions.values()].some(
          (s) => s.client_id === clientId && s.lineage_id === caller.token.lineage_id && s.status === "approved" && s.account_number === request.account_number
        )
        if (!verified) throw documented("customer_identity_not_found")
      }
      const amountCents = centsOf(request.amount) + core.faults.takeTamperCents()
      const auth = createAuthorization(core, clientId, request, amountCents)
      return ok(authorizationView(auth))
    }),

    route("GET", `${client}/authorization/:id`, (ctx) => {
      const caller = authorize(core, ctx, MERCHANT_ONLY)
      const auth = core.state.findAuthorization(caller.token.client_id, pathNumber(ctx, "id", "Authorization"))
      if (!auth) throw documented("not_found", "Authorization not found")
      return ok(authorizationView(auth))
    }),

    route("GET", `${client}/authorizations`, (ctx) => {
      const caller = authorize(core, ctx, MERCHANT_ONLY)
      const query = listQuery(ctx, AUTHORIZATION_LIST_QUERY)
      const accountNumber = numberAt(query, "account_number")
      const matching = [...core.state.authorizations.values()].filter(
        (a) =>
          a.client_id === caller.token.client_id &&
          (accountNumber === undefined || a.account_number === accountNumber) &&
          (query.reference === undefined || a.reference === query.reference) &&
          (query.transaction_type === undefined || a.transaction_type === query.transaction_type) &&
          (query.authorization_status === undefined || statusOf(a) === query.authorization_status)
      )
      return ok({ authorizations: page(matching, query).map(authorizationView) })
    }),

    route("GET", `${client}/captures`, (ctx) => {
      const caller = authorize(core, ctx, MERCHANT_ONLY)
      const query = listQuery(ctx, CAPTURE_LIST_QUERY)
      const accountNumber = numberAt(query, "account_number")
      const authorizationId = numberAt(query, "authorization_id")
      const captures = [...core.state.authorizations.values()]
        .filter(
          (a) =>
            a.client_id === caller.token.client_id &&
            (accountNumber === undefined || a.account_number === accountNumber) &&
            (authorizationId === undefined || a.authorization_id === authorizationId)
        )
        .flatMap((a) => (authorizationView(a).captures as Record<string, unknown>[]).map((c) => ({ ...c, authorization_id: a.authorization_id })))
      return ok({ captures: page(captures, query) })
    }),

    route("POST", `${client}/authorization/:id/capture`, (ctx) => {
      const caller = authorize(core, ctx, MERCHANT_ONLY)
      const body = validBodyWithSkuData(core, ctx, CAPTURE_REQUEST)
      const id = pathNumber(ctx, "id", "Authorization")
      return ok(
        captureAuthorization(core, caller.token.client_id, id, {
          amount: amountOf(body) as number,
          reference: stringAt(body, "reference"),
          sku_data: skuDataOf(body),
        })
      )
    }),

    route("POST", `${client}/authorization/:id/release`, (ctx) => {
      const caller = authorize(core, ctx, MERCHANT_ONLY)
      const body = validBody(ctx, RELEASE_REQUEST)
      const id = pathNumber(ctx, "id", "Authorization")
      return ok(releaseAuthorization(core, caller.token.client_id, id, { amount: amountOf(body), reference: stringAt(body, "reference") }))
    }),

    route("POST", `${client}/authorization/:id/capture/:capture_id/return`, (ctx) => {
      const caller = authorize(core, ctx, MERCHANT_ONLY)
      const body = validBodyWithSkuData(core, ctx, RETURN_REQUEST)
      return ok(
        returnCapture(core, caller.token.client_id, pathNumber(ctx, "id", "Authorization"), pathNumber(ctx, "capture_id", "Capture"), {
          amount: amountOf(body),
          reference: stringAt(body, "reference"),
          full_return: booleanAt(body, "full_return"),
          sku_data: skuDataOf(body),
        })
      )
    }),

    route("POST", `${client}/accounts/:account_number/refund`, (ctx) => {
      const caller = authorize(core, ctx, MERCHANT_ONLY)
      const body = validBodyWithSkuData(core, ctx, REFUND_REQUEST)
      refundAccount(core, caller.token.client_id, pathNumber(ctx, "account_number", "Customer account"), {
        amount: amountOf(body) as number,
        reference: stringAt(body, "reference"),
        capture_id: numberAt(body, "capture_id"),
      })
      // "Success response is an empty object {}".
      return ok({})
    }),

    route("GET", `${client}/customers/lookup`, (ctx) => {
      const caller = authorize(core, ctx, MERCHANT_ONLY)
      const query = listQuery(ctx, CUSTOMER_LOOKUP_QUERY)
      const accountNumber = numberAt(query, "account_number")
      const account = [...core.state.accountsOf(caller.token.client_id).values()].find(
        (a) =>
          (accountNumber === undefined || a.account_number === accountNumber) &&
          (query.vcc_number === undefined || a.vcc_number === query.vcc_number) &&
          (query.customer_id === undefined || a.customer_id === query.customer_id)
      )
      if (!account) throw documented("not_found", "Customer account not found")
      return ok(accountView(account))
    }),

    route("GET", `${client}/customers/search`, (ctx) => {
      const caller = authorize(core, ctx, MERCHANT_ONLY)
      const query = listQuery(ctx, CUSTOMER_SEARCH_QUERY)
      // The sandbox's accounts carry no date of birth: names decide (docs silent on matching).
      const same = (a: string, b: unknown) => a.toLowerCase() === String(b).toLowerCase()
      const found = [...core.state.accountsOf(caller.token.client_id).values()].filter(
        (a) => same(a.first_name, query.first_name) && same(a.last_name, query.last_name)
      )
      return ok({ customers: found.map(accountView) })
    }),

    route("POST", `${client}/accounts/:account_number/calculate-interest`, (ctx) => {
      const caller = authorize(core, ctx, ANY_SCOPE)
      const body = validBody(ctx, CALCULATE_INTEREST_REQUEST)
      const account = requireAccount(core, caller.token.client_id, pathNumber(ctx, "account_number", "Customer account"))
      const amount = amountOf(body) as number
      const amountCents = centsOf(amount)
      return ok({
        account_number: account.account_number,
        account_type: account.account_type,
        amount,
        customer: {
          air: REGULAR_PURCHASE_AIR,
          available_credit: dollarsOf(account.available_credit_cents),
          first_name: account.first_name,
          last_name: account.last_name,
          category_type: "standard",
        },
        regular_purchase: {
          term_amount: dollarsOf(regularMinimumPaymentCents(amountCents)),
          air: REGULAR_PURCHASE_AIR,
          verify: false,
          fees: [],
        },
        promotional_purchase: OFFERED_PLANS.map((plan) => ({
          plan_id: plan.plan_id,
          plan_name: planName(plan.plan_id, caller.lang),
          terms: plan.terms.map((term) => ({
            term,
            term_amount: dollarsOf(termAmountCents(amountCents, plan.annual_rate_bp, term)),
            fees: [],
          })),
        })),
      })
    }),

    route("GET", `${client}/i18n`, (ctx) => {
      const caller = authorize(core, ctx, ANY_SCOPE)
      return ok(I18N_LABELS[caller.lang])
    }),

    // Authentication Endpoints (older version; later marked deprecated): optional merchant_username
    // and merchant_password; answers merchant_name, merchant_id and form_values ("various values
    // used in the credit application form"). The sandbox's merchant is its client: the name is the
    // client id, the id a sandbox number, the form values the i18n labels.
    route("POST", `${client}/merchants/login`, (ctx) => {
      const caller = authorize(core, ctx, ANY_SCOPE)
      validBody(ctx, MERCHANT_LOGIN_REQUEST)
      return ok({ merchant_name: caller.token.client_id, merchant_id: 1, form_values: I18N_LABELS[caller.lang] })
    }),
  ]
}
