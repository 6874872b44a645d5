import type { Logger } from "@medusajs/framework/types"
import type Redis from "ioredis"
import { RateLimiterAbstract, RateLimiterMemory, RateLimiterRedis } from "rate-limiter-flexible"

export interface LimiterShape {
  keyPrefix: string
  points: number
  /** seconds */
  duration: number
}

/** Where counters live: one Redis for every instance of the store, or this process's memory. */
export interface LimiterStore {
  shared: boolean
  limiter(shape: LimiterShape): RateLimiterAbstract
  close(): Promise<void>
}

export function memoryLimiterStore(): LimiterStore {
  return { shared: false, limiter: (shape) => new RateLimiterMemory(shape), close: async () => undefined }
}

/**
 * Counters in Redis, shared by every instance. While Redis does not answer, each instance counts
 * in its own memory (the limiter's insurance) rather than letting everything through or refusing
 * every shopper.
 */
export function redisLimiterStore(url: string, prefix: string, logger?: Logger): LimiterStore | undefined {
  let RedisClient: typeof Redis
  try {
    // ioredis is what Medusa's Redis modules run on: present wherever they are configured.
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    RedisClient = require("ioredis")
  } catch {
    logger?.warn("Flexiti: Redis is configured but the ioredis package is missing; rate limits are counted per instance.")
    return undefined
  }
  const client = new RedisClient(url, { enableOfflineQueue: false, maxRetriesPerRequest: 1, lazyConnect: false })
  let warned = false
  client.on("error", (error: Error) => {
    if (warned) return
    warned = true
    logger?.warn(`Flexiti: rate limits fall back to per-instance counting while Redis does not answer: ${error.message}`)
  })
  return {
    shared: true,
    limiter: (shape) =>
      new RateLimiterRedis({
        ...shape,
        keyPrefix: `${prefix}${shape.keyPrefix}`,
        storeClient: client,
        rejectIfRedisNotReady: true,
        insuranceLimiter: new RateLimiterMemory(shape),
      }),
    close: async () => {
      client.disconnect()
    },
  }
}
