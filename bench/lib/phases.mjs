/** The phases of `npm run bench` after the latency comparison (bench/bench.mjs). */
import { spawnSync } from "node:child_process"
import path from "node:path"
import { chooseFinancing, flexitiCheckout, newCart, timed } from "./checkouts.mjs"
import { describe, round } from "./stats.mjs"
import { pool, root, SANDBOX_CLIENT_ID } from "./stack.mjs"

/** A sandbox token's lifetime (docs/go-live.md: the token's 20 minutes; the sandbox's default). */
const TOKEN_LIFETIME_S = 1200

const counters = async (api) => (await api.sandbox("GET", "/counters")).data
function delta(before, after) {
  const by_path = {}
  for (const [p, n] of Object.entries(after.calls_by_path)) {
    const d = n - (before.calls_by_path[p] ?? 0)
    if (d) by_path[p] = d
  }
  return by_path
}

/**
 * Flexiti calls per checkout by path and step, from the sandbox's counters read between steps:
 * the session (before the storefront opens the modal), the widget result, complete.
 */
export async function callsPerCheckout(api, shelf, count) {
  const phases = { session: {}, widget_result: {}, complete: {} }
  for (let i = 0; i < count; i++) {
    const cartId = await newCart(api, shelf, `calls-${i}`)
    let last = await counters(api)
    await flexitiCheckout(api, cartId, {
      onStep: async (name) => {
        const now = await counters(api)
        phases[name] ??= {}
        for (const [p, n] of Object.entries(delta(last, now))) phases[name][p] = (phases[name][p] ?? 0) + n
        last = now
      },
    })
  }
  const result = {}
  for (const [name, paths] of Object.entries(phases)) {
    const by_path = Object.fromEntries(Object.entries(paths).map(([p, n]) => [p, round(n / count, 2)]))
    result[name] = {
      total: round(
        Object.values(by_path).reduce((a, b) => a + b, 0),
        2
      ),
      by_path,
    }
  }
  // after the modal: the widget result and, where the shopper picks a plan, the choice; then complete
  const critical = Object.entries(result).reduce(
    (n, [name, phase]) => n + (name === "session" || name === "complete" || name === "financing" ? phase.total : 0),
    0
  )
  return { checkouts: count, phases: result, critical_path: round(critical, 2) }
}

async function paymentOf(api, orderId) {
  const found = await api.admin("GET", `/admin/orders/${orderId}?fields=id,*payment_collections,*payment_collections.payments`)
  return found.data.order?.payment_collections?.[0]?.payments?.[0]
}

/**
 * Token requests per scope while checkouts are started, authorized, captured and refunded, four at
 * a time, within one token lifetime. Tokens are expired first so the plugin starts from none.
 */
export async function tokensOverMixedOperations(api, shelf, checkouts, onError) {
  const ops = { initiate: 0, authorize: 0, capture: 0, refund: 0 }
  await api.sandbox("POST", "/faults", { expire_tokens_now: true })
  const before = await counters(api)
  const started = Date.now()
  await pool(checkouts, 4, async (i) => {
    try {
      const cartId = await newCart(api, shelf, `tokens-${i}`)
      const { order } = await flexitiCheckout(api, cartId, {
        onStep: (name) => (name === "session" ? ops.initiate++ : name === "complete" ? ops.authorize++ : 0),
      })
      const payment = await paymentOf(api, order.id)
      const captured = await api.admin("POST", `/admin/payments/${payment.id}/capture`, {})
      if (captured.status !== 200) throw new Error(`capture: ${captured.status} ${JSON.stringify(captured.data).slice(0, 200)}`)
      ops.capture++
      const refunded = await api.admin("POST", `/admin/payments/${payment.id}/refund`, { amount: 10 })
      if (refunded.status !== 200) throw new Error(`refund: ${refunded.status} ${JSON.stringify(refunded.data).slice(0, 200)}`)
      ops.refund++
    } catch (error) {
      onError(error)
    }
  })
  const after = await counters(api)
  return {
    operations: Object.values(ops).reduce((a, b) => a + b, 0),
    operations_by_kind: ops,
    elapsed_s: round((Date.now() - started) / 1000),
    token_lifetime_s: TOKEN_LIFETIME_S,
    token_requests: {
      merchant: after.token_requests.merchant - before.token_requests.merchant,
      customer: after.token_requests.customer - before.token_requests.customer,
    },
  }
}

/** Authorizations by reference (the payment session id): more than one for a session is a duplicate. */
async function authorizationsByReference(api) {
  const list = (await api.sandbox("GET", `/authorizations?client_id=${SANDBOX_CLIENT_ID}`)).data.authorizations
  const byReference = new Map()
  for (const a of list) byReference.set(a.reference, (byReference.get(a.reference) ?? 0) + 1)
  return byReference
}

