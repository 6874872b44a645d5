/**
 * Two Medusa servers and a worker on one database and one Redis (README, "Running on several
 * instances"), each with the built plugin: a shopper's steps land on either server, and what
 * must happen once happens once.
 */
import { Queue } from "bullmq"
import { Cluster, InstanceName, SANDBOX_CLIENT_ID, startCluster } from "../fixtures/cluster"

jest.setTimeout(10 * 60_000)

type Answer = { status: number; data: any }
const ADDRESS = {
  first_name: "Cluster",
  last_name: "Shopper",
  address_1: "100 King St W",
  city: "Toronto",
  province: "ON",
  postal_code: "M5X 1A9",
  country_code: "ca",
}
const toCents = (dollars: number) => Math.round(dollars * 100)

let cluster: Cluster
let adminToken: string
let shelf: { regionId: string; variantId: string }

async function call(base: string, method: string, url: string, body?: unknown, headers: Record<string, string> = {}): Promise<Answer> {
  const res = await fetch(`${base}${url}`, {
    method,
    headers: { "content-type": "application/json", ...headers },
    body: body === undefined ? undefined : JSON.stringify(body),
  })
  const text = await res.text()
  return { status: res.status, data: text ? JSON.parse(text) : {} }
}
const url = (on: InstanceName) => cluster.instances[on].url
const store = (on: InstanceName, method: string, path: string, body?: unknown) =>
  call(url(on), method, path, body, { "x-publishable-api-key": cluster.publishableKey })
const admin = (on: InstanceName, method: string, path: string, body?: unknown) => call(url(on), method, path, body, { authorization: `Bearer ${adminToken}` })
const sandbox = (method: string, path: string, body?: unknown) => call(cluster.sandbox.url, method, `/__sandbox${path}`, body)
const counters = async () => (await sandbox("GET", "/counters")).data
const authorizationsFor = async (sessionId: string) =>
  (await sandbox("GET", `/authorizations?client_id=${SANDBOX_CLIENT_ID}&reference=${sessionId}`)).data.authorizations as any[]

async function cartReadyToPay(on: InstanceName): Promise<string> {
  const cart = await store(on, "POST", "/store/carts", {
    region_id: shelf.regionId,
    email: "cluster@example.ca",
    items: [{ variant_id: shelf.variantId, quantity: 1 }],
    shipping_address: ADDRESS,
    billing_address: ADDRESS,
  })
  expect(cart.status).toBe(200)
  const options = await store(on, "GET", `/store/shipping-options?cart_id=${cart.data.cart.id}`)
  expect((await store(on, "POST", `/store/carts/${cart.data.cart.id}/shipping-methods`, { option_id: options.data.shipping_options[0].id })).status).toBe(200)
  return cart.data.cart.id
}

/** The plugin's session on `startOn`, the shopper's approval in the widget, the widget's result on `resultOn`. */
async function approvedSession(cartId: string, startOn: InstanceName, resultOn: InstanceName) {
  const started = await store(startOn, "POST", "/store/flexiti/payment-sessions", { cart_id: cartId })
  expect(started.status).toBe(200)
  const session = started.data.payment_session
  const applied = await sandbox("POST", `/widget-sessions/${session.data.widget_session_id}/approve`, { fresh_account: true })
  expect(applied.status).toBe(200)
  const result = await store(resultOn, "POST", `/store/flexiti/payment-sessions/${session.id}/widget-result`, { cart_id: cartId, event: applied.data.event })
  expect(result.data).toMatchObject({ approved: true })
  // the shopper picks a plan among what Flexiti offered; recorded through the instance the checkout started on
  const option = result.data.financing.options[0]
  const choice =
    option.transaction_type === "regular_purchase"
      ? { transaction_type: "regular_purchase" }
      : { transaction_type: option.transaction_type, plan_id: option.plan_id, term: option.term }
  const chosen = await store(startOn, "POST", `/store/flexiti/payment-sessions/${session.id}/financing`, { cart_id: cartId, ...choice })
  expect(chosen.status).toBe(200)
  return session
}

