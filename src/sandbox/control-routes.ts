import { z } from "zod"
import { dollarsOf, centsOf, isDollarAmount } from "./cents"
import { applyFaults, SandboxCore, resetCore } from "./core"
import { faultsInputSchema } from "./faults"
import { HttpError, ok, Reply, RequestContext, Route, route, zodFieldErrors } from "./http-utils"
import { authorizationFullView } from "./ledger"
import { applyInOnlineOrder, completeOnlineOrder, onlineOrderView, settleOnlineApplication } from "./online-orders"
import { AccountState, Application } from "./state"
import { applicationView, decidePending, isTestApplicant, TEST_APPLICANT_KEYS, TEST_APPLICANTS, TestApplicantKey } from "./applicants"
import { applyInWidget, approveWidgetSession, declineWidgetSession, sendToApplication, settleWidgetApplication, widgetSessionView } from "./widget-sessions"

/** Control API for tests and the hosted pages: no auth, JSON, 400 on bad input, never faulted. */
export const CONTROL_PREFIX = "/__sandbox"

const dollars = z.number().nonnegative().refine(isDollarAmount, "dollars with at most 2 decimals")

export const clientInputSchema = z.strictObject({
  client_id: z.string().min(1).max(100),
  client_secret: z.string().min(1).max(100),
  success_url: z.url().optional(),
  error_url: z.url().optional(),
  merchant: z
    .strictObject({
      preauthorization: z.boolean().optional(),
      standard_account: z.boolean().optional(),
      nonprime_regular_purchase: z.boolean().optional(),
      apis: z.array(z.enum(["pos", "online"])).optional(),
    })
    .optional(),
})

export const accountInputSchema = z.strictObject({
  client_id: z.string().min(1),
  account_number: z.number().int().positive().max(99999999999999),
  first_name: z.string().min(1).default("Test"),
  last_name: z.string().min(1).default("Shopper"),
  customer_id: z.string().max(20).optional(),
  vcc_number: z.string().max(16).optional(),
  account_type: z.enum(["consumer", "business"]).default("consumer"),
  account_status: z.string().min(1).default("N"),
  account_status_reason_code: z.string().default("NNOR"),
  risk_rating: z.enum(["L", "M", "H", "XH", "XXH", "XXXH"]).default("L"),
  credit_limit: dollars.default(10000),
  available_credit: dollars.optional(),
  preferred_language: z.enum(["en-CA", "fr-CA"]).default("en-CA"),
})
export type AccountInput = z.input<typeof accountInputSchema>

/** fresh_account: a new account with 10,000.00 of credit verifies (tests and benchmarks that must not run out of credit) */
const approveInputSchema = z.strictObject({ account_number: z.number().int().positive().optional(), fresh_account: z.boolean().optional() })
const completeInputSchema = z.strictObject({
  outcome: z.enum(["approve", "decline", "cancel"]),
  account_number: z.number().int().positive().optional(),
})
const applicantSchema = z.string().refine(isTestApplicant, { message: `one of ${TEST_APPLICANT_KEYS.join(", ")}` })
const applyInputSchema = z.strictObject({ applicant: applicantSchema })
const decideInputSchema = z.strictObject({ decision: z.enum(["approved", "declined"]) })
const clockInputSchema = z.strictObject({ advance_seconds: z.number().min(0) })

function input<S extends z.ZodType>(schema: S, ctx: RequestContext): z.output<S> {
  let body: unknown = {}
  if (ctx.rawBody.trim() !== "") {
    try {
      body = JSON.parse(ctx.rawBody)
    } catch {
      throw new HttpError(400, "bad_request", "body must be JSON")
    }
  }
  const parsed = schema.safeParse(body)
  if (!parsed.success) throw new HttpError(400, "bad_request", "invalid control input", zodFieldErrors(parsed.error, body))
  return parsed.data
}

export function addAccount(core: SandboxCore, raw: AccountInput): AccountState {
  const parsed = accountInputSchema.safeParse(raw)
  if (!parsed.success) throw new HttpError(400, "bad_request", "invalid account", zodFieldErrors(parsed.error, raw))
  const a = parsed.data
  const accounts = core.state.accounts.get(a.client_id)
  if (!accounts) throw new HttpError(404, "not_found", `Unknown client ${a.client_id}`)
  const suffix = String(a.account_number).slice(-8)
  const account: AccountState = {
    account_number: a.account_number,
    customer_id: a.customer_id ?? `2000000-${suffix.slice(-5)}`,
    vcc_number: a.vcc_number ?? `50000000${suffix}`,
    first_name: a.first_name,
    last_name: a.last_name,
    account_type: a.account_type,
    account_status: a.account_status,
    account_status_reason_code: a.account_status_reason_code,
    risk_rating: a.risk_rating,
    credit_limit_cents: centsOf(a.credit_limit),
    available_credit_cents: centsOf(a.available_credit ?? a.credit_limit),
    preferred_language: a.preferred_language,
  }
  accounts.set(account.account_number, account)
  return account
}

/** Flexiti decides a pending application; the widget session or hosted order it came from follows. */
export function decideApplication(core: SandboxCore, id: number, decision: "approved" | "declined"): Application {
  const { application } = decidePending(core, id, decision)
  settleWidgetApplication(core, application)
  settleOnlineApplication(core, application)
  return application
}

function accountControlView(account: AccountState): Record<string, unknown> {
  const { credit_limit_cents, available_credit_cents, ...rest } = account
  return { ...rest, credit_limit: dollarsOf(credit_limit_cents), available_credit: dollarsOf(available_credit_cents) }
}

