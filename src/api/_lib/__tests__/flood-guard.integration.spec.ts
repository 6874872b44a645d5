import { randomBytes } from "node:crypto"
import Redis from "ioredis"
import { DEFAULT_FLEXITI_CALLS_PER_MINUTE, FloodGuardSettings } from "../../../config/flood-guard"
import { createFloodGuard, LimitCheck } from "../flood-guard"
import { redisLimiterStore } from "../limiter-store"

// The in-memory counting rules are in flood-guard.unit.spec.ts; these need a Redis server.
const defaults: FloodGuardSettings = { flexitiCallsPerMinute: DEFAULT_FLEXITI_CALLS_PER_MINUTE, limitByClientAddress: false, multiplier: 1 }

describe("counters shared through Redis", () => {
  const url = `redis://${process.env.REDIS_HOST ?? "127.0.0.1"}:${process.env.REDIS_PORT ?? 6379}`
  const prefix = `flexiti-test-${randomBytes(6).toString("hex")}:`
  const hammer: LimitCheck[] = [{ limit: "completesPerCart", key: "cart_shared" }]

  afterAll(async () => {
    const redis = new Redis(url)
    const keys = await redis.keys(`${prefix}*`)
    if (keys.length) await redis.del(...keys)
    await redis.quit()
  })

  it("two instances on one Redis share a cart's limit", async () => {
    const a = createFloodGuard(defaults, redisLimiterStore(url, prefix)!)
    const b = createFloodGuard(defaults, redisLimiterStore(url, prefix)!)
    try {
      // Redis connects asynchronously; until it is ready each instance would count on its own
      await new Promise((r) => setTimeout(r, 300))
      const answers = []
      for (let i = 0; i < 6; i++) answers.push((await a.check(hammer)).allowed, (await b.check(hammer)).allowed)
      expect(answers.filter(Boolean)).toHaveLength(10)
      expect(answers.slice(10)).toEqual([false, false])
    } finally {
      await a.close()
      await b.close()
    }
  })

  it("while Redis does not answer, each instance still counts in its own memory", async () => {
    const guard = createFloodGuard(defaults, redisLimiterStore("redis://127.0.0.1:1", prefix)!)
    try {
      const answers = []
      for (let i = 0; i < 12; i++) answers.push((await guard.check(hammer)).allowed)
      expect(answers).toEqual([...Array(10).fill(true), false, false])
    } finally {
      await guard.close()
    }
  })
})
