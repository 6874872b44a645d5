#!/usr/bin/env node
/**
 * `npm run bench:client`: the Flexiti client against the local sandbox over loopback (built code from
 * .medusa/server; run `npm run build` first). Prints figures; bounded in count, stops by itself.
 *   BENCH_READS (2000) reads at BENCH_CONCURRENCY (50); BENCH_CHECKOUTS (200) widget checkouts.
 */
import { createRequire } from "node:module"
import path from "node:path"
import { fileURLToPath } from "node:url"

const require = createRequire(import.meta.url)
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..")
const { startSandbox, SANDBOX_DEFAULT_CLIENT, SANDBOX_TEST_ACCOUNTS } = require(path.join(root, ".medusa/server/src/sandbox/index.js"))
const { FlexitiClient, TokenCache } = require(path.join(root, ".medusa/server/src/flexiti/index.js"))

const READS = Number(process.env.BENCH_READS ?? 2000)
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 50)
const CHECKOUTS = Number(process.env.BENCH_CHECKOUTS ?? 200)

function percentile(sorted, p) {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]
}
function summary(name, samples, wallMs) {
  const sorted = [...samples].sort((a, b) => a - b)
  const line = `${name.padEnd(28)} n=${String(samples.length).padStart(5)}  p50=${percentile(sorted, 50).toFixed(2)} ms  p95=${percentile(sorted, 95).toFixed(2)} ms  max=${sorted[sorted.length - 1].toFixed(2)} ms`
  console.log(wallMs ? `${line}  ${(samples.length / (wallMs / 1000)).toFixed(0)}/s` : line)
}
async function timed(fn) {
  const start = performance.now()
  await fn()
  return performance.now() - start
}
async function pool(count, concurrency, task) {
  const samples = []
  let next = 0
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < count) {
        const i = next++
        samples.push(await timed(() => task(i)))
      }
    })
  )
  return samples
}

const sandbox = await startSandbox({ port: 0, quiet: true })
const control = (p, body) =>
  fetch(`${sandbox.url}/__sandbox${p}`, {
    method: body ? "POST" : "GET",
    headers: { "content-type": "application/json" },
    body: body ? JSON.stringify(body) : undefined,
  }).then((r) => r.json())
const client = new FlexitiClient({
  environment: "training",
  clientId: SANDBOX_DEFAULT_CLIENT.client_id,
  clientSecret: SANDBOX_DEFAULT_CLIENT.client_secret,
  posOrigin: sandbox.url,
  tokenCache: new TokenCache(),
})
console.log(`Flexiti client vs sandbox on ${sandbox.url} (node ${process.version})`)

try {
  let wall = performance.now()
  const reads = await pool(READS, CONCURRENCY, () => client.i18n("en"))
  summary(`i18n reads (c=${CONCURRENCY})`, reads, performance.now() - wall)
  const afterReads = await control("/counters")
  console.log(`token requests for ${READS} concurrent reads: merchant=${afterReads.token_requests.merchant ?? 0}`)

  const steps = { widget_init: [], authorization: [], capture: [], release: [] }
  const account = SANDBOX_TEST_ACCOUNTS.approved.account_number
  wall = performance.now()
  const checkouts = await pool(CHECKOUTS, 10, async (i) => {
    const lineage = client.newCustomerLineage()
    let session
    steps.widget_init.push(await timed(async () => (session = await client.widgetInit({ flow: "purchase" }, { lineage }))))
    await control(`/widget-sessions/${session.widget_session_id}/approve`, { account_number: account })
    let auth
    steps.authorization.push(
      await timed(async () => {
        auth = await client.createAuthorization(
          { account_number: account, amount: 10, reference: `bench-${i}`, auto_capture: false, financing_option: { transaction_type: "regular_purchase" } },
          { lineage, referenceId: session.reference_id }
        )
      })
    )
    steps.capture.push(await timed(() => client.capture(auth.authorization_id, { amount: 6, reference: `capt-${i}` })))
    steps.release.push(await timed(() => client.release(auth.authorization_id, { amount: 4 })))
  })
  summary("whole widget checkout", checkouts, performance.now() - wall)
  for (const [name, samples] of Object.entries(steps)) summary(`  ${name}`, samples)
  const counters = await control("/counters")
  console.log(
    `token requests overall: merchant=${counters.token_requests.merchant ?? 0} customer=${counters.token_requests.customer ?? 0} (one customer token per checkout)`
  )
} finally {
  await sandbox.close()
}
