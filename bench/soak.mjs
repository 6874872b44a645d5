#!/usr/bin/env node
/**
 * `npm run soak`: widget checkouts through the real demo stack (demo/run.mjs: the Flexiti sandbox
 * and Medusa with the built plugin, on a database this script creates and drops), against a
 * sandbox that keeps injecting faults, then the reconciler; then Flexiti's ledger and Medusa's
 * are compared (bench/soak-check.js). Prints a table; exits 1 when an invariant fails, 2 when
 * the stack could not be run. Run `npm run build` first.
 *
 *   SOAK_CHECKOUTS (200)    checkouts, each placed, then captured / refunded / released or cancelled;
 *                           a fifth more with capture at checkout (auto capture) afterwards
 *
 * Besides the faults: some shoppers start another payment session while their cart completes
 * (Medusa deletes the Flexiti session meanwhile), and an admin clicks "Reconcile now" (grace 0)
 * every few seconds during the load.
 *   SOAK_CONCURRENCY (4)    shoppers and admins at once
 *   SOAK_FAULT_RATE (0.12)  share of Flexiti API calls that get a fault; below 0.10 fails the soak
 *   SOAK_SEED (1)           seeds the choice of fault kinds
 *   SOAK_MEDUSA_PORT (9290), SOAK_SANDBOX_PORT (4290), SOAK_STOREFRONT_PORT (8290)
 *   DB_HOST, DB_PORT, DB_USERNAME, DB_PASSWORD: the PostgreSQL the database is created on
 *
 * Bounded: every retry loop has a fixed number of attempts, every wait a deadline.
 */
import { writeFileSync } from "node:fs"
import { createRequire } from "node:module"
import { actors, ADDRESS, catalogue, pool, SANDBOX_CLIENT_ID, sleep, startStack as startDemoStack } from "./lib/stack.mjs"
import { faultController, seededRandom } from "./lib/fault-controller.mjs"

const require = createRequire(import.meta.url)
const { checkLedgers } = require("./soak-check.js")

const CHECKOUTS = Number(process.env.SOAK_CHECKOUTS ?? 200)
const CONCURRENCY = Number(process.env.SOAK_CONCURRENCY ?? 4)
const FAULT_RATE = Number(process.env.SOAK_FAULT_RATE ?? 0.12)
const MIN_FAULT_RATE = 0.1
const PORTS = {
  medusa: Number(process.env.SOAK_MEDUSA_PORT ?? 9290),
  sandbox: Number(process.env.SOAK_SANDBOX_PORT ?? 4290),
  storefront: Number(process.env.SOAK_STOREFRONT_PORT ?? 8290),
}
/** attempts a shopper or an admin makes at one step before giving up */
const ATTEMPTS = 5
const LOAD_TIMEOUT_MS = Number(process.env.SOAK_LOAD_TIMEOUT_MS ?? 45 * 60_000)

/* ------------------------------------------------------------------ small helpers */

const random = seededRandom(Number(process.env.SOAK_SEED ?? 1))
const toCents = (dollars) => Math.round(Number(dollars) * 100)
const toDollars = (cents) => Number((cents / 100).toFixed(2))

const counts = {
  faults: { server_error: 0, reset_before: 0, answer_lost: 0, tokens_expired: 0, latency_spike: 0 },
  retries: { new_session: 0, session: 0, widget_result: 0, financing: 0, complete: 0, capture: 0, refund: 0, release: 0, cancel: 0, reconcile: 0 },
  gave_up: { session: 0, widget_result: 0, financing: 0, complete: 0, capture: 0, refund: 0, release: 0, cancel: 0 },
  done: { orders: 0, captures: 0, refunds: 0, releases: 0, cancels: 0, checkouts_without_order: 0 },
  events: {
    sessions_replaced_during_complete: 0,
    reconciles_during_load: 0,
    auto_capture_checkouts: 0,
    auto_capture_orders: 0,
    partial_capture_cancels: 0,
    unanswered_refunds_resolved_done: 0,
    unanswered_refunds_resolved_not_done: 0,
  },
}
const timings = {}
/** a completed cart completed again must answer the same order, never a 5xx */
const completedAgain = []

