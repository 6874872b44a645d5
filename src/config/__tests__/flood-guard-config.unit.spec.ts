import type { MedusaContainer } from "@medusajs/framework/types"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import { DEFAULT_FLEXITI_CALLS_PER_MINUTE, floodGuardSettings, medusaRedisOf } from "../flood-guard"
import { parseProviderOptions } from "../../lib/config/provider-options"

const containerWith = (config: unknown) =>
  ({
    resolve: (key: string) => {
      if (key !== ContainerRegistrationKeys.CONFIG_MODULE) throw new Error(key)
      return config
    },
  }) as unknown as MedusaContainer

describe("flood guard settings", () => {
  it("defaults: the default rate, no per-address limits", () => {
    expect(floodGuardSettings({}, {})).toEqual({ flexitiCallsPerMinute: DEFAULT_FLEXITI_CALLS_PER_MINUTE, limitByClientAddress: false, multiplier: 1 })
  })

  it("provider options win over FLEXITI_CALLS_PER_MINUTE and FLEXITI_LIMIT_BY_CLIENT_ADDRESS", () => {
    const env = { FLEXITI_CALLS_PER_MINUTE: "600", FLEXITI_LIMIT_BY_CLIENT_ADDRESS: "true" }
    expect(floodGuardSettings({}, env)).toMatchObject({ flexitiCallsPerMinute: 600, limitByClientAddress: true })
    const options = parseProviderOptions({ flexiti_calls_per_minute: "900", limit_by_client_address: "false" })
    expect(floodGuardSettings(options, env)).toMatchObject({ flexitiCallsPerMinute: 900, limitByClientAddress: false })
  })

  it("refuses a rate that is not a positive whole number", () => {
    expect(() => parseProviderOptions({ flexiti_calls_per_minute: 0 })).toThrow(/flexiti_calls_per_minute/)
    expect(() => floodGuardSettings({}, { FLEXITI_CALLS_PER_MINUTE: "lots" })).toThrow(/FLEXITI_CALLS_PER_MINUTE/)
  })
})

describe("the Redis of Medusa's modules", () => {
  it("projectConfig.redisUrl first, with Medusa's redisPrefix", () => {
    expect(medusaRedisOf(containerWith({ projectConfig: { redisUrl: "redis://r:6379/2", redisPrefix: "shop:" }, modules: {} }))).toEqual({
      url: "redis://r:6379/2",
      prefix: "shop:",
    })
  })

  it("else a Redis module or provider of a module", () => {
    const locking = {
      resolve: "@medusajs/medusa/locking",
      options: { providers: [{ resolve: "@medusajs/medusa/locking-redis", options: { redisUrl: "redis://lock" } }] },
    }
    const engine = { resolve: "@medusajs/medusa/workflow-engine-redis", options: { redis: { redisUrl: "redis://engine" } } }
    expect(medusaRedisOf(containerWith({ projectConfig: {}, modules: { locking } }))?.url).toBe("redis://lock")
    expect(medusaRedisOf(containerWith({ projectConfig: {}, modules: [engine] }))?.url).toBe("redis://engine")
  })

  it("none: counters stay in memory", () => {
    const payment = { resolve: "@medusajs/medusa/payment", options: { providers: [{ resolve: "./src/providers/flexiti", options: {} }] } }
    expect(medusaRedisOf(containerWith({ projectConfig: {}, modules: { payment } }))).toBeUndefined()
  })
})
