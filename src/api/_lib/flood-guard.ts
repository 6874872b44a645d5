import { RateLimiterAbstract, RateLimiterRes } from "rate-limiter-flexible"
import type { FloodGuardSettings } from "../../config/flood-guard"
import type { LimiterStore } from "./limiter-store"

const TEN_MINUTES = 10 * 60

/**
 * Limits keyed on what one shopper owns (a cart, a payment session, a customer account), so a
 * store's shoppers never share a counter; per client address only when the store says the
 * address is the shopper's own. `points` per `duration` seconds, scaled by the multiplier.
 */
export const FLEXITI_LIMITS = {
  startsPerCart: { points: 10, duration: TEN_MINUTES, what: "Flexiti checkouts started for this cart" },
  startsPerCustomer: { points: 30, duration: TEN_MINUTES, what: "Flexiti checkouts started by this customer" },
  startsPerAddress: { points: 60, duration: TEN_MINUTES, what: "Flexiti checkouts started" },
  resultsPerSession: { points: 10, duration: TEN_MINUTES, what: "Flexiti results sent for this checkout" },
  resultsPerAddress: { points: 60, duration: TEN_MINUTES, what: "Flexiti results sent" },
  financingPerSession: { points: 60, duration: TEN_MINUTES, what: "Flexiti financing requests for this checkout" },
  financingPerAddress: { points: 120, duration: TEN_MINUTES, what: "Flexiti financing requests" },
  lookupsPerAddress: { points: 120, duration: 60, what: "Flexiti financing look-ups" },
  completesPerCart: { points: 10, duration: TEN_MINUTES, what: "attempts to complete this Flexiti cart" },
  webhooksPerSession: { points: 10, duration: TEN_MINUTES, what: "Flexiti notifications for this checkout" },
} as const

/**
 * Worst-case Flexiti calls of one request to each route, charged to the store-wide budget:
 * starting a checkout is a token and an init; a widget result, the interest calculation (and a
 * token); a completion or a notification, up to three reads or an authorization.
 */
export const FLEXITI_CALL_COST = { start: 2, result: 2, financing: 1, complete: 3, webhook: 3 } as const

/**
 * "As low as" and eligibility are answered from a cache most of the time and are counted apart,
 * so that product pages never use up the checkouts' budget: this many times the budget.
 */
const LOOKUPS_PER_BUDGET = 5

export type LimitName = keyof typeof FLEXITI_LIMITS | "flexitiCalls" | "lookups"

export interface LimitCheck {
  limit: LimitName
  /** undefined: this limit does not apply to the request */
  key: string | undefined
  points?: number
}

export type Verdict = { allowed: true } | { allowed: false; retryAfterSeconds: number; message: string }

const BUDGET_MESSAGE = "Flexiti financing is busy for this store right now"

export interface FloodGuard {
  settings: FloodGuardSettings
  shared: boolean
  /** Consumes each applicable check in order; the first one exceeded refuses the request. */
  check(checks: LimitCheck[]): Promise<Verdict>
  close(): Promise<void>
}

export function createFloodGuard(settings: FloodGuardSettings, store: LimiterStore): FloodGuard {
  const scaled = (points: number) => Math.max(1, Math.ceil(points * settings.multiplier))
  const shapes: Record<LimitName, { points: number; duration: number; message: string }> = {
    ...(Object.fromEntries(
      Object.entries(FLEXITI_LIMITS).map(([name, l]) => [name, { points: scaled(l.points), duration: l.duration, message: `Too many ${l.what}` }])
    ) as Record<keyof typeof FLEXITI_LIMITS, { points: number; duration: number; message: string }>),
    flexitiCalls: { points: scaled(settings.flexitiCallsPerMinute), duration: 60, message: BUDGET_MESSAGE },
    lookups: { points: scaled(settings.flexitiCallsPerMinute * LOOKUPS_PER_BUDGET), duration: 60, message: BUDGET_MESSAGE },
  }
  const limiters = new Map<LimitName, RateLimiterAbstract>()
  const limiterOf = (name: LimitName) => {
    let limiter = limiters.get(name)
    if (!limiter) {
      limiter = store.limiter({ keyPrefix: `flexiti-limit:${name}`, points: shapes[name].points, duration: shapes[name].duration })
      limiters.set(name, limiter)
    }
    return limiter
  }

  return {
    settings,
    shared: store.shared,
    async check(checks) {
      for (const { limit, key, points = 1 } of checks) {
        if (key === undefined) continue
        try {
          await limiterOf(limit).consume(key, points)
        } catch (rejection) {
          if (!(rejection instanceof RateLimiterRes)) throw rejection
          const retryAfterSeconds = Math.max(1, Math.ceil(rejection.msBeforeNext / 1000))
          return { allowed: false, retryAfterSeconds, message: `${shapes[limit].message}; try again in ${retryAfterSeconds} seconds.` }
        }
      }
      return { allowed: true }
    },
    close: () => store.close(),
  }
}