/**
 * One shopper or admin action, tried again as a person would when it fails: the same request
 * again (Medusa gives every retried capture or refund a new id), up to ATTEMPTS times.
 */
async function attempt(kind, action, succeeded = (res) => res.status >= 200 && res.status < 300, hopeless = () => false) {
  let last
  for (let i = 0; i < ATTEMPTS; i++) {
    if (i > 0) {
      counts.retries[kind] += 1
      await sleep(150 * i)
    }
    last = await action()
    if (succeeded(last)) return { ok: true, res: last }
    if (hopeless(last)) break
  }
  counts.gave_up[kind] += 1
  return { ok: false, res: last }
}

/* ------------------------------------------------------------------ the stack */

/** the demo stack on its own database (bench/lib/stack.mjs), its log in artifacts/soak-stack.log */
function startStack() {
  return startDemoStack({ name: "soak", ports: PORTS })
}

/* ------------------------------------------------------------------ shoppers and admins */

/** One "Pay with Flexiti": session (clicked again while it fails), widget approval, complete (again while it fails). */
async function payOnce(api, cartId, accountNumber, sessions, replaceDuringComplete = false, regularPurchase = false) {
  // The shopper clicks "Pay with Flexiti" again when it fails: each click is a new session.
  const started = await attempt("session", () => api.store("POST", "/store/flexiti/payment-sessions", { cart_id: cartId }))
  if (!started.ok) return { ok: false }
  const session = started.res.data.payment_session
  sessions.add(session.id)
  const approval = await api.sandbox("POST", `/widget-sessions/${session.data.widget_session_id}/approve`, { account_number: accountNumber })
  if (approval.status !== 200) throw new Error(`sandbox approval: ${JSON.stringify(approval.data)}`)
  const recorded = await attempt("widget_result", () =>
    api.store("POST", `/store/flexiti/payment-sessions/${session.id}/widget-result`, { cart_id: cartId, event: approval.data.event })
  )
  if (!recorded.ok) return { ok: false }
  // The shopper confirms the plan the kit's picker preselects (listed again when the widget
  // result came back without the offer, e.g. under an injected fault).
  const financingPath = `/store/flexiti/payment-sessions/${session.id}/financing`
  const chosen = await attempt("financing", async () => {
    let offer = recorded.res.data.financing
    if (!offer) {
      const listed = await api.store("GET", `${financingPath}?cart_id=${encodeURIComponent(cartId)}`)
      if (listed.status !== 200) return listed
      offer = listed.data.financing
    }
    // Some shoppers take the revolving (regular) purchase: Flexiti refunds it to the account and
    // answers `{}`, so a lost answer there is resolved by the admin from Flexiti's ledger.
    const option =
      (regularPurchase ? offer.options.find((o) => o.transaction_type === "regular_purchase") : undefined) ??
      offer.options.find((o) => o.key === offer.preselected)
    const plan = option.plan_id ? { plan_id: option.plan_id, term: option.term } : {}
    return api.store("POST", financingPath, { cart_id: cartId, transaction_type: option.transaction_type, ...plan })
  })
  if (!chosen.ok) return { ok: false }
  if (replaceDuringComplete) {
    // Another tab starts a payment session while this one completes: Medusa deletes the Flexiti
    // session in parallel (even though the new one is refused without the plugin's route).
    counts.events.sessions_replaced_during_complete += 1
    const cart = await api.store("GET", `/store/carts/${cartId}?fields=*payment_collection`)
    const collectionId = cart.data.cart?.payment_collection?.id
    const [raced] = await Promise.all([
      api.store("POST", `/store/carts/${cartId}/complete`, {}),
      sleep(Math.floor(random() * 400)).then(() =>
        collectionId ? api.store("POST", `/store/payment-collections/${collectionId}/payment-sessions`, { provider_id: "pp_flexiti_flexiti" }) : undefined
      ),
    ])
    if (raced.status === 200 && raced.data.type === "order") return { ok: true, res: raced }
    return { ok: false }
  }
  const completed = await attempt(
    "complete",
    () => api.store("POST", `/store/carts/${cartId}/complete`, {}),
    (res) => res.status === 200 && res.data.type === "order",
    // 400: Medusa refused the session (not authorized, or already gone); completing it again cannot help
    (res) => res.status === 400
  )
  return completed
}