/** `count` checkouts on `count` carts, all fired at once once the carts exist. */
export async function concurrentCheckouts(api, shelf, count, onError) {
  const carts = []
  await pool(count, 8, async (i) => carts.push(await newCart(api, shelf, `concurrent-${i}`)))
  const samples = []
  const sessions = []
  let failures = 0
  const started = performance.now()
  await Promise.all(
    carts.map(async (cartId) => {
      try {
        const { ms, value } = await timed(() => flexitiCheckout(api, cartId))
        samples.push(ms)
        sessions.push(value.sessionId)
      } catch (error) {
        failures++
        onError(error)
      }
    })
  )
  const wall = (performance.now() - started) / 1000
  const byReference = await authorizationsByReference(api)
  const duplicates = sessions.reduce((n, s) => n + Math.max(0, (byReference.get(s) ?? 0) - 1), 0)
  return {
    checkouts: count,
    errors: failures,
    duplicate_authorizations: duplicates,
    wall_s: round(wall, 2),
    throughput_per_s: round((count - failures) / wall, 2),
    latency: describe(samples),
    samples,
  }
}

/** One approved cart completed `count` times at once: one order, one Flexiti authorization. */
export async function sameCartCompletes(api, shelf, count) {
  const cartId = await newCart(api, shelf, "same-cart")
  const session = (await api.store("POST", "/store/flexiti/payment-sessions", { cart_id: cartId })).data.payment_session
  const applied = (await api.sandbox("POST", `/widget-sessions/${session.data.widget_session_id}/approve`, { fresh_account: true })).data
  const result = (await api.store("POST", `/store/flexiti/payment-sessions/${session.id}/widget-result`, { cart_id: cartId, event: applied.event })).data
  if (result.financing?.options?.length) await chooseFinancing(api, cartId, session.id, result.financing)
  const answers = await Promise.all(Array.from({ length: count }, () => api.store("POST", `/store/carts/${cartId}/complete`, {})))
  const orders = answers.filter((a) => a.status === 200 && a.data.type === "order")
  const byReference = await authorizationsByReference(api)
  return {
    completes: count,
    orders: orders.length,
    distinct_orders: new Set(orders.map((a) => a.data.order.id)).size,
    refused: answers.length - orders.length,
    statuses: answers.map((a) => a.status),
    authorizations: byReference.get(session.id) ?? 0,
  }
}

/** "As low as" (cold: an amount never asked; cached: asked again) and eligibility (a cart's first call; again). */
export async function storeRoutes(api, shelf, count, tag) {
  const get = async (url) => {
    const { ms, value } = await timed(() => api.store("GET", url))
    if (value.status !== 200) throw new Error(`${url}: ${value.status} ${JSON.stringify(value.data).slice(0, 200)}`)
    return ms
  }
  const cold = []
  const cached = []
  // cold: amounts no earlier call of the run asked (the tag's own range); cached: one amount again
  const base = 1000 + 10 * Number(tag)
  const known = `/store/flexiti/calculator?amount=${base + 999}.00&lang=en&province=ON`
  for (let i = 0; i < count; i++) cold.push(await get(`/store/flexiti/calculator?amount=${base + i}.${String(i % 100).padStart(2, "0")}&lang=en&province=ON`))
  await get(known)
  for (let i = 0; i < count; i++) cached.push(await get(known))
  const carts = []
  for (let i = 0; i < Math.min(count, 10); i++) carts.push(await newCart(api, shelf, `eligibility-${tag}-${i}`))
  const first = []
  const again = []
  for (const cartId of carts) first.push(await get(`/store/flexiti/eligibility?cart_id=${cartId}`))
  for (let i = 0; i < count; i++) again.push(await get(`/store/flexiti/eligibility?cart_id=${carts[i % carts.length]}`))
  return {
    "calculator, cold": describe(cold),
    "calculator, cached": describe(cached),
    "eligibility, first call on a cart": describe(first),
    "eligibility, again": describe(again),
  }
}

/** The storefront launcher's size as `npm run size:storefront` measures it. */
export function launcherSize() {
  const run = spawnSync("node", [path.join(root, "scripts/storefront-size.mjs")], { cwd: root, encoding: "utf8" })
  const line = run.stdout.split("\n").find((l) => l.startsWith("launcher"))
  const match = line?.match(/([\d.]+) KB min, ([\d.]+) KB min\+gzip/)
  if (!match) return null
  return { min_kb: Number(match[1]), gzip_kb: Number(match[2]), line: line.trim() }
}
