import { randomBytes } from "node:crypto"
import { HeldToken } from "../../../flexiti/token-manager"
import { medusaMerchantTokenStore } from "../merchant-token-store"

/** Medusa's caching module as the store sees it: get/set by key, with a ttl. */
function fakeCaching() {
  const entries = new Map<string, { data: object; ttl?: number; tags?: string[] }>()
  return {
    entries,
    async get({ key }: { key: string }) {
      return entries.get(key)?.data ?? null
    },
    async set(options: { key: string; data: object; ttl?: number; tags?: string[] }) {
      entries.set(options.key, { data: options.data, ttl: options.ttl, tags: options.tags })
    },
  }
}

const token = (expiresInSeconds: number): HeldToken => ({
  accessToken: `access-${randomBytes(8).toString("hex")}`,
  refreshToken: `refresh-${randomBytes(8).toString("hex")}`,
  scope: "merchant",
  expiresAt: Date.now() + expiresInSeconds * 1000,
})

describe("merchant tokens in Medusa's caching module", () => {
  const previousKey = process.env.FLEXITI_ENCRYPTION_KEY
  beforeAll(() => {
    process.env.FLEXITI_ENCRYPTION_KEY = randomBytes(32).toString("hex")
  })
  afterAll(() => {
    process.env.FLEXITI_ENCRYPTION_KEY = previousKey
  })

  it("stores the token encrypted, expiring with it, and reads it back", async () => {
    const caching = fakeCaching()
    const store = medusaMerchantTokenStore({ caching })
    const held = token(1200)
    await store.write("https://pos.example|client|hash|merchant", held)
    const [[key, entry]] = [...caching.entries]
    expect(key).not.toContain("client")
    expect(JSON.stringify(entry.data)).not.toContain(held.accessToken)
    expect(JSON.stringify(entry.data)).not.toContain(held.refreshToken)
    expect(entry.ttl).toBeGreaterThan(1190)
    expect(entry.ttl).toBeLessThanOrEqual(1200)
    expect(await store.read("https://pos.example|client|hash|merchant")).toEqual(held)
    expect(await store.read("https://pos.example|other|hash|merchant")).toBeUndefined()
  })

  it("without a caching module it keeps nothing and runs a renewal at once", async () => {
    const store = medusaMerchantTokenStore({})
    await store.write("k", token(1200))
    expect(await store.read("k")).toBeUndefined()
    expect(await store.exclusive!("k", async () => "renewed")).toBe("renewed")
  })

  it("a caching module that fails reads as empty and is reported once", async () => {
    const warnings: string[] = []
    const logger = { warn: (m: string) => warnings.push(m) } as never
    const broken = { get: () => Promise.reject(new Error("redis down")), set: () => Promise.reject(new Error("redis down")) }
    const store = medusaMerchantTokenStore({ caching: broken }, logger)
    expect(await store.read("k")).toBeUndefined()
    await store.write("k", token(1200))
    expect(warnings).toHaveLength(1)
    expect(warnings[0]).toMatch(/redis down/)
  })

  it("a token encrypted with another key is not used", async () => {
    const caching = fakeCaching()
    await medusaMerchantTokenStore({ caching }).write("k", token(1200))
    process.env.FLEXITI_ENCRYPTION_KEY = randomBytes(32).toString("hex")
    expect(await medusaMerchantTokenStore({ caching }).read("k")).toBeUndefined()
  })
})
