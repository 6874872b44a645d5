import { createHash } from "node:crypto"
import type { Logger } from "@medusajs/framework/types"
import { ContainerRegistrationKeys, Modules } from "@medusajs/framework/utils"
import { HeldToken, SharedTokenStore, sharedTokenCache } from "../../flexiti/token-manager"
import { decryptJson, encryptJson } from "./crypto"
import type { PgConnection } from "./stores/connection"

/** The part of Medusa's caching module (ICachingModuleService) the store uses. */
interface CachingLike {
  get(options: { key: string }): Promise<unknown>
  set(options: { key: string; data: object; ttl?: number; tags?: string[] }): Promise<unknown>
}

type Cradle = Record<string, unknown>

/**
 * A module container's dependency, or undefined. Every module container (the payment module's,
 * whose cradle a payment provider gets) registers the caching module and the pg connection as
 * dependencies; the caching module resolves to undefined when the store did not configure it.
 */
function dependency<T>(cradle: Cradle, key: string): T | undefined {
  try {
    return (cradle[key] as T | null) ?? undefined
  } catch {
    return undefined
  }
}

const TAG = "flexiti-merchant-token"
const cacheKey = (key: string) => `flexiti:merchant-token:${createHash("sha256").update(key).digest("hex").slice(0, 32)}`

/**
 * Merchant tokens in Medusa's caching module, encrypted with FLEXITI_ENCRYPTION_KEY (a token is
 * as good as the client secret while it lives), expiring with the token. Renewals are serialised
 * across instances by a PostgreSQL advisory lock: Medusa's locking module is not among a module
 * container's dependencies, the shared database is (README, "Running on several instances").
 */
export function medusaMerchantTokenStore(cradle: Cradle, logger?: Logger): SharedTokenStore {
  let warned = false
  const warnOnce = (what: string, error: unknown) => {
    if (warned) return
    warned = true
    logger?.warn(`Flexiti: could not ${what} the shared merchant token (each instance then asks Flexiti for its own): ${(error as Error).message}`)
  }
  const caching = () => dependency<CachingLike>(cradle, Modules.CACHING)
  return {
    async read(key) {
      const cache = caching()
      if (!cache) return undefined
      try {
        const found = (await cache.get({ key: cacheKey(key) })) as { token?: unknown } | null
        return typeof found?.token === "string" ? decryptJson<HeldToken>(found.token) : undefined
      } catch (error) {
        warnOnce("read", error)
        return undefined
      }
    },
    async write(key, token) {
      const cache = caching()
      if (!cache) return
      const ttl = Math.floor((token.expiresAt - Date.now()) / 1000)
      if (ttl <= 0) return
      try {
        await cache.set({ key: cacheKey(key), data: { token: encryptJson(token) }, ttl, tags: [TAG] })
      } catch (error) {
        warnOnce("store", error)
      }
    },
    async exclusive(key, work) {
      const knex = dependency<PgConnection>(cradle, ContainerRegistrationKeys.PG_CONNECTION)
      // Without a shared cache there is nothing to wait for: another instance's token stays its own.
      if (!caching() || !knex) return work()
      let started = false
      try {
        return await knex.transaction(async (trx) => {
          // A renewal is one token request; never wait on a stuck one for longer than this.
          await trx.raw("set local lock_timeout = '20s'")
          await trx.raw("select pg_advisory_xact_lock(hashtextextended(?, 0))", [`flexiti-token:${cacheKey(key)}`])
          started = true
          return work()
        })
      } catch (error) {
        if (started) throw error
        warnOnce("lock the renewal of", error)
        return work()
      }
    },
  }
}

/** Shares this process's merchant tokens through the store's caching module (idempotent). */
export function shareMerchantTokens(cradle: Cradle, logger?: Logger): void {
  sharedTokenCache.shareThrough(medusaMerchantTokenStore(cradle, logger))
}
