import { sandboxFixture } from "./sandbox-fixture"

const ACCOUNT = 10000000000001

/** Lets the pool's background token request finish. */
async function settle(check: () => boolean | Promise<boolean>) {
  for (let i = 0; i < 100 && !(await check()); i++) await new Promise((resolve) => setTimeout(resolve, 10))
}

describe("customer token pool", () => {
  let fx: Awaited<ReturnType<typeof sandboxFixture>>

  beforeAll(async () => {
    fx = await sandboxFixture()
  })
  afterAll(async () => {
    await fx.close()
  })
  beforeEach(async () => {
    await fx.reset()
  })

  it("opens a checkout with one round trip once a token is ready, each token to one checkout only", async () => {
    const client = fx.client({ customerTokenPool: 1 })
    // The first checkout has nothing ready: it requests its token, and one is fetched for the next.
    const first = client.newCustomerLineage()
    await client.calculateInterest(ACCOUNT, 250, { lineage: first })
    await settle(async () => (await fx.counters()).token_requests.customer === 2)
    expect((await fx.counters()).token_requests.customer).toBe(2)

    const second = client.newCustomerLineage()
    const beforeCall = (await fx.counters()).token_requests.customer
    await client.calculateInterest(ACCOUNT, 250, { lineage: second })
    const afterCall = await fx.counters()
    expect(afterCall.token_requests.customer).toBe(beforeCall) // the call itself requested no token
    expect(second.snapshot()!.accessToken).not.toBe(first.snapshot()!.accessToken)

    await settle(async () => (await fx.counters()).token_requests.customer === 3)
    const third = client.newCustomerLineage()
    await client.calculateInterest(ACCOUNT, 250, { lineage: third })
    const tokens = [first, second, third].map((l) => l.snapshot()!.accessToken)
    expect(new Set(tokens).size).toBe(3)
  })

  it("drops a ready token too close to its expiry rather than start a checkout on it", async () => {
    const client = fx.client({ customerTokenPool: 1 })
    client.newCustomerLineage() // starts the pool
    await settle(async () => (await fx.counters()).token_requests.customer === 1)
    await fx.advance(1200 - 10 * 60) // 10 minutes left: not enough for a checkout
    const lineage = client.newCustomerLineage()
    await client.calculateInterest(ACCOUNT, 250, { lineage })
    const counters = await fx.counters()
    expect(counters.token_refreshes ?? 0).toBe(0)
    expect(counters.token_requests.customer).toBeGreaterThanOrEqual(2) // a new token, not the stale one
    expect(lineage.snapshot()!.expiresAt - fx.clock.now()).toBeGreaterThan(15 * 60_000)
  })

  it("without a pool each checkout requests its own token when it starts", async () => {
    const client = fx.client()
    client.newCustomerLineage()
    await new Promise((resolve) => setTimeout(resolve, 50))
    expect((await fx.counters()).token_requests.customer ?? 0).toBe(0)
  })
})