export function controlRoutes(core: SandboxCore): Route[] {
  const p = CONTROL_PREFIX
  const session = (ctx: RequestContext) => {
    const found = core.state.widgetSessions.get(ctx.params.id)
    if (!found) throw new HttpError(404, "not_found", "Widget session not found")
    return found
  }
  const clockView = (): Reply => ok({ now: new Date(core.clock.now()).toISOString(), offset_seconds: core.clock.offsetSeconds })

  return [
    route("POST", `${p}/reset`, () => {
      resetCore(core)
      return ok({ reset: true })
    }),
    route("POST", `${p}/clients`, (ctx) => {
      const client = input(clientInputSchema, ctx)
      core.state.upsertClient(client)
      return ok({ client_id: client.client_id })
    }),
    route("POST", `${p}/accounts`, (ctx) => {
      const body = input(accountInputSchema, ctx)
      return ok(accountControlView(addAccount(core, body)))
    }),
    route("GET", `${p}/widget-sessions/:id`, (ctx) => ok(widgetSessionView(session(ctx)))),
    route("POST", `${p}/widget-sessions/:id/approve`, (ctx) => {
      const { account_number, fresh_account } = input(approveInputSchema, ctx)
      const fresh = fresh_account
        ? addAccount(core, { client_id: session(ctx).client_id, account_number: core.state.nextId("account") }).account_number
        : undefined
      const result = approveWidgetSession(core, ctx.params.id, fresh ?? account_number)
      return ok({ ...widgetSessionView(result.session), event: result.event })
    }),
    route("POST", `${p}/widget-sessions/:id/decline`, (ctx) => {
      const result = declineWidgetSession(core, ctx.params.id)
      return ok({ ...widgetSessionView(result.session), event: result.event })
    }),
    // The shopper has no account: the purchase widget ends with null/false/apply.
    route("POST", `${p}/widget-sessions/:id/new-applicant`, (ctx) => {
      const result = sendToApplication(core, ctx.params.id)
      return ok({ ...widgetSessionView(result.session), event: result.event })
    }),
    // The shopper fills in an application widget; the decision comes with POST /apply.
    route("POST", `${p}/widget-sessions/:id/apply`, (ctx) => {
      const { applicant } = input(applyInputSchema, ctx)
      const result = applyInWidget(core, ctx.params.id, applicant as TestApplicantKey)
      return ok({ ...widgetSessionView(result.session), event: result.event })
    }),
    route("GET", `${p}/online-orders/:id`, (ctx) => {
      const order = core.state.onlineOrders.get(Number(ctx.params.id))
      if (!order) throw new HttpError(404, "not_found", "Online order not found")
      return ok(onlineOrderView(order))
    }),
    route("POST", `${p}/online-orders/:id/complete`, (ctx) => {
      const { outcome, account_number } = input(completeInputSchema, ctx)
      const result = completeOnlineOrder(core, Number(ctx.params.id), outcome, account_number)
      return ok({ ...onlineOrderView(result.order), redirect_url: result.redirect_url })
    }),
    route("POST", `${p}/online-orders/:id/apply`, (ctx) => {
      const { applicant } = input(applyInputSchema, ctx)
      const result = applyInOnlineOrder(core, Number(ctx.params.id), applicant as TestApplicantKey)
      return ok({
        ...onlineOrderView(result.order),
        redirect_url: result.redirect_url,
        retry: result.retry,
        application: result.application ? applicationView(result.application) : null,
      })
    }),
    route("GET", `${p}/applicants`, () => ok({ applicants: TEST_APPLICANT_KEYS.map((key) => ({ middle_name: key, ...TEST_APPLICANTS[key] })) })),
    route("GET", `${p}/applications/:id`, (ctx) => {
      const application = core.state.applications.get(Number(ctx.params.id))
      if (!application) throw new HttpError(404, "not_found", "Application not found")
      return ok(applicationView(application))
    }),
    // Flexiti finishes reviewing a pending application; the widget session or hosted order follows.
    route("POST", `${p}/applications/:id/decision`, (ctx) => {
      const { decision } = input(decideInputSchema, ctx)
      return ok(applicationView(decideApplication(core, Number(ctx.params.id), decision)))
    }),
    route("GET", `${p}/clock`, clockView),
    route("POST", `${p}/clock`, (ctx) => {
      core.clock.advance(input(clockInputSchema, ctx).advance_seconds)
      return clockView()
    }),
    route("GET", `${p}/faults`, () => ok(core.faults.view())),
    route("POST", `${p}/faults`, (ctx) => {
      applyFaults(core, input(faultsInputSchema, ctx))
      return ok(core.faults.view())
    }),
    route("DELETE", `${p}/faults`, () => {
      core.faults.clear()
      return ok(core.faults.view())
    }),
    route("GET", `${p}/counters`, () => ok(core.state.counters)),
    route("GET", `${p}/authorizations`, (ctx) => {
      const clientId = ctx.query.get("client_id")
      const reference = ctx.query.get("reference")
      const list = [...core.state.authorizations.values()].filter(
        (a) => (clientId === null || a.client_id === clientId) && (reference === null || a.reference === reference)
      )
      return ok({ authorizations: list.map(authorizationFullView) })
    }),
    route("GET", `${p}/authorizations/:id`, (ctx) => {
      const auth = core.state.authorizations.get(Number(ctx.params.id))
      if (!auth) throw new HttpError(404, "not_found", "Authorization not found")
      return ok(authorizationFullView(auth))
    }),
  ]
}
