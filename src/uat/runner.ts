import axios from "axios"
import { FlexitiClient } from "../flexiti/client"
import { FlexitiEnvironment, ONLINE_API_ORIGINS, POS_API_ORIGINS, posApiBase } from "../flexiti/environments"
import { FlexitiError } from "../flexiti/errors"
import { newReferenceId } from "../flexiti/reference-id"
import { Authorization, CaptureResponse, TokenScope } from "../flexiti/schemas"
import { TokenCache, TokenClock } from "../flexiti/token-manager"
import { BusinessAccounts, runBusinessPlan, SKU_STATEMENT_CHECK } from "./business-plan"
import { ChecklistItem, MANUAL_CHECKLIST } from "./checklist"
import { CallLog, CallRecord, describeError } from "./call-log"
import { CaseFailure, expect, NeedsTester, type RunCase } from "./case-outcomes"
import { manualShopper } from "./shoppers"
import { purchaseAsTheStore, ShopperVerifier } from "./store-purchase"

/**
 * Flexiti's go-live review ("Test Plan – Online Channel", run in the Merchant Integration
 * environment): the cases a program can check are run against the chosen environment; the rest
 * is a checklist the merchant walks and signs in the report.
 */

export interface UatTarget {
  /** sandbox: the local Flexiti sandbox */
  environment: FlexitiEnvironment | "sandbox"
  clientId: string
  clientSecret: string
  /** only for the sandbox or a documented override; the real environments use Flexiti's hosts */
  posOrigin?: string
  onlineOrigin?: string
  /** Flexiti's test account for the purchase cases (the sandbox has its own) */
  accountNumber?: number
  /** moves the environment's clock past a token's expires_in (the sandbox's control API) */
  advanceClock?: (seconds: number) => Promise<void>
  /** on a real environment: wait out expires_in (about 20 minutes) instead of skipping that case */
  waitForExpiry?: boolean
  /** finishes the purchase widget as the shopper (default: nobody, so those steps are manual) */
  shopper?: ShopperVerifier
  /** the merchant is enrolled in Flexiti's Business Account plan: its accounts for that plan's checks */
  businessPlan?: BusinessAccounts
}

/** observed: the runner saw it happen (the calls' x-reference-ids are in the report); manual: a tester must do or check it */
export type CaseStatus = "observed" | "failed" | "manual"

export interface CaseResult {
  id: string
  title: string
  /** what the test plan asks, in its words */
  requirement: string
  status: CaseStatus
  /** what was observed: statuses, codes, amounts, x-reference-ids (never a secret) */
  details: string[]
  /** the x-reference-id of every call this case made */
  referenceIds: string[]
}

export interface UatReport {
  environment: string
  clientId: string
  posUrl: string
  onlineUrl: string | null
  startedAt: string
  finishedAt: string
  cases: CaseResult[]
  checklist: ChecklistItem[]
  /** every call made, with the token scope it carried */
  calls: CallRecord[]
  /** true when no automated case failed */
  ok: boolean
}

const AMOUNT = 100
const RELEASE_AMOUNT = 50

