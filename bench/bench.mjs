#!/usr/bin/env node
/**
 * `npm run bench`: figures for a Flexiti checkout against Medusa's own pp_system_default, on the
 * real demo stack (demo/run.mjs) with Medusa running the built plugin (bench/app) on a database
 * made for the run. Prints tables; writes bench/results.json and bench/latency.svg. Figures are
 * never asserted: it exits 1 when a checkout fails at 0 ms sandbox latency or a session gets two
 * Flexiti authorizations, 2 when the stack cannot run. Run `npm run build` first.
 *
 *   BENCH_N (50)             checkouts of each kind per latency; scales the other phases
 *   BENCH_CONCURRENT (100)   checkouts fired at once, each on its own cart
 *   BENCH_OUT (bench/)       where results.json and latency.svg are written
 *   BENCH_MEDUSA_PORT (9510), BENCH_SANDBOX_PORT (4510), BENCH_STOREFRONT_PORT (8510)
 *   DB_HOST, DB_PORT, DB_USERNAME, DB_PASSWORD: the PostgreSQL the database is created on
 */
import { existsSync, mkdirSync, writeFileSync } from "node:fs"
import os from "node:os"
import path from "node:path"
import { CheckoutError, flexitiCheckout, newCart, systemCheckout, timed } from "./lib/checkouts.mjs"
import { describe, latencySvg, markdownTable, round, table } from "./lib/stats.mjs"
import { actors, catalogue, root, startStack } from "./lib/stack.mjs"
import { callsPerCheckout, concurrentCheckouts, launcherSize, sameCartCompletes, storeRoutes, tokensOverMixedOperations } from "./lib/phases.mjs"

const N = Math.max(1, Number(process.env.BENCH_N ?? 50))
const CONCURRENT = Math.max(1, Number(process.env.BENCH_CONCURRENT ?? 100))
const LATENCIES_MS = [0, 100]
const PORTS = {
  medusa: Number(process.env.BENCH_MEDUSA_PORT ?? 9510),
  sandbox: Number(process.env.BENCH_SANDBOX_PORT ?? 4510),
  storefront: Number(process.env.BENCH_STOREFRONT_PORT ?? 8510),
}
const OUT = path.resolve(process.env.BENCH_OUT ?? path.join(root, "bench"))
/** untimed checkouts of each kind before a latency's samples: the first calls load code and fetch tokens */
const WARM_UP = 2

const errors = []
function recordError(phase, latency, error) {
  errors.push({ phase, latency_ms: latency, step: error.step ?? null, message: error.message.slice(0, 300) })
}

/** Flexiti and pp_system_default checkouts, interleaved (the order alternates), one at a time. */
async function checkoutLatencies(api, shelf, latency) {
  await api.sandbox("POST", "/faults", { latency_ms: latency })
  // *_payment: from a ready cart to the order, the part that differs between the two
  const samples = { flexiti: [], flexiti_payment: [], flexiti_session: [], flexiti_complete: [], system: [], system_payment: [] }
  const flexiti = async (i, keep) => {
    try {
      const marks = {}
      const { ms } = await timed(async () => {
        const cartId = await newCart(api, shelf, `${latency}-f${i}`)
        marks.cart = performance.now()
        await flexitiCheckout(api, cartId, { onStep: (name) => (marks[name] = performance.now()) })
      })
      if (!keep) return
      samples.flexiti.push(ms)
      samples.flexiti_payment.push(marks.complete - marks.cart)
      samples.flexiti_session.push(marks.session - marks.cart)
      samples.flexiti_complete.push(marks.complete - (marks.financing ?? marks.widget_result))
    } catch (error) {
      recordError("latency", latency, error)
    }
  }
  const system = async (i, keep) => {
    try {
      let ready
      const { ms } = await timed(async () => {
        const cartId = await newCart(api, shelf, `${latency}-s${i}`)
        ready = performance.now()
        await systemCheckout(api, cartId)
      })
      if (!keep) return
      samples.system.push(ms)
      samples.system_payment.push(performance.now() - ready)
    } catch (error) {
      recordError("latency", latency, error)
    }
  }
  for (let i = 0; i < WARM_UP; i++) {
    await flexiti(`w${i}`, false)
    await system(`w${i}`, false)
  }
  for (let i = 0; i < N; i++) {
    if (i % 2 === 0) {
      await flexiti(i, true)
      await system(i, true)
    } else {
      await system(i, true)
      await flexiti(i, true)
    }
  }
  await api.sandbox("POST", "/faults", { latency_ms: 0 })
  return samples
}

function machine() {
  return { cores: os.cpus().length, cpu: os.cpus()[0]?.model ?? "unknown", node: process.version, loadavg: os.loadavg().map((l) => round(l, 2)) }
}