async function paymentOf(orderId: string) {
  const found = await admin("a", "GET", `/admin/orders/${orderId}?fields=id,*payment_collections,*payment_collections.payments`)
  return found.data.order.payment_collections[0].payments[0]
}

beforeAll(async () => {
  cluster = await startCluster({ basePort: Number(process.env.CLUSTER_BASE_PORT ?? 9610) })
  const login = await call(url("a"), "POST", "/auth/user/emailpass", cluster.admin)
  adminToken = login.data.token
  const regions = await store("a", "GET", "/store/regions")
  const products = await store("a", "GET", "/store/products?handle=sofa")
  shelf = { regionId: regions.data.regions.find((r: any) => r.currency_code === "cad").id, variantId: products.data.products[0].variants[0].id }
}, 8 * 60_000)

afterAll(async () => {
  await cluster?.stop()
})

describe("several Medusa instances", () => {
  it("a checkout started on A, its widget result posted to B, is completed on A", async () => {
    const cartId = await cartReadyToPay("a")
    const session = await approvedSession(cartId, "a", "b")
    const completed = await store("a", "POST", `/store/carts/${cartId}/complete`, {})
    expect(completed.data.type).toBe("order")
    expect(await authorizationsFor(session.id)).toHaveLength(1)
  })

  it("the same cart completed on A and B at once makes one order and one Flexiti authorization", async () => {
    const cartId = await cartReadyToPay("b")
    const session = await approvedSession(cartId, "b", "a")
    const answers = await Promise.all([store("a", "POST", `/store/carts/${cartId}/complete`, {}), store("b", "POST", `/store/carts/${cartId}/complete`, {})])
    const orders = answers.filter((a) => a.status === 200 && a.data.type === "order").map((a) => a.data.order.id)
    expect(orders.length).toBeGreaterThanOrEqual(1)
    expect(new Set(orders).size).toBe(1)
    expect(await authorizationsFor(session.id)).toHaveLength(1)
    // whichever answer lost the race, completing again gives the same order
    const again = await store("b", "POST", `/store/carts/${cartId}/complete`, {})
    expect(again.data.order?.id).toBe(orders[0])
  })

  it("captures and refunds fired from both instances at once are serialised; one merchant token for both", async () => {
    const before = await counters()
    const cartId = await cartReadyToPay("a")
    const session = await approvedSession(cartId, "a", "b")
    const order = (await store("b", "POST", `/store/carts/${cartId}/complete`, {})).data.order
    const payment = await paymentOf(order.id)
    const total = toCents(Number(payment.amount))
    const first = Math.round(total * 0.4)
    const second = Math.round(total * 0.35)
    const captures = await Promise.all([
      admin("a", "POST", `/admin/payments/${payment.id}/capture`, { amount: first / 100 }),
      admin("b", "POST", `/admin/payments/${payment.id}/capture`, { amount: second / 100 }),
    ])
    expect(captures.map((c) => c.status)).toEqual([200, 200])
    const refund = (on: InstanceName, amount: number) => admin(on, "POST", `/admin/payments/${payment.id}/refund`, { amount })
    const refunds = await Promise.all([refund("b", 10), refund("a", 25.5)])
    // Medusa itself may answer one of two refunds of one order fired at once with a 4xx ("already
    // has an existing active order change"), sometimes after the refund was recorded: what must
    // hold is that Flexiti moved exactly what Medusa recorded, once each.
    for (const answer of refunds) {
      if (answer.status === 200) continue
      expect(answer.status).toBeGreaterThanOrEqual(400)
      expect(answer.status).toBeLessThan(500)
      expect(typeof answer.data.message).toBe("string")
    }

    const [authorization] = await authorizationsFor(session.id)
    const flexitiCaptured = authorization.captures.reduce((n: number, c: any) => n + toCents(c.amount), 0)
    const flexitiRefunded = authorization.captures.reduce(
      (n: number, c: any) => n + [...c.returns, ...c.refunds].reduce((m: number, r: any) => m + toCents(r.amount), 0),
      0
    )
    const medusa = (await admin("a", "GET", `/admin/payments/${payment.id}?fields=id,*captures,*refunds`)).data.payment
    expect(authorization.captures).toHaveLength(2)
    expect(flexitiCaptured).toBe(first + second)
    expect(medusa.captures.reduce((n: number, c: any) => n + toCents(Number(c.amount)), 0)).toBe(first + second)
    const medusaRefunded = medusa.refunds.reduce((n: number, r: any) => n + toCents(Number(r.amount)), 0)
    expect([1000, 2550, 3550]).toContain(medusaRefunded)
    expect(flexitiRefunded).toBe(medusaRefunded)
    if (refunds.every((r) => r.status === 200)) expect(medusaRefunded).toBe(3550)

    // Both instances needed a merchant token at the same moment: one request between them.
    const after = await counters()
    expect(after.token_requests.merchant - before.token_requests.merchant).toBe(1)
  })

  it("the reconciler run on both instances at once releases an abandoned authorization once", async () => {
    const cartId = await cartReadyToPay("a")
    const session = await approvedSession(cartId, "a", "a")
    await sandbox("POST", "/faults", { lose_answer_next: [{ path_contains: "/authorization", method: "POST" }] })
    const completed = await store("a", "POST", `/store/carts/${cartId}/complete`, {})
    expect(completed.data.type).not.toBe("order")
    expect((await authorizationsFor(session.id))[0].status).toBe("opened")

    const before = await counters()
    const reports = await Promise.all(["a", "b"].map((on) => admin(on as InstanceName, "POST", "/admin/flexiti/reconcile", { grace_minutes: 0 })))
    expect(reports.map((r) => r.status)).toEqual([200, 200])
    const released = reports.flatMap((r) => r.data.reconcile.released)
    expect(released.map((r: any) => r.payment_session_id)).toEqual([session.id])
    const after = await counters()
    expect(after.releases - before.releases).toBe(1)
    expect((await authorizationsFor(session.id))[0].status).toBe("closed")
  })

  it("the Flexiti jobs are scheduled once for the cluster, by the worker", async () => {
    // Medusa's workflow engine keeps one repeatable job per scheduled job (its key names the job),
    // whatever the number of instances; servers (MEDUSA_WORKER_MODE=server) load no jobs at all.
    const queue = new Queue(`${cluster.redisPrefix}medusa-workflows-jobs`, { connection: cluster.redis.duplicate() })
    try {
      const keys = (await queue.getRepeatableJobs()).map((job) => job.key)
      expect(keys.filter((k) => k.includes("reconcile-flexiti"))).toHaveLength(1)
      expect(keys.filter((k) => k.includes("sync-flexiti-i18n"))).toHaveLength(1)
    } finally {
      await queue.close()
    }
  })

  it("settings saved through A apply on B at the next checkout", async () => {
    // the sofa's cart is about $1,260: below a $5,000 minimum Flexiti is not offered
    const saved = await admin("a", "POST", "/admin/flexiti/settings", { min_amount: "5000" })
    expect([saved.status, saved.data]).toEqual([200, expect.anything()])
    try {
      const cartId = await cartReadyToPay("b")
      const refused = await store("b", "POST", "/store/flexiti/payment-sessions", { cart_id: cartId })
      expect(refused.status).toBe(400)
      expect(refused.data.message).toBe("Flexiti financing is available for orders of $5,000.00 or more.")
    } finally {
      expect((await admin("b", "POST", "/admin/flexiti/settings", { min_amount: "100" })).status).toBe(200)
    }
    const cartId = await cartReadyToPay("a")
    expect((await store("a", "POST", "/store/flexiti/payment-sessions", { cart_id: cartId })).status).toBe(200)
  })
})
