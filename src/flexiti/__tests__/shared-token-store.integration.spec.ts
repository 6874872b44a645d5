import { HeldToken, SharedTokenStore, TokenCache } from "../token-manager"
import { sandboxFixture } from "./sandbox-fixture"

/** What Medusa's caching module and a lock give several processes, in memory. */
function memoryStore(options: { exclusive: boolean }) {
  const tokens = new Map<string, HeldToken>()
  const locks = new Map<string, Promise<unknown>>()
  const store: SharedTokenStore = {
    async read(key) {
      const token = tokens.get(key)
      return token ? { ...token } : undefined
    },
    async write(key, token) {
      tokens.set(key, { ...token })
    },
  }
  if (options.exclusive) {
    store.exclusive = async <T>(key: string, work: () => Promise<T>): Promise<T> => {
      const previous = locks.get(key) ?? Promise.resolve()
      const run = previous.then(work, work)
      locks.set(
        key,
        run.catch(() => undefined)
      )
      return run
    }
  }
  return { store, tokens }
}

/** Two Medusa processes: each its own client and token cache, one store between them. */
describe("merchant tokens shared between processes", () => {
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

  function processes(store?: SharedTokenStore) {
    return [0, 1].map(() => {
      const tokenCache = new TokenCache()
      tokenCache.shareThrough(store)
      return fx.client({ tokenCache })
    })
  }

  it("two processes make one merchant token request between them, calling at once", async () => {
    const { store, tokens } = memoryStore({ exclusive: true })
    const [a, b] = processes(store)
    await Promise.all([...Array.from({ length: 20 }, () => a.i18n("en")), ...Array.from({ length: 20 }, () => b.i18n("fr"))])
    expect((await fx.counters()).token_requests.merchant).toBe(1)
    expect(tokens.size).toBe(1)
    expect(a.merchantLineage().snapshot()!.accessToken).toBe(b.merchantLineage().snapshot()!.accessToken)
  })

  it("without a store each process asks for its own token", async () => {
    const [a, b] = processes(undefined)
    await Promise.all([a.i18n("en"), b.i18n("en")])
    expect((await fx.counters()).token_requests.merchant).toBe(2)
  })

  it("a token Flexiti rejected is renewed once and the other process adopts the new one", async () => {
    const { store } = memoryStore({ exclusive: true })
    const [a, b] = processes(store)
    await a.i18n("en")
    await b.i18n("en")
    const before = await fx.counters()
    await fx.control.post("/faults", { expire_tokens_now: true })
    await Promise.all([a.i18n("en"), b.i18n("fr")])
    const after = await fx.counters()
    const renewals = after.token_requests.merchant + (after.token_refreshes ?? 0) - before.token_requests.merchant - (before.token_refreshes ?? 0)
    expect(renewals).toBe(1)
    expect(a.merchantLineage().snapshot()!.accessToken).toBe(b.merchantLineage().snapshot()!.accessToken)
  })

  it("a store that fails costs a token request, never a call", async () => {
    const broken: SharedTokenStore = {
      read: () => Promise.reject(new Error("cache down")),
      write: () => Promise.reject(new Error("cache down")),
    }
    const [a, b] = processes(broken)
    const answers = await Promise.all([a.i18n("en"), b.i18n("en")])
    expect(answers.every((answer) => answer.provinces.ON)).toBe(true)
    expect((await fx.counters()).token_requests.merchant).toBe(2)
  })
})
