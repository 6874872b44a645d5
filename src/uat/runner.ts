import axios from "axios"
import { FlexitiClient } from "../flexiti/client"
import { FlexitiEnvironment, ONLINE_API_ORIGINS, POS_API_ORIGINS, posApiBase } from "../flexiti/environments"
import { FlexitiError } from "../flexiti/errors"
import { newReferenceId } from "../flexiti/reference-id"
import { Authorization, CaptureResponse, FinancingOption } from "../flexiti/schemas"
import { TokenCache, TokenClock } from "../flexiti/token-manager"

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
}

export type CaseStatus = "passed" | "failed" | "skipped"

export interface CaseResult {
  id: string
  title: string
  /** what the test plan asks, in its words */
  requirement: string
  status: CaseStatus
  /** what was observed: statuses, codes, amounts, x-reference-ids (never a secret) */
  details: string[]
}

export interface ChecklistItem {
  id: string
  title: string
  steps: string[]
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
  /** true when no automated case failed */
  ok: boolean
}

/** What the report asks the merchant to verify by hand (with Flexiti's Marketing Team where stated). */
export const MANUAL_CHECKLIST: ChecklistItem[] = [
  {
    id: "disclosures",
    title: "Disclaimers and disclosures shown to the shopper",
    steps: [
      "Open the checkout in English and in French: the financing step shows Flexiti's disclosures (i18n: qcpa_disclosure for Quebec, insurance, annual_fees) as synced in the admin.",
      "Quebec shoppers see the Quebec Consumer Protection Act disclosure; rates and fees are as prominent as monthly amounts.",
      "Send screenshots to Flexiti: the test plan says these are verified by Flexiti's Marketing Team.",
    ],
  },
  {
    id: "pdfs",
    title: "PDFs shown to the shopper",
    steps: ["Every PDF Flexiti supplies (terms, credit agreement) opens from the checkout and is the current version."],
  },
  {
    id: "links",
    title: "Links shown to the shopper",
    steps: [
      "Links to Flexiti (apply, customer portal https://my.flexiti.com/index for activation) open and land on the right environment.",
      "The product and cart pages' financing messages link to Flexiti's terms.",
    ],
  },
  {
    id: "trust-url",
    title: "Trust URL and server-side calls",
    steps: [
      "The Developer Portal's Trust URL (or IP) of this environment is the store's origin, without a trailing slash.",
      "Open the storefront's network log during a checkout: no request carries a Flexiti access token or the client secret; only the store's server calls Flexiti.",
    ],
  },
  {
    id: "shopper-flows",
    title: "Shopper flows in the widget or hosted page",
    steps: [
      "Apply with Flexiti's test applicants (middle names A-RR_L, D-NO_HIT, P-CREDIT) and check the message the shopper sees for each.",
      "Cancel in the widget: the shopper returns to the payment step and can choose again.",
    ],
  },
]

const AMOUNT = 100
const RELEASE_AMOUNT = 50

class CaseFailure extends Error {}

function expect(condition: unknown, message: string): asserts condition {
  if (!condition) throw new CaseFailure(message)
}