/** A shopper: cart, Flexiti session, approval in the widget, complete (again while it fails). */
async function shop(api, shelf, i, sessions) {
  // Each shopper has an own Flexiti account, so credit never runs out whatever the count.
  const accountNumber = 30000000000000 + i
  const account = await api.sandbox("POST", "/accounts", { client_id: SANDBOX_CLIENT_ID, account_number: accountNumber, credit_limit: 5000 })
  if (account.status !== 200) throw new Error(`sandbox account: ${JSON.stringify(account.data)}`)
  const cart = await api.store("POST", "/store/carts", {
    region_id: shelf.regionId,
    email: `soak-${i}@example.ca`,
    items: [{ variant_id: shelf.variantId, quantity: 1 }],
    shipping_address: ADDRESS,
    billing_address: ADDRESS,
  })
  if (cart.status !== 200) throw new Error(`cart: ${cart.status} ${JSON.stringify(cart.data)}`)
  const cartId = cart.data.cart.id
  const options = await api.store("GET", `/store/shipping-options?cart_id=${cartId}`)
  await api.store("POST", `/store/carts/${cartId}/shipping-methods`, { option_id: options.data.shipping_options[0].id })

  // A refused complete (the session is spent, e.g. Flexiti no longer knows the widget's
  // customer) leaves the shopper at the payment step; they pay with Flexiti once more, as the
  // storefront kit allows (README, "Storefront kit"): a new session and a new approval.
  let completed
  for (let payment = 0; payment < 2 && !completed?.ok; payment++) {
    if (payment > 0) counts.retries.new_session += 1
    completed = await payOnce(api, cartId, accountNumber, sessions, payment === 0 && i % 10 === 4, i % 4 === 3)
  }
  if (!completed.ok) return { cartId }
  counts.done.orders += 1
  const order = completed.res.data.order
  if (i % 10 === 9) {
    // The shopper's browser sends complete again (a double click, or a reload after a lost answer).
    counts.retries.complete += 1
    const again = await api.store("POST", `/store/carts/${cartId}/complete`, {})
    if (again.status >= 500 || (again.data.type === "order" && again.data.order.id !== order.id)) {
      completedAgain.push(
        `cart ${cartId}: ${again.status} ${again.data.type === "order" ? `order ${again.data.order.id}, first was ${order.id}` : (again.data.message ?? "")}`
      )
    }
  }
  return { cartId, order }
}

/**
 * The admin: by the checkout's number, cancels the order, or captures in parts, refunds in
 * several pieces (the later ones spanning two captures) and releases what remains.
 */