function printReport(r) {
  const rows = [["checkout (whole: cart → complete)", "p50 ms", "p90 ms", "n", "Flexiti / system (p50)", "(p90)"]]
  for (const l of r.checkout_latency) {
    rows.push([`Flexiti, sandbox ${l.latency_ms} ms/call`, l.flexiti.p50, l.flexiti.p90, l.flexiti.n, l.ratio_p50, l.ratio_p90])
    rows.push([`pp_system_default, ${l.latency_ms} ms`, l.system.p50, l.system.p90, l.system.n, "", ""])
    rows.push([
      `  Flexiti payment steps (ready cart → order)`,
      l.flexiti_payment.p50,
      l.flexiti_payment.p90,
      l.flexiti_payment.n,
      l.payment_ratio_p50,
      l.payment_ratio_p90,
    ])
    rows.push([`  pp_system_default payment steps`, l.system_payment.p50, l.system_payment.p90, l.system_payment.n, "", ""])
    rows.push([`  Flexiti session (before the modal)`, l.flexiti_session.p50, l.flexiti_session.p90, l.flexiti_session.n, "", ""])
    rows.push([`  Flexiti complete`, l.flexiti_complete.p50, l.flexiti_complete.p90, l.flexiti_complete.n, "", ""])
  }
  console.log(`\n${table(rows)}`)
  const c = r.calls_per_checkout
  const phaseTotals = Object.entries(c.phases)
    .map(([name, phase]) => `${name} ${phase.total}`)
    .join(", ")
  console.log(`\nFlexiti calls per checkout (mean of ${c.checkouts}; session = before the modal opens): ${phaseTotals}; critical path ${c.critical_path}`)
  for (const [phase, { by_path }] of Object.entries(c.phases)) for (const [p, n] of Object.entries(by_path)) console.log(`  ${phase.padEnd(13)} ${p}: ${n}`)
  const t = r.tokens
  console.log(
    `\nToken requests over ${t.operations} operations (${t.operations_by_kind.initiate} initiate, ${t.operations_by_kind.authorize} authorize, ${t.operations_by_kind.capture} capture, ${t.operations_by_kind.refund} refund) in ${t.elapsed_s} s of a ${t.token_lifetime_s} s lifetime: merchant ${t.token_requests.merchant}, customer ${t.token_requests.customer}`
  )
  const k = r.concurrent
  console.log(
    `\n${k.checkouts} concurrent checkouts: ${k.errors} errors, ${k.duplicate_authorizations} duplicate authorizations, ${k.throughput_per_s} checkouts/s (wall ${k.wall_s} s), latency p50 ${k.latency.p50} ms p90 ${k.latency.p90} ms`
  )
  const s = r.same_cart
  console.log(
    `${s.completes} completes of one cart at once: ${s.orders} answered the order (${s.distinct_orders} distinct), ${s.refused} refused, ${s.authorizations} Flexiti authorization(s)`
  )
  const sr = r.store_routes
  console.log(`\n${table([["store route", "p50 ms", "p90 ms", "n"], ...Object.entries(sr).map(([k2, v]) => [k2, v.p50, v.p90, v.n])])}`)
  if (r.launcher) console.log(`\nstorefront launcher: ${r.launcher.min_kb} KB min, ${r.launcher.gzip_kb} KB min+gzip`)
  console.log(
    `\nmachine: ${r.machine.cores} cores (${r.machine.cpu}), load average ${r.machine.loadavg.join(" ")} at the start, ${r.load_end.join(" ")} at the end`
  )
}

/** The README's table (docs/benchmark.md, "Benchmark"). */
function readmeTable(r) {
  const rows = [["", "p50 ms", "p90 ms", "Flexiti / system p50", "p90"]]
  for (const l of r.checkout_latency) {
    rows.push([`Flexiti checkout, sandbox ${l.latency_ms} ms/call`, l.flexiti.p50, l.flexiti.p90, `${l.ratio_p50}×`, `${l.ratio_p90}×`])
    rows.push([`pp_system_default checkout, ${l.latency_ms} ms`, l.system.p50, l.system.p90, "", ""])
    rows.push([
      `payment steps only (ready cart → order), ${l.latency_ms} ms: Flexiti`,
      l.flexiti_payment.p50,
      l.flexiti_payment.p90,
      `${l.payment_ratio_p50}×`,
      `${l.payment_ratio_p90}×`,
    ])
    rows.push([`payment steps only, ${l.latency_ms} ms: pp_system_default`, l.system_payment.p50, l.system_payment.p90, "", ""])
  }
  return markdownTable(rows)
}