function describeError(error: unknown): string {
  if (error instanceof FlexitiError) {
    return `HTTP ${error.status ?? "-"} ${error.code ?? error.kind}${error.referenceId ? ` (x-reference-id ${error.referenceId})` : ""}`
  }
  return (error as Error).message
}

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

  async function run(id: string, title: string, requirement: string, body: (details: string[]) => Promise<CaseStatus | void>) {
    const details: string[] = []
    let status: CaseStatus
    try {
      status = (await body(details)) ?? "passed"
    } catch (error) {
      status = "failed"
      details.push(error instanceof CaseFailure ? error.message : `Unexpected: ${describeError(error)}`)
    }
    cases.push({ id, title, requirement, status, details })
    log(`${status === "passed" ? "PASS" : status === "failed" ? "FAIL" : "SKIP"}  ${title}`)
  }

  /** A raw call with a given bearer token: the client never sends a customer token to these. */
  async function rawCall(method: "GET" | "POST", path: string, accessToken: string, body?: unknown) {
    const referenceId = newReferenceId()
    const res = await axios.request({
      method,
      url: `${client.hosts.posOrigin}/flexiti/pos-api/${path}`,
      data: body,
      headers: { authorization: `Bearer ${accessToken}`, "x-reference-id": referenceId },
      validateStatus: () => true,
      timeout: 15_000,
    })
    return { status: res.status, code: (res.data as { error?: string } | undefined)?.error, referenceId }
  }

  const state: {
    expiresIn?: number
    authorization?: Authorization
    captures: CaptureResponse[]
    released?: Authorization
  } = { captures: [] }
  const account = target.accountNumber

  await run(
    "credentials",
    "Credentials and environment URL",
    "Correct credentials and environment URL are used.",
    async (details) => {
      const documented = target.environment === "sandbox" ? undefined : POS_API_ORIGINS[target.environment]
      details.push(`POS API: ${posUrl}`)
      if (documented && client.hosts.posOrigin !== documented) {
        details.push(`Note: the POS host is overridden; Flexiti's documented host for ${target.environment} is ${documented}.`)
      }
      const result = await client.testConnection("merchant")
      state.expiresIn = result.expires_in
      details.push(`oauth/token (merchant scope) granted, expires_in ${result.expires_in} s, x-reference-id ${result.reference_id}`)
    }
  )

  await run(
    "merchant-scope",
    "Merchant-scope calls from the server",
    "Merchant-scope calls (token, capture, GET authorizations, captures, lookup, search) are made from the server.",
    async (details) => {
      expect(account, "No test account: pass --account with the account Flexiti gave for the test plan.")
      const lookup = await client.lookupCustomer({ account_number: account })
      details.push(`customers/lookup: account ${lookup.account_number}, status ${lookup.account_status}`)
      const list = await client.listAuthorizations({ account_number: account, page_size: 5 })
      details.push(`GET authorizations: ${list.authorizations.length} listed`)
      // GET captures and customers/search have no client method (the plugin does not need them);
      // the case only checks that the merchant-scope token is accepted on them.
      const token = await client.requestToken("merchant")
      const name = `first_name=${encodeURIComponent(lookup.first_name ?? "")}&last_name=${encodeURIComponent(lookup.last_name ?? "")}`
      for (const [label, path] of [
        ["GET captures", `v2.5.1/client-id/${target.clientId}/captures?account_number=${account}`],
        ["GET customers/search", `v2.5/client-id/${target.clientId}/customers/search?${name}&dob=1980-01-01`],
      ]) {
        const res = await rawCall("GET", path, token.access_token)
        details.push(`${label}: HTTP ${res.status}${res.code ? ` ${res.code}` : ""} (x-reference-id ${res.referenceId})`)
        expect(res.status !== 401 && res.status !== 403, `${label} refused the merchant-scope token`)
      }
      details.push("These calls ran from this machine with the merchant-scope token; the storefront never holds one.")
    }
  )

  await run("invalid-client", "Invalid client", "An invalid client gets 400 invalid_client.", async (details) => {
    const wrong = makeClient("uat-deliberately-wrong-secret")
    try {
      await wrong.testConnection("merchant")
    } catch (error) {
      expect(error instanceof FlexitiError, `Expected a Flexiti error, got ${describeError(error)}`)
      details.push(`oauth/token with a wrong secret: ${describeError(error)}`)
      expect(error.status === 400 && error.code === "invalid_client", "Expected HTTP 400 invalid_client")
      return
    }
    throw new CaseFailure("A wrong client secret was granted a token")
  })

  await run("purchase", "Purchase", "A purchase is authorized.", async (details) => {
    expect(account, "No test account: pass --account.")
    const plans = await client.calculateInterest(account, AMOUNT)
    const promo = plans.promotional_purchase.find((p) => p.terms.length > 0)
    const financing: FinancingOption = promo
      ? { transaction_type: "promotional_purchase", plan_id: promo.plan_id, term: promo.terms[0].term }
      : { transaction_type: "regular_purchase" }
    const referenceId = newReferenceId()
    const auth = await client.createAuthorization(
      { account_number: account, amount: AMOUNT, auto_capture: false, reference: `uat-${referenceId.slice(0, 8)}`, financing_option: financing },
      { referenceId }
    )
    state.authorization = auth
    details.push(`POST authorization ${AMOUNT.toFixed(2)} (${financing.transaction_type}${promo ? ` plan ${financing.plan_id}, ${financing.term} months` : ""}): id ${auth.authorization_id}, status ${auth.status}, x-reference-id ${referenceId}`)
    expect(auth.amount === AMOUNT, `Authorized ${auth.amount}, expected ${AMOUNT}`)
  })

  await run("partial-capture", "Partial capture", "Part of an authorization is captured.", async (details) => {
    expect(state.authorization, "Needs the purchase case.")
    const capture = await client.capture(state.authorization.authorization_id, { amount: 40, reference: "uat-partial" })
    state.captures.push(capture)
    details.push(`capture 40.00: capture_id ${capture.capture_id}, remaining ${capture.remaining_authorization_amount}`)
    expect(capture.remaining_authorization_amount === 60, `Expected 60.00 remaining, got ${capture.remaining_authorization_amount}`)
  })

  await run("full-capture", "Full capture", "The rest of the authorization is captured.", async (details) => {
    expect(state.authorization && state.captures.length === 1, "Needs the partial capture case.")
    const capture = await client.capture(state.authorization.authorization_id, { amount: 60, reference: "uat-full" })
    state.captures.push(capture)
    const after = await client.getAuthorization(state.authorization.authorization_id)
    details.push(`capture 60.00: capture_id ${capture.capture_id}; GET authorization: status ${after.status}, captured ${after.captured_amount}`)
    expect(capture.remaining_authorization_amount === 0, `Expected nothing remaining, got ${capture.remaining_authorization_amount}`)
  })

  await run("release", "Release", "An authorization is released.", async (details) => {
    expect(account, "No test account: pass --account.")
    const auth = await client.createAuthorization({
      account_number: account,
      amount: RELEASE_AMOUNT,
      auto_capture: false,
      reference: "uat-release",
      financing_option: { transaction_type: "regular_purchase" },
    })
    const released = await client.release(auth.authorization_id, { amount: RELEASE_AMOUNT })
    state.released = auth
    details.push(`authorization ${auth.authorization_id} of ${RELEASE_AMOUNT.toFixed(2)} released: remaining ${released.remaining_authorization_amount}, status ${released.status}`)
    expect(released.remaining_authorization_amount === 0, "Expected nothing left after the release")
  })

  await run("return", "Return", "A captured amount is returned.", async (details) => {
    expect(state.authorization && state.captures[0], "Needs the capture cases.")
    const result = await client.returnCapture(state.authorization.authorization_id, state.captures[0].capture_id, {
      amount: 10,
      full_return: false,
      reference: "uat-return",
    })
    details.push(`return 10.00 on capture ${state.captures[0].capture_id}: return_id ${result.return_id}, remaining on the capture ${result.remaining_capture_amount}`)
    expect(result.remaining_capture_amount === 30, `Expected 30.00 left on the capture, got ${result.remaining_capture_amount}`)
  })

  await run("refund", "Refund", "An account refund is made.", async (details) => {
    expect(account && state.captures[1], "Needs the capture cases.")
    const result = await client.refundAccount(account, { amount: 5, capture_id: state.captures[1].capture_id, reference: "uat-refund" })
    details.push(`accounts/${account}/refund 5.00 against capture ${state.captures[1].capture_id}: ${JSON.stringify(result)}`)
  })

  await run(
    "customer-scope",
    "Customer-scope token refused on back-office calls",
    "A customer-scope token is refused on release, capture, return, refund and GET (authorizations, captures, lookup).",
    async (details) => {
      expect(state.authorization && state.captures[0] && account, "Needs the purchase and capture cases.")
      const token = await client.requestToken("customer")
      const id = state.authorization.authorization_id
      const calls: [string, "GET" | "POST", string, unknown][] = [
        ["release", "POST", `v2.5/client-id/${target.clientId}/authorization/${id}/release`, { amount: 1 }],
        ["capture", "POST", `v2.5/client-id/${target.clientId}/authorization/${id}/capture`, { amount: 1 }],
        ["return", "POST", `v2.5/client-id/${target.clientId}/authorization/${id}/capture/${state.captures[0].capture_id}/return`, { amount: 1, full_return: false }],
        ["refund", "POST", `v2.5/client-id/${target.clientId}/accounts/${account}/refund`, { amount: 1, capture_id: state.captures[0].capture_id }],
        ["GET authorization", "GET", `v2.5.1/client-id/${target.clientId}/authorization/${id}`, undefined],
        ["GET authorizations", "GET", `v2.5.1/client-id/${target.clientId}/authorizations?account_number=${account}`, undefined],
        ["GET captures", "GET", `v2.5.1/client-id/${target.clientId}/captures?account_number=${account}`, undefined],
        ["customers/lookup", "GET", `v2.5/client-id/${target.clientId}/customers/lookup?account_number=${account}`, undefined],
      ]
      const accepted: string[] = []
      for (const [name, method, path, body] of calls) {
        const res = await rawCall(method, path, token.access_token, body)
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
      details.push(`Not run: the token lives ${token.expires_in} s. Re-run with --wait-for-expiry to wait it out.`)
      return "skipped"
    }
    const res = await rawCall("GET", `v2.5/client-id/${target.clientId}/i18n`, token.access_token)
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
      const res = await rawCall("POST", `v2.5/client-id/${target.clientId}/authorization/1/capture`, token.access_token, { amount: 1, reference: tooLong })
      details.push(`the sandbox answers a 41-character reference with HTTP ${res.status} ${res.code ?? ""}`.trim())
      expect(res.status === 409 && res.code === "wrong_inputs", "The sandbox accepted a 41-character reference")
    }
  })

  const finishedAt = new Date().toISOString()
  const onlineUrl = client.hosts.onlineOrigin ?? (target.environment === "sandbox" ? null : ONLINE_API_ORIGINS[target.environment] ?? null)
  return {
    environment: target.environment,
    clientId: target.clientId,
    posUrl,
    onlineUrl: onlineUrl ? `${onlineUrl}/flexiti/online-api` : null,
    startedAt,
    finishedAt,
    cases,
    checklist: MANUAL_CHECKLIST,
    ok: cases.every((c) => c.status !== "failed"),
  }
}