async function manage(api, order, i) {
  const found = await api.admin("GET", `/admin/orders/${order.id}?fields=id,*payment_collections,*payment_collections.payments`)
  const payment = found.data.order?.payment_collections?.[0]?.payments?.[0]
  if (!payment) throw new Error(`order ${order.id} has no payment: ${JSON.stringify(found.data).slice(0, 300)}`)
  const amount = toCents(payment.amount)
  const capture = async (cents) => {
    const r = await attempt("capture", () => api.admin("POST", `/admin/payments/${payment.id}/capture`, { amount: toDollars(cents) }))
    if (r.ok) counts.done.captures += 1
    return r.ok
  }
  const refund = async (cents) => {
    // As an admin would: refund; when Flexiti did not answer, answer the panel's "Refund not
    // confirmed" from Flexiti's ledger, then refund again what was not done (a few rounds at most).
    for (let round = 0; round < 4; round++) {
      const r = await attempt("refund", () => api.admin("POST", `/admin/payments/${payment.id}/refund`, { amount: toDollars(cents) }))
      if (r.ok) {
        counts.done.refunds += 1
        return true
      }
      const resolved = await resolveUnanswered(api, payment.id)
      // resolved as done: the resolve recorded the whole Medusa refund the piece belonged to
      if (resolved.done && !resolved.notDone) return true
    }
    return false
  }
  const cancel = async () => {
    const r = await attempt("cancel", () => api.admin("POST", `/admin/orders/${order.id}/cancel`, {}))
    if (r.ok) counts.done.cancels += 1
    // Medusa cancels the order even when its refund failed; the admin answers what the panel shows.
    if (r.ok) await resolveUnanswered(api, payment.id)
    return r.ok
  }
  const scenario = i % 10
  if (scenario === 0) {
    await cancel()
    return
  }
  if (scenario === 1) {
    // captured in part, then the order is cancelled: Medusa refunds the capture, the plugin releases the rest
    if (!(await capture(Math.round(amount * 0.4)))) return
    counts.events.partial_capture_cancels += 1
    if (!(await cancel())) {
      // the cancel's refund may have lost its answer: the admin resolves it and cancels again
      await resolveUnanswered(api, payment.id)
      await cancel()
    }
    return
  }
  if (scenario < 6) {
    // partial: two captures, two refunds (the second spans both captures), release the rest
    const first = Math.round(amount * 0.3)
    const second = Math.round(amount * 0.25)
    if (!(await capture(first)) || !(await capture(second))) return
    if (!(await refund(Math.round(amount * 0.1)))) return
    if (!(await refund(Math.round(amount * 0.3)))) return
    const r = await attempt("release", () => api.admin("POST", `/admin/flexiti/payments/${payment.id}/release`, {}))
    if (r.ok) counts.done.releases += 1
    return
  }
  // full, in two captures; three refunds, the second spanning both captures
  const first = Math.round(amount * 0.5)
  if (!(await capture(first)) || !(await capture(amount - first))) return
  if (!(await refund(10_000))) return
  if (!(await refund(Math.round(amount * 0.45)))) return
  await refund(2_555)
}

/**
 * The admin's answer to refunds Flexiti did not answer: each is looked up in Flexiti's ledger by
 * the reference the panel shows, then resolved as done or not done in the panel.
 */
async function resolveUnanswered(api, paymentId) {
  const outcome = { done: 0, notDone: 0 }
  const summary = await api.admin("GET", `/admin/flexiti/payments/${paymentId}`)
  const unanswered = summary.data?.payment?.unanswered_refunds ?? []
  if (!unanswered.length) return outcome
  const authorizations = (await api.sandbox("GET", `/authorizations?client_id=${SANDBOX_CLIENT_ID}`)).data.authorizations
  const applied = new Set(authorizations.flatMap((a) => a.captures.flatMap((c) => [...c.returns, ...c.refunds].map((m) => m.reference))))
  for (const piece of unanswered) {
    const done = applied.has(piece.reference_id)
    const res = await api.admin("POST", `/admin/flexiti/payments/${paymentId}/refunds/resolve`, { movement_id: piece.id, outcome: done ? "done" : "not_done" })
    if (res.status !== 200) continue
    if (done) {
      outcome.done += 1
      counts.events.unanswered_refunds_resolved_done += 1
    } else {
      outcome.notDone += 1
      counts.events.unanswered_refunds_resolved_not_done += 1
    }
  }
  return outcome
}

