import type { MedusaNextFunction, MedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { RateLimiterMemory, RateLimiterRes } from "rate-limiter-flexible"

/**
 * Limits on the public routes that reach Flexiti, so that a bot holding the storefront's
 * publishable key cannot flood Flexiti in the merchant's name (Flexiti blocks a merchant that
 * sends too much: HTTP 465–467). Counted per client address and, where a cart is named, per cart.
 * Counters live in each server process. FLEXITI_RATE_LIMIT_MULTIPLIER (default 1) scales every
 * limit, e.g. for a load test from one address; behind a proxy, set Express's "trust proxy" so
 * each shopper's own address is counted.
 */
export const FLEXITI_RATE_LIMITS = {
  /** starting a Flexiti checkout (each one is a widget/init or systems/init at Flexiti) */
  sessionPerCart: { points: 10, duration: 10 * 60 },
  sessionPerAddress: { points: 60, duration: 10 * 60 },
  /** recording a widget result */
  resultPerAddress: { points: 60, duration: 10 * 60 },
  /** listing and choosing the financing (a listing reaches Flexiti only when no offer is stored yet) */
  financingPerAddress: { points: 120, duration: 10 * 60 },
  /** "as low as" and eligibility, answered from cache most of the time */
  lookupPerAddress: { points: 120, duration: 60 },
} as const

type LimitName = keyof typeof FLEXITI_RATE_LIMITS
let limiters: Record<LimitName, RateLimiterMemory> | undefined

function limiter(name: LimitName): RateLimiterMemory {
  if (!limiters) {
    const raw = Number(process.env.FLEXITI_RATE_LIMIT_MULTIPLIER ?? 1)
    const multiplier = Number.isFinite(raw) && raw > 0 ? raw : 1
    limiters = Object.fromEntries(
      Object.entries(FLEXITI_RATE_LIMITS).map(([key, limit]) => [
        key,
        new RateLimiterMemory({ keyPrefix: `flexiti-${key}`, points: Math.ceil(limit.points * multiplier), duration: limit.duration }),
      ])
    ) as Record<LimitName, RateLimiterMemory>
  }
  return limiters[name]
}

function clientAddress(req: MedusaRequest): string {
  return req.ip ?? req.socket?.remoteAddress ?? "unknown"
}

/** Consumes one point per key; the first limit exceeded answers 429 with Retry-After. */
async function consume(res: MedusaResponse, checks: [LimitName, string | undefined][], what: string): Promise<boolean> {
  for (const [name, key] of checks) {
    if (!key) continue
    try {
      await limiter(name).consume(key)
    } catch (rejection) {
      if (!(rejection instanceof RateLimiterRes)) throw rejection
      const seconds = Math.max(1, Math.ceil(rejection.msBeforeNext / 1000))
      res.setHeader("Retry-After", String(seconds))
      res.status(429).json({ type: "too_many_requests", message: `Too many ${what}; try again in ${seconds} seconds.` })
      return false
    }
  }
  return true
}

const cartOf = (req: MedusaRequest) => {
  const cartId = (req.body as { cart_id?: unknown } | undefined)?.cart_id
  return typeof cartId === "string" && cartId.length <= 100 ? cartId : undefined
}

export async function limitFlexitiSessionStarts(req: MedusaRequest, res: MedusaResponse, next: MedusaNextFunction) {
  const ok = await consume(
    res,
    [
      ["sessionPerCart", cartOf(req)],
      ["sessionPerAddress", clientAddress(req)],
    ],
    "Flexiti checkouts started"
  )
  if (ok) next()
}

/** Medusa's own session route reaches Flexiti too when it names the Flexiti provider. */
export async function limitFlexitiSessionsOnMedusaRoute(req: MedusaRequest, res: MedusaResponse, next: MedusaNextFunction) {
  const providerId = (req.body as { provider_id?: unknown } | undefined)?.provider_id
  if (typeof providerId !== "string" || !providerId.startsWith("pp_flexiti")) return next()
  const ok = await consume(
    res,
    [
      ["sessionPerCart", `collection:${req.params.id}`],
      ["sessionPerAddress", clientAddress(req)],
    ],
    "Flexiti checkouts started"
  )
  if (ok) next()
}

export async function limitFlexitiResults(req: MedusaRequest, res: MedusaResponse, next: MedusaNextFunction) {
  if (await consume(res, [["resultPerAddress", clientAddress(req)]], "Flexiti results sent")) next()
}

export async function limitFlexitiFinancing(req: MedusaRequest, res: MedusaResponse, next: MedusaNextFunction) {
  if (await consume(res, [["financingPerAddress", clientAddress(req)]], "Flexiti financing requests")) next()
}

export async function limitFlexitiLookups(req: MedusaRequest, res: MedusaResponse, next: MedusaNextFunction) {
  if (await consume(res, [["lookupPerAddress", clientAddress(req)]], "Flexiti financing look-ups")) next()
}