/** Runs every automated case in order; later cases reuse what earlier ones created. */
export async function runUat(target: UatTarget, options: { log?: (line: string) => void } = {}): Promise<UatReport> {
  const log = options.log ?? (() => undefined)
  const environment: FlexitiEnvironment = target.environment === "sandbox" ? "training" : target.environment
  let clockOffsetMs = 0
  const clock: TokenClock = { now: () => Date.now() + clockOffsetMs }
  const makeClient = (clientSecret = target.clientSecret) =>
    new FlexitiClient({
      environment,
      clientId: target.clientId,
      clientSecret,
      posOrigin: target.posOrigin,
      onlineOrigin: target.onlineOrigin,
      tokenCache: new TokenCache(),
      clock,
      http: { readAttempts: 2, backoffMs: 200 },
    })
  const client = makeClient()
  const posUrl = posApiBase(client.hosts, "v2.5")
  const startedAt = new Date().toISOString()
  const cases: CaseResult[] = []
  const calls = new CallLog()
  const shopper = target.shopper ?? manualShopper

  const run: RunCase = async (id, title, requirement, body) => {
    const details: string[] = []
    calls.begin(id, details)
    let status: CaseStatus = "observed"
    try {
      await body(details)
    } catch (error) {
      status = error instanceof NeedsTester ? "manual" : "failed"
      details.push(error instanceof CaseFailure || error instanceof NeedsTester ? error.message : `Unexpected: ${describeError(error)}`)
    }
    cases.push({ id, title, requirement, status, details, referenceIds: calls.referenceIdsOf(id) })
    log(`${status.toUpperCase().padEnd(8)}  ${title}`)
  }

  /** A raw call with a given bearer token: the client never sends a customer token to these. */
  async function rawCall(method: "GET" | "POST", path: string, token: { access_token: string; scope: TokenScope }, body?: unknown) {
    const referenceId = newReferenceId()
    const res = await axios.request({
      method,
      url: `${client.hosts.posOrigin}/flexiti/pos-api/${path}`,
      data: body,
      headers: { authorization: `Bearer ${token.access_token}`, "x-reference-id": referenceId },
      validateStatus: () => true,
      timeout: 15_000,
    })
    const code = (res.data as { error?: string } | undefined)?.error
    calls.record({ call: `${method} ${path.split("?")[0]}`, scope: token.scope, referenceId, outcome: `HTTP ${res.status}${code ? ` ${code}` : ""}` })
    return { status: res.status, code, referenceId }
  }

  const state: {
    expiresIn?: number
    authorization?: Authorization
    captures: CaptureResponse[]
    released?: Authorization
  } = { captures: [] }
  const account = target.accountNumber

  await run("credentials", "Credentials and environment URL", "Correct credentials and environment URL are used.", async (details) => {
    const documented = target.environment === "sandbox" ? undefined : POS_API_ORIGINS[target.environment]
    details.push(`POS API: ${posUrl}`)
    if (documented && client.hosts.posOrigin !== documented) {
      details.push(`Note: the POS host is overridden; Flexiti's documented host for ${target.environment} is ${documented}.`)
    }
    const result = await calls.observe("oauth/token", "merchant", (referenceId) => client.testConnection("merchant", referenceId))
    state.expiresIn = result.expires_in
    details.push(`expires_in ${result.expires_in} s`)
  })

  await run(
    "merchant-scope",
    "Merchant-scope calls from the server",
    "Merchant-scope calls (token, capture, GET authorizations, captures, lookup, search) are made from the server.",
    async (details) => {
      expect(account, "No test account: pass --account with the account Flexiti gave for the test plan.")
      const lookup = await calls.observe("customers/lookup", "merchant", (referenceId) => client.lookupCustomer({ account_number: account }, { referenceId }))
      details.push(`customers/lookup: account ${lookup.account_number}, status ${lookup.account_status}`)
      const list = await calls.observe("GET authorizations", "merchant", (referenceId) =>
        client.listAuthorizations({ account_number: account, page_size: 5 }, { referenceId })
      )
      details.push(`GET authorizations: ${list.authorizations.length} listed`)
      // GET captures and customers/search have no client method (the plugin does not need them);
      // the case only checks that the merchant-scope token is accepted on them.
      const token = await client.requestToken("merchant")
      const name = `first_name=${encodeURIComponent(lookup.first_name ?? "")}&last_name=${encodeURIComponent(lookup.last_name ?? "")}`
      for (const [label, path] of [
        ["GET captures", `v2.5.1/client-id/${target.clientId}/captures?account_number=${account}`],
        ["GET customers/search", `v2.5/client-id/${target.clientId}/customers/search?${name}&dob=1980-01-01`],
      ]) {
        const res = await rawCall("GET", path, { ...token, scope: "merchant" })
        details.push(`${label}: HTTP ${res.status}${res.code ? ` ${res.code}` : ""} (x-reference-id ${res.referenceId})`)
        expect(res.status !== 401 && res.status !== 403, `${label} refused the merchant-scope token`)
      }
      details.push("These calls ran from this machine with the merchant-scope token; the storefront never holds one.")
    }
  )

  await run("invalid-client", "Invalid client", "An invalid client gets 400 invalid_client.", async () => {
    const wrong = makeClient("uat-deliberately-wrong-secret")
    try {
      await calls.observe("oauth/token with a wrong secret", "merchant", (referenceId) => wrong.testConnection("merchant", referenceId))
    } catch (error) {
      expect(error instanceof FlexitiError, `Expected a Flexiti error, got ${describeError(error)}`)
      expect(error.status === 400 && error.code === "invalid_client", "Expected HTTP 400 invalid_client")
      return
    }
    throw new CaseFailure("A wrong client secret was granted a token")
  })

  const store = { client, shopper, calls }
  const storePurchase = (accountNumber: number, amount: number, prefer: "promotional_purchase" | "regular_purchase", reference: string) =>
    purchaseAsTheStore(store, { accountNumber, amount, prefer, reference })

  await run(
    "purchase",
    "Purchase (the store's widget flow)",
    "A purchase is authorized: widget/init, the shopper's verification, calculate-interest and authorization on the customer-scope token.",
    async () => {
      expect(account, "No test account: pass --account.")
      const auth = await storePurchase(account, AMOUNT, "promotional_purchase", "purchase")
      state.authorization = auth
      expect(auth.amount === AMOUNT, `Authorized ${auth.amount}, expected ${AMOUNT}`)
    }
  )

  /** A case that builds on earlier ones: manual when those were left to a tester, failed when they failed. */
  function after<T>(value: T, ...caseIds: string[]): asserts value is NonNullable<T> {
    if (value) return
    const manual = cases.filter((c) => caseIds.includes(c.id) && c.status === "manual")
    if (manual.length > 0) throw new NeedsTester(`Runs after ${manual.map((c) => `"${c.title}"`).join(", ")}, left to a tester.`)
    throw new CaseFailure(`Needs ${caseIds.join(", ")}.`)
  }

  await run("partial-capture", "Partial capture", "Part of an authorization is captured (merchant token).", async (details) => {
    after(state.authorization, "purchase")
    const id = state.authorization.authorization_id
    const capture = await calls.observe("capture 40.00", "merchant", (referenceId) =>
      client.capture(id, { amount: 40, reference: "uat-partial" }, { referenceId })
    )
    state.captures.push(capture)
    details.push(`capture_id ${capture.capture_id}, remaining ${capture.remaining_authorization_amount}`)
    expect(capture.remaining_authorization_amount === 60, `Expected 60.00 remaining, got ${capture.remaining_authorization_amount}`)
  })

  await run("full-capture", "Full capture", "The rest of the authorization is captured (merchant token).", async (details) => {
    after(state.authorization && state.captures.length === 1 ? state.authorization : undefined, "purchase", "partial-capture")
    const id = state.authorization!.authorization_id
    const capture = await calls.observe("capture 60.00", "merchant", (referenceId) =>
      client.capture(id, { amount: 60, reference: "uat-full" }, { referenceId })
    )
    state.captures.push(capture)
    const after2 = await calls.observe("GET authorization", "merchant", (referenceId) => client.getAuthorization(id, { referenceId }))
    details.push(`capture_id ${capture.capture_id}; GET authorization: status ${after2.status}, captured ${after2.captured_amount}`)
    expect(capture.remaining_authorization_amount === 0, `Expected nothing remaining, got ${capture.remaining_authorization_amount}`)
  })

  await run("release", "Release", "An authorization is released.", async (details) => {
    expect(account, "No test account: pass --account.")
    const auth = await storePurchase(account, RELEASE_AMOUNT, "regular_purchase", "release")
    const released = await calls.observe(`release ${RELEASE_AMOUNT.toFixed(2)}`, "merchant", (referenceId) =>
      client.release(auth.authorization_id, { amount: RELEASE_AMOUNT }, { referenceId })
    )
    state.released = auth
    details.push(`authorization ${auth.authorization_id} released: remaining ${released.remaining_authorization_amount}, status ${released.status}`)
    expect(released.remaining_authorization_amount === 0, "Expected nothing left after the release")
  })

  await run("return", "Return", "A captured amount is returned (merchant token).", async (details) => {
    after(state.authorization && state.captures[0], "purchase", "partial-capture")
    const [authId, captureId] = [state.authorization!.authorization_id, state.captures[0].capture_id]
    const result = await calls.observe("return 10.00", "merchant", (referenceId) =>
      client.returnCapture(authId, captureId, { amount: 10, full_return: false, reference: "uat-return" }, { referenceId })
    )
    details.push(`on capture ${captureId}: return_id ${result.return_id}, remaining on the capture ${result.remaining_capture_amount}`)
    expect(result.remaining_capture_amount === 30, `Expected 30.00 left on the capture, got ${result.remaining_capture_amount}`)
  })

  await run("refund", "Refund", "An account refund is made (merchant token).", async () => {
    after(account && state.captures[1], "purchase", "full-capture")
    const captureId = state.captures[1].capture_id
    await calls.observe(`accounts/${account}/refund 5.00 against capture ${captureId}`, "merchant", (referenceId) =>
      client.refundAccount(account!, { amount: 5, capture_id: captureId, reference: "uat-refund" }, { referenceId })
    )
  })

  await run(
    "customer-scope",
    "Customer-scope token refused on back-office calls",
    "A customer-scope token is refused on release, capture, return, refund and GET (authorizations, captures, lookup).",
    async (details) => {
      after(state.authorization && state.captures[0] && account, "purchase", "partial-capture")
      const token = await client.requestToken("customer")
      const id = state.authorization!.authorization_id
      const probes: [string, "GET" | "POST", string, unknown][] = [
        ["release", "POST", `v2.5/client-id/${target.clientId}/authorization/${id}/release`, { amount: 1 }],
        ["capture", "POST", `v2.5/client-id/${target.clientId}/authorization/${id}/capture`, { amount: 1 }],
        [
          "return",
          "POST",
          `v2.5/client-id/${target.clientId}/authorization/${id}/capture/${state.captures[0].capture_id}/return`,
          { amount: 1, full_return: false },
        ],
        ["refund", "POST", `v2.5/client-id/${target.clientId}/accounts/${account}/refund`, { amount: 1, capture_id: state.captures[0].capture_id }],
        ["GET authorization", "GET", `v2.5.1/client-id/${target.clientId}/authorization/${id}`, undefined],
        ["GET authorizations", "GET", `v2.5.1/client-id/${target.clientId}/authorizations?account_number=${account}`, undefined],
        ["GET captures", "GET", `v2.5.1/client-id/${target.clientId}/captures?account_number=${account}`, undefined],
        ["customers/lookup", "GET", `v2.5/client-id/${target.clientId}/customers/lookup?account_number=${account}`, undefined],
      ]
      const accepted: string[] = []
      for (const [name, method, path, body] of probes) {
        const res = await rawCall(method, path, { ...token, scope: "customer" }, body)
        details.push(`${name} with a customer-scope token: HTTP ${res.status}${res.code ? ` ${res.code}` : ""} (x-reference-id ${res.referenceId})`)
        if (res.status !== 401 && res.status !== 403) accepted.push(name)
      }
      expect(accepted.length === 0, `Not refused: ${accepted.join(", ")}`)
    }
  )

  await run("expired-token", "Call after expires_in", "Any call after expires_in gets 401.", async (details) => {
    const token = await client.requestToken("merchant")
    const wait = token.expires_in + 1
    if (target.advanceClock) {
      await target.advanceClock(wait)
      clockOffsetMs += wait * 1000
      details.push(`The environment's clock was moved ${wait} s forward.`)
    } else if (target.waitForExpiry) {
      details.push(`Waited ${wait} s for the token to expire.`)
      await new Promise((resolve) => setTimeout(resolve, wait * 1000))
    } else {
      throw new NeedsTester(`Not run: the token lives ${token.expires_in} s. Re-run with --wait-for-expiry to wait it out.`)
    }
    const res = await rawCall("GET", `v2.5/client-id/${target.clientId}/i18n`, { ...token, scope: "merchant" })
    details.push(`GET i18n with the expired token: HTTP ${res.status}${res.code ? ` ${res.code}` : ""} (x-reference-id ${res.referenceId})`)
    expect(res.status === 401, `Expected HTTP 401, got ${res.status}`)
  })

  await run("field-lengths", "Field lengths", "Requests respect the documented field lengths.", async (details) => {
    const referenceId = newReferenceId()
    expect(/^[0-9a-f]{32}$/.test(referenceId), "x-reference-id must be 32 ASCII characters")
    details.push(`x-reference-id: 32 ASCII characters (${referenceId})`)
    const tooLong = "R".repeat(41)
    const error = await client.capture(1, { amount: 1, reference: tooLong }).then(
      () => undefined,
      (e: unknown) => e
    )
    expect(error instanceof FlexitiError && error.kind === "invalid_request" && error.status === undefined, "A 41-character reference was sent to Flexiti")
    details.push("capture reference: ASCII (40); the plugin refuses 41 characters before calling Flexiti")
    if (target.environment === "sandbox") {
      const token = await client.requestToken("merchant")
      const res = await rawCall(
        "POST",
        `v2.5/client-id/${target.clientId}/authorization/1/capture`,
        { ...token, scope: "merchant" },
        { amount: 1, reference: tooLong }
      )
      details.push(`the sandbox answers a 41-character reference with HTTP ${res.status} ${res.code ?? ""}`.trim())
      expect(res.status === 409 && res.code === "wrong_inputs", "The sandbox accepted a 41-character reference")
    }
  })

  if (target.businessPlan) await runBusinessPlan(run, store, target.businessPlan)

  const finishedAt = new Date().toISOString()
  const onlineUrl = client.hosts.onlineOrigin ?? (target.environment === "sandbox" ? null : (ONLINE_API_ORIGINS[target.environment] ?? null))
  return {
    environment: target.environment,
    clientId: target.clientId,
    posUrl,
    onlineUrl: onlineUrl ? `${onlineUrl}/flexiti/online-api` : null,
    startedAt,
    finishedAt,
    cases,
    checklist: target.businessPlan ? [...MANUAL_CHECKLIST, SKU_STATEMENT_CHECK] : MANUAL_CHECKLIST,
    calls: calls.records,
    ok: cases.every((c) => c.status !== "failed"),
  }
}