/** An order captured at checkout: cancelled (Medusa refunds it), refunded in part, or kept. */
async function manageCaptured(api, order, k) {
  const found = await api.admin("GET", `/admin/orders/${order.id}?fields=id,*payment_collections,*payment_collections.payments`)
  const payment = found.data.order?.payment_collections?.[0]?.payments?.[0]
  if (!payment) throw new Error(`order ${order.id} has no payment: ${JSON.stringify(found.data).slice(0, 300)}`)
  if (k % 3 === 0) {
    const r = await attempt("cancel", () => api.admin("POST", `/admin/orders/${order.id}/cancel`, {}))
    if (r.ok) counts.done.cancels += 1
    if (r.ok) await resolveUnanswered(api, payment.id)
  } else if (k % 3 === 1) {
    const refund = () =>
      attempt("refund", () => api.admin("POST", `/admin/payments/${payment.id}/refund`, { amount: toDollars(Math.round(toCents(payment.amount) * 0.4)) }))
    const r = await refund()
    if (r.ok) counts.done.refunds += 1
    // A refund whose answer was lost: the admin answers it in the panel, and refunds again if it was not done.
    else if ((await resolveUnanswered(api, payment.id)).notDone && (await refund()).ok) counts.done.refunds += 1
  }
}

/** The payments of cancelled orders (nothing of theirs may stay open at Flexiti). */
async function canceledOrderPayments(api) {
  const ids = []
  for (let offset = 0; offset < 100_000; offset += 100) {
    const page = await api.admin("GET", `/admin/orders?status=canceled&limit=100&offset=${offset}&fields=id,status,*payment_collections.payments`)
    if (page.status !== 200) throw new Error(`GET /admin/orders: ${page.status} ${JSON.stringify(page.data).slice(0, 300)}`)
    for (const o of page.data.orders) for (const pc of o.payment_collections ?? []) for (const p of pc.payments ?? []) ids.push(p.id)
    if (page.data.orders.length < 100) break
  }
  return ids
}

/* ------------------------------------------------------------------ ledgers */

async function medusaPayments(api) {
  const payments = []
  for (let offset = 0; offset < 100_000; offset += 100) {
    const page = await api.admin(
      "GET",
      `/admin/payments?limit=100&offset=${offset}&fields=id,amount,provider_id,payment_session_id,canceled_at,captured_at,*captures,*refunds`
    )
    if (page.status !== 200) throw new Error(`GET /admin/payments: ${page.status} ${JSON.stringify(page.data).slice(0, 300)}`)
    payments.push(...page.data.payments)
    if (page.data.payments.length < 100) break
  }
  return payments.filter((p) => p.provider_id === undefined || p.provider_id === "pp_flexiti_flexiti")
}

function printTable(title, rows) {
  console.log(`\n${title}`)
  const width = Math.max(...rows.map(([k]) => k.length))
  for (const [k, v] of rows) console.log(`  ${k.padEnd(width)}  ${v}`)
}

/* ------------------------------------------------------------------ main */