async function main() {
  if (!existsSync(path.join(root, ".medusa/server/src/providers/flexiti/index.js"))) {
    console.error("bench: build the plugin first (npm run build)")
    return 2
  }
  const startedAt = Date.now()
  const report = { n: N, concurrent: CONCURRENT, machine: machine(), started_at: new Date().toISOString() }
  console.log(`bench: N=${N}, ${CONCURRENT} concurrent, ${report.machine.cores} cores, load ${report.machine.loadavg.join(" ")} (node ${process.version})`)
  let stack
  try {
    // bench/app: a store with the plugin installed from its build (.medusa/server), as a merchant has it.
    stack = await startStack({ name: "bench", ports: PORTS, env: { DEMO_APP_DIR: path.join(root, "bench/app") } })
  } catch (error) {
    console.error(`bench: the stack did not start: ${error.message}`)
    return 2
  }
  report.stack_start_s = round((Date.now() - startedAt) / 1000)
  let code = 0
  try {
    const api = actors(stack.info)
    await api.login()
    const shelf = await catalogue(api)
    const raw = {}
    report.checkout_latency = []
    for (const latency of LATENCIES_MS) {
      const samples = await checkoutLatencies(api, shelf, latency)
      raw[latency] = samples
      const d = Object.fromEntries(Object.entries(samples).map(([k, v]) => [k, describe(v)]))
      report.checkout_latency.push({
        latency_ms: latency,
        ...d,
        ratio_p50: round(d.flexiti.p50 / d.system.p50, 2),
        ratio_p90: round(d.flexiti.p90 / d.system.p90, 2),
        payment_ratio_p50: round(d.flexiti_payment.p50 / d.system_payment.p50, 2),
        payment_ratio_p90: round(d.flexiti_payment.p90 / d.system_payment.p90, 2),
      })
    }
    report.calls_per_checkout = await callsPerCheckout(api, shelf, Math.min(3, N))
    report.tokens = await tokensOverMixedOperations(api, shelf, Math.ceil((10 * N) / 4), (e) => recordError("tokens", 0, e))
    report.concurrent = await concurrentCheckouts(api, shelf, CONCURRENT, (e) => recordError("concurrent", 0, e))
    report.same_cart = await sameCartCompletes(api, shelf, Math.min(10, CONCURRENT))
    report.store_routes = {}
    for (const latency of LATENCIES_MS) {
      await api.sandbox("POST", "/faults", { latency_ms: latency })
      for (const [name, d] of Object.entries(await storeRoutes(api, shelf, N, `${latency}`))) report.store_routes[`${name}, ${latency} ms/call`] = d
    }
    await api.sandbox("POST", "/faults", { latency_ms: 0 })
    report.launcher = launcherSize()
    report.load_end = os.loadavg().map((l) => round(l, 2))
    report.errors = errors
    report.total_s = round((Date.now() - startedAt) / 1000)
    report.readme_table = readmeTable(report)

    mkdirSync(OUT, { recursive: true })
    writeFileSync(path.join(OUT, "results.json"), JSON.stringify(report, null, 2) + "\n")
    const series = []
    for (const latency of LATENCIES_MS) {
      series.push({ label: `Flexiti, ${latency} ms/call`, samples: raw[latency].flexiti, color: "#0a6e4f" })
      series.push({ label: `pp_system_default, ${latency} ms`, samples: raw[latency].system, color: "#3a5bc7" })
    }
    series.push({ label: `Flexiti, ${CONCURRENT} at once`, samples: report.concurrent.samples, color: "#b5542a" })
    writeFileSync(
      path.join(OUT, "latency.svg"),
      latencySvg({
        title: "Whole checkout latency (cart → complete), Flexiti vs Medusa's pp_system_default",
        subtitle: `N=${N} each, sandbox latency per Flexiti call; ${report.machine.cores} cores, load average ${report.machine.loadavg.join(" ")} → ${report.load_end.join(" ")}; ${report.started_at.slice(0, 16)}Z`,
        series,
      })
    )
    delete report.concurrent.samples
    printReport(report)
    console.log(`\nwrote ${path.relative(root, OUT) || "."}/results.json and latency.svg (${report.total_s} s, stack start ${report.stack_start_s} s)`)

    const atZero = errors.filter((e) => e.latency_ms === 0)
    const duplicates = report.concurrent.duplicate_authorizations + (report.same_cart.authorizations > 1 ? report.same_cart.authorizations - 1 : 0)
    if (errors.length) for (const e of errors.slice(0, 10)) console.error(`  error (${e.phase}, ${e.latency_ms} ms): ${e.message}`)
    if (atZero.length || duplicates || report.same_cart.authorizations !== 1) {
      console.error(
        `bench: FAILED: ${atZero.length} checkout errors at 0 ms, ${duplicates} duplicate authorizations, ${report.same_cart.authorizations} authorizations for the cart completed at once`
      )
      code = 1
    }
  } catch (error) {
    if (!(error instanceof CheckoutError)) throw error
    console.error(`bench: ${error.message}`)
    code = 1
  } finally {
    await stack.stop()
  }
  return code
}

main().then(
  (code) => process.exit(code),
  (error) => {
    console.error(`bench: could not run: ${error.stack ?? error.message}`)
    process.exit(2)
  }
)
