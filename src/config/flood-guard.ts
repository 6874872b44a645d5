import type { MedusaContainer } from "@medusajs/framework/types"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import { z } from "zod"
import { declaredProviderOptions } from "./from-container"
import { ParsedProviderOptions, providerOptionsSchema } from "../lib/config/provider-options"

/**
 * Default store-wide rate of Flexiti calls the public routes may cause. Flexiti publishes no rate
 * limit; this is sized for a busy store (a checkout costs about ten calls, so 600 checkouts in
 * ten minutes use about 600 a minute) with room to spare.
 */
export const DEFAULT_FLEXITI_CALLS_PER_MINUTE = 1800

export interface FloodGuardSettings {
  flexitiCallsPerMinute: number
  limitByClientAddress: boolean
  /** FLEXITI_RATE_LIMIT_MULTIPLIER: scales every limit, e.g. for a load test */
  multiplier: number
}

const envOptions = z.object({
  flexiti_calls_per_minute: providerOptionsSchema.shape.flexiti_calls_per_minute,
  limit_by_client_address: providerOptionsSchema.shape.limit_by_client_address,
})

/** Provider options win over FLEXITI_CALLS_PER_MINUTE / FLEXITI_LIMIT_BY_CLIENT_ADDRESS, then defaults. */
export function floodGuardSettings(options: ParsedProviderOptions, env: NodeJS.ProcessEnv = process.env): FloodGuardSettings {
  const fromEnv = envOptions.safeParse({
    flexiti_calls_per_minute: env.FLEXITI_CALLS_PER_MINUTE || undefined,
    limit_by_client_address: env.FLEXITI_LIMIT_BY_CLIENT_ADDRESS || undefined,
  })
  if (!fromEnv.success) {
    throw new Error(`Invalid FLEXITI_CALLS_PER_MINUTE or FLEXITI_LIMIT_BY_CLIENT_ADDRESS: ${fromEnv.error.issues.map((i) => i.message).join("; ")}`)
  }
  const rawMultiplier = Number(env.FLEXITI_RATE_LIMIT_MULTIPLIER ?? 1)
  return {
    flexitiCallsPerMinute: options.flexiti_calls_per_minute ?? fromEnv.data.flexiti_calls_per_minute ?? DEFAULT_FLEXITI_CALLS_PER_MINUTE,
    limitByClientAddress: options.limit_by_client_address ?? fromEnv.data.limit_by_client_address ?? false,
    multiplier: Number.isFinite(rawMultiplier) && rawMultiplier > 0 ? rawMultiplier : 1,
  }
}

export function floodGuardSettingsOf(container: MedusaContainer): FloodGuardSettings {
  return floodGuardSettings(declaredProviderOptions(container))
}

type ModuleEntry = { resolve?: unknown; options?: Record<string, unknown> }

const redisUrlOf = (options: Record<string, unknown> | undefined): string | undefined => {
  const nested = options?.redis as Record<string, unknown> | undefined
  const url = options?.redisUrl ?? nested?.redisUrl ?? nested?.url
  return typeof url === "string" && url ? url : undefined
}

/**
 * The Redis the store's Medusa modules use (projectConfig.redisUrl, else a Redis event bus,
 * workflow engine, locking or caching module), with Medusa's redisPrefix; undefined without one.
 */
export function medusaRedisOf(container: MedusaContainer): { url: string; prefix: string } | undefined {
  let config: { projectConfig?: { redisUrl?: unknown; redisPrefix?: unknown }; modules?: unknown }
  try {
    config = container.resolve(ContainerRegistrationKeys.CONFIG_MODULE)
  } catch {
    return undefined
  }
  const prefix = typeof config?.projectConfig?.redisPrefix === "string" ? config.projectConfig.redisPrefix : ""
  if (typeof config?.projectConfig?.redisUrl === "string" && config.projectConfig.redisUrl) return { url: config.projectConfig.redisUrl, prefix }
  const modules = Array.isArray(config?.modules) ? config.modules : Object.values((config?.modules ?? {}) as Record<string, unknown>)
  const isRedis = (entry: ModuleEntry | undefined) => typeof entry?.resolve === "string" && entry.resolve.includes("redis")
  for (const mod of modules as (ModuleEntry | undefined)[]) {
    const providers = mod?.options?.providers
    const candidates = [mod, ...(Array.isArray(providers) ? (providers as ModuleEntry[]) : [])]
    for (const entry of candidates) {
      const url = isRedis(entry) ? redisUrlOf(entry?.options) : undefined
      if (url) return { url, prefix }
    }
  }
  return undefined
}