async function main() {
  const t0 = Date.now()
  console.log(`soak: ${CHECKOUTS} checkouts at concurrency ${CONCURRENCY}, fault rate ${FAULT_RATE} (node ${process.version})`)
  const stack = await startStack()
  timings.stack_start_s = (Date.now() - t0) / 1000
  let code
  try {
    const api = actors(stack.info)
    await api.login()
    const shelf = await catalogue(api)
    const sessions = new Set()

    const tLoad = Date.now()
    const faults = faultController(stack.info.sandbox, { rate: FAULT_RATE, random, counts: counts.faults, deadlineMs: LOAD_TIMEOUT_MS })
    // An admin clicks "Reconcile now" at grace 0 every few seconds while shoppers check out.
    let loading = true
    const reconciling = (async () => {
      while (loading) {
        await sleep(3_000)
        if (!loading) break
        const res = await api.admin("POST", "/admin/flexiti/reconcile", { grace_minutes: 0 })
        if (res.status === 200 && !res.data.reconcile.skipped) counts.events.reconciles_during_load += 1
      }
    })()
    try {
      await pool(CHECKOUTS, CONCURRENCY, async (i) => {
        const { order } = await shop(api, shelf, i, sessions)
        if (!order) {
          counts.done.checkouts_without_order += 1
          return
        }
        await manage(api, order, i)
      })
      // A store that captures at checkout: a lost answer leaves money taken with no order, which
      // the reconciler must return; placed orders are cancelled (Medusa refunds) or refunded in part.
      const autoCaptured = Math.max(5, Math.round(CHECKOUTS / 5))
      const setAuto = async (on) => {
        const res = await api.admin("POST", "/admin/flexiti/settings", { auto_capture: on })
        if (res.status !== 200) throw new Error(`settings: ${res.status} ${JSON.stringify(res.data).slice(0, 300)}`)
      }
      await setAuto(true)
      try {
        await pool(autoCaptured, CONCURRENCY, async (k) => {
          const i = CHECKOUTS + k
          counts.events.auto_capture_checkouts += 1
          const { order } = await shop(api, shelf, i, sessions)
          if (!order) {
            counts.done.checkouts_without_order += 1
            return
          }
          counts.events.auto_capture_orders += 1
          await manageCaptured(api, order, k)
        })
      } finally {
        await setAuto(false)
      }
    } finally {
      loading = false
      await reconciling
      await faults.stop()
    }
    timings.load_s = (Date.now() - tLoad) / 1000

    // As an admin clicks "Reconcile now" (README, "Admin"); again while it reports an error.
    const tReconcile = Date.now()
    const reconcile = { released: 0, returned: 0, pending_releases_retried: 0, recovered: 0, flagged: 0, errors: 0, runs: 0 }
    for (let run = 0; run < 3; run++) {
      if (run > 0) counts.retries.reconcile += 1
      const res = await api.admin("POST", "/admin/flexiti/reconcile", { grace_minutes: 0 })
      if (res.status !== 200) throw new Error(`reconcile: ${res.status} ${JSON.stringify(res.data).slice(0, 300)}`)
      const report = res.data.reconcile
      reconcile.runs += 1
      for (const key of ["released", "returned", "pending_releases_retried", "recovered", "flagged"]) reconcile[key] += report[key].length
      reconcile.errors = report.errors.length
      if (!report.errors.length && report.pending_releases_retried.every((p) => p.released)) break
    }
    timings.reconcile_s = (Date.now() - tReconcile) / 1000

    // The admin goes through the orders whose panel still shows "Refund not confirmed".
    for (const payment of await medusaPayments(api)) await resolveUnanswered(api, payment.id)

    const authorizations = (await api.sandbox("GET", `/authorizations?client_id=${SANDBOX_CLIENT_ID}`)).data.authorizations
    const payments = await medusaPayments(api)
    if (process.env.KEEP_DATABASE === "1") {
      // Flexiti's side of the kept database, for looking into a failed invariant afterwards.
      const file = `${process.env.TMPDIR ?? "/tmp"}/soak-flexiti-ledger.json`
      writeFileSync(file, JSON.stringify(authorizations, null, 2))
      console.log(`wrote Flexiti's ledger to ${file}`)
    }
    const result = checkLedgers({ authorizations, payments, canceledOrderPayments: await canceledOrderPayments(api) })
    const strangers = authorizations.filter((a) => !sessions.has(a.reference))
    const injected = Object.values(counts.faults).reduce((a, b) => a + b, 0)
    const faultRate = injected / Math.max(1, faults.state.flexitiCalls)
    const checks = [
      ...result.checks,
      {
        name: `faults injected >= ${MIN_FAULT_RATE * 100} % of Flexiti calls`,
        violations: faultRate >= MIN_FAULT_RATE ? [] : [`only ${(faultRate * 100).toFixed(1)} %`],
      },
      {
        name: "every authorization belongs to a soak session",
        violations: strangers.map((a) => `authorization ${a.authorization_id}: reference ${a.reference}`),
      },
      { name: "a completed cart completed again gives the same order", violations: completedAgain },
    ]
    timings.total_s = (Date.now() - t0) / 1000

    const sum = (o) => Object.values(o).reduce((a, b) => a + b, 0)
    printTable("Faults injected (each counted once the sandbox used it)", [
      ...Object.entries(counts.faults),
      ["total", `${injected} of ${faults.state.flexitiCalls} Flexiti calls (${(faultRate * 100).toFixed(1)} %)`],
    ])
    printTable("Retries (each a new Medusa call: a new capture or refund id)", [...Object.entries(counts.retries), ["total", sum(counts.retries)]])
    printTable("Gave up after retries", Object.entries(counts.gave_up))
    printTable("Done through Medusa", [["checkouts", CHECKOUTS], ...Object.entries(counts.done), ["payment sessions", sessions.size]])
    printTable("Events besides faults", Object.entries(counts.events))
    printTable("Reconciler", Object.entries(reconcile))
    const flexitiReleases = authorizations.reduce((n, a) => n + a.releases.length, 0)
    printTable("Ledgers", [
      ["Flexiti authorizations", result.figures.authorizations],
      ["  linked to a Medusa payment", result.figures.linked],
      ["  released, no payment", result.figures.released_unpaid],
      ["  captured with no payment, returned", result.figures.returned_unpaid],
      ["  lost", result.figures.lost],
      ["  duplicates", result.figures.duplicates],
      ["Flexiti captures", authorizations.reduce((n, a) => n + a.captures.length, 0)],
      ["Flexiti returns + account refunds", authorizations.reduce((n, a) => n + a.captures.reduce((m, c) => m + c.returns.length + c.refunds.length, 0), 0)],
      ["Flexiti releases", flexitiReleases],
      ["Medusa payments", payments.length],
      ["Medusa captures", payments.reduce((n, p) => n + (p.captures?.length ?? 0), 0)],
      ["Medusa refunds", payments.reduce((n, p) => n + (p.refunds?.length ?? 0), 0)],
    ])
    printTable(
      "Invariants",
      checks.map((c) => [c.name, c.violations.length ? `FAIL (${c.violations.length})` : "ok"])
    )
    for (const c of checks.filter((c) => c.violations.length)) {
      console.log(`\n${c.name}:`)
      for (const v of c.violations.slice(0, 20)) console.log(`  - ${v}`)
      if (c.violations.length > 20) console.log(`  … and ${c.violations.length - 20} more`)
    }
    printTable(
      "Time (s)",
      Object.entries(timings).map(([k, v]) => [k, v.toFixed(1)])
    )
    const ok = checks.every((c) => c.violations.length === 0)
    console.log(
      `SOAK_RESULT ${JSON.stringify({
        ok,
        checkouts: CHECKOUTS,
        concurrency: CONCURRENCY,
        faults: counts.faults,
        flexiti_calls: faults.state.flexitiCalls,
        fault_rate: Number(faultRate.toFixed(4)),
        retries: counts.retries,
        gave_up: counts.gave_up,
        done: counts.done,
        events: counts.events,
        reconcile,
        figures: result.figures,
        failed_checks: checks.filter((c) => c.violations.length).map((c) => c.name),
        timings,
      })}`
    )
    console.log(ok ? "soak: every invariant holds" : "soak: INVARIANTS FAILED")
    code = ok ? 0 : 1
  } finally {
    await stack.stop()
  }
  return code
}

main().then(
  (code) => process.exit(code),
  (error) => {
    console.error(`soak: could not run: ${error.stack ?? error.message}`)
    process.exit(2)
  }
)
