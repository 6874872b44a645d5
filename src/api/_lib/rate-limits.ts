import type { MedusaNextFunction, MedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import type { Logger, MedusaContainer } from "@medusajs/framework/types"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import { floodGuardSettingsOf, medusaRedisOf } from "../../config/flood-guard"
import { checkoutOfSession, recordsOf } from "../../payments"
import { createFloodGuard, FLEXITI_CALL_COST, FloodGuard, LimitCheck } from "./flood-guard"
import { memoryLimiterStore, redisLimiterStore } from "./limiter-store"

/**
 * Limits on the public routes that reach Flexiti, so that a bot holding the storefront's
 * publishable key cannot flood Flexiti in the merchant's name (README, "Security and money
 * safety"). Each shopper's own things are counted (cart, payment session, customer account), and
 * the store as a whole spends a budget of Flexiti calls a minute; client addresses count only
 * when `limit_by_client_address` says they are the shoppers' own. Counters are shared through
 * the Redis of Medusa's modules when the store has one, else kept in each process.
 */
let guard: FloodGuard | undefined

function floodGuardOf(container: MedusaContainer): FloodGuard {
  if (!guard) {
    const logger = safeResolve<Logger>(container, ContainerRegistrationKeys.LOGGER)
    const redis = medusaRedisOf(container)
    const store = (redis && redisLimiterStore(redis.url, redis.prefix, logger)) || memoryLimiterStore()
    guard = createFloodGuard(floodGuardSettingsOf(container), store)
  }
  return guard
}

function safeResolve<T>(container: MedusaContainer, key: string): T | undefined {
  try {
    return container.resolve(key) as T
  } catch {
    return undefined
  }
}

async function guarded(req: MedusaRequest, res: MedusaResponse, next: MedusaNextFunction, checks: (guard: FloodGuard) => LimitCheck[]) {
  const flood = floodGuardOf(req.scope)
  const verdict = await flood.check(checks(flood))
  if (verdict.allowed) return next()
  res.setHeader("Retry-After", String(verdict.retryAfterSeconds))
  res.status(429).json({ type: "too_many_requests", message: verdict.message })
}

type Middleware = (req: MedusaRequest, res: MedusaResponse, next: MedusaNextFunction) => Promise<void>

/** An error while counting goes to Medusa's error handler instead of leaving the request hanging. */
const middleware =
  (handler: Middleware): Middleware =>
  (req, res, next) =>
    handler(req, res, next).catch(next)

const idOrUndefined = (value: unknown) => (typeof value === "string" && value.length > 0 && value.length <= 100 ? value : undefined)
const bodyField = (req: MedusaRequest, field: string) => idOrUndefined((req.body as Record<string, unknown> | undefined)?.[field])

/** The signed-in customer (Medusa's authenticate middleware ran with allowUnauthenticated). */
function customerOf(req: MedusaRequest): string | undefined {
  const auth = (req as MedusaRequest & { auth_context?: { actor_type?: string; actor_id?: string } }).auth_context
  return auth?.actor_type === "customer" ? idOrUndefined(auth.actor_id) : undefined
}

/** The client address, only when the store declared it to be the shopper's own. */
const addressOf = (req: MedusaRequest, flood: FloodGuard) =>
  flood.settings.limitByClientAddress ? (req.ip ?? req.socket?.remoteAddress ?? "unknown") : undefined

const budget = (points: number): LimitCheck => ({ limit: "flexitiCalls", key: "store", points })

export const limitFlexitiSessionStarts = middleware(async (req, res, next) => {
  return guarded(req, res, next, (flood) => [
    { limit: "startsPerCart", key: bodyField(req, "cart_id") },
    { limit: "startsPerCustomer", key: customerOf(req) },
    { limit: "startsPerAddress", key: addressOf(req, flood) },
    budget(FLEXITI_CALL_COST.start),
  ])
})

/** Medusa's own session route reaches Flexiti too when it names the Flexiti provider. */
export const limitFlexitiSessionsOnMedusaRoute = middleware(async (req, res, next) => {
  const providerId = bodyField(req, "provider_id")
  if (!providerId?.startsWith("pp_flexiti")) return next()
  return guarded(req, res, next, (flood) => [
    { limit: "startsPerCart", key: `collection:${req.params.id}` },
    { limit: "startsPerCustomer", key: customerOf(req) },
    { limit: "startsPerAddress", key: addressOf(req, flood) },
    budget(FLEXITI_CALL_COST.start),
  ])
})

export const limitFlexitiResults = middleware(async (req, res, next) => {
  return guarded(req, res, next, (flood) => [
    { limit: "resultsPerSession", key: idOrUndefined(req.params.id) },
    { limit: "resultsPerAddress", key: addressOf(req, flood) },
    budget(FLEXITI_CALL_COST.result),
  ])
})

export const limitFlexitiFinancing = middleware(async (req, res, next) => {
  return guarded(req, res, next, (flood) => [
    { limit: "financingPerSession", key: idOrUndefined(req.params.id) },
    { limit: "financingPerAddress", key: addressOf(req, flood) },
    budget(FLEXITI_CALL_COST.financing),
  ])
})

export const limitFlexitiLookups = middleware(async (req, res, next) => {
  return guarded(req, res, next, (flood) => [
    { limit: "lookupsPerAddress", key: addressOf(req, flood) },
    { limit: "lookups", key: "store" },
  ])
})

/** True when the cart's payment collection has a Flexiti session (its completion reaches Flexiti). */
async function isFlexitiCart(container: MedusaContainer, cartId: string): Promise<boolean> {
  const query = container.resolve(ContainerRegistrationKeys.QUERY)
  const { data } = await query.graph({
    entity: "cart",
    fields: ["id", "payment_collection.payment_sessions.provider_id"],
    filters: { id: cartId },
  })
  const sessions = (data[0]?.payment_collection?.payment_sessions ?? []) as ({ provider_id?: string } | null)[]
  return sessions.some((s) => s?.provider_id?.startsWith("pp_flexiti"))
}

/** `POST /store/carts/:id/complete`: a Flexiti cart's completion reads Flexiti or authorizes there. */
export const limitFlexitiCompletes = middleware(async (req, res, next) => {
  const cartId = idOrUndefined(req.params.id)
  if (!cartId || !(await isFlexitiCart(req.scope, cartId))) return next()
  return guarded(req, res, next, () => [{ limit: "completesPerCart", key: cartId }, budget(FLEXITI_CALL_COST.complete)])
})

/**
 * `POST /hooks/payment/flexiti_flexiti` is unauthenticated and, for a hosted checkout, makes the
 * provider read Flexiti: limited per checkout. Any other body makes no Flexiti call.
 */
export const limitFlexitiWebhooks = middleware(async (req, res, next) => {
  if (req.params.provider !== "flexiti_flexiti") return next()
  const checkout = await checkoutOfSession(recordsOf(req.scope).checkouts, bodyField(req, "session_id"))
  if (checkout?.flow !== "hosted") return next()
  return guarded(req, res, next, () => [{ limit: "webhooksPerSession", key: checkout.payment_session_id }, budget(FLEXITI_CALL_COST.webhook)])
})
