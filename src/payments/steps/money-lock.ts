import { randomUUID } from "node:crypto"
import { giveBackLease, renewLease, tryTakeLease } from "../../modules/flexiti/stores/lock-store"
import type { PgConnection } from "../../modules/flexiti/stores/connection"

/** A lease outlives any one Flexiti call (they time out sooner) and is renewed while work runs. */
const LEASE_MS = 60_000
const RENEW_EVERY_MS = 15_000
/** How long a caller waits for a busy session before giving up (its caller may retry). */
const WAIT_LIMIT_MS = 120_000
const FIRST_PAUSE_MS = 10
const LONGEST_PAUSE_MS = 250

export class MoneyLockBusyError extends Error {
  constructor(key: string) {
    super(`Flexiti: another payment step of ${key} is still running; try again in a moment.`)
    this.name = "MoneyLockBusyError"
  }
}

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

/**
 * Runs `work` while holding the money lock of `key` (a payment session), so the authorizations,
 * captures, refunds and releases of one payment never run at once, on this instance or another
 * one sharing the database. The lock is a lease row, not a transaction: neither the holder nor a
 * waiter keeps a pooled connection while Flexiti answers, so any number of concurrent checkouts
 * cannot exhaust Medusa's pool (a pool of 10 serves 50 auto-capture completions at once).
 * Medusa's locking module is not reachable from a payment provider's container; the database is.
 */
export async function withMoneyLock<T>(knex: PgConnection, key: string, work: () => Promise<T>): Promise<T> {
  const lockKey = `flexiti-money:${key}`
  const holder = randomUUID()
  const giveUpAt = Date.now() + WAIT_LIMIT_MS
  let wait = FIRST_PAUSE_MS
  while (!(await tryTakeLease(knex, lockKey, holder, LEASE_MS))) {
    if (Date.now() >= giveUpAt) throw new MoneyLockBusyError(key)
    await pause(wait + Math.random() * wait)
    wait = Math.min(wait * 2, LONGEST_PAUSE_MS)
  }
  const renewal = setInterval(() => void renewLease(knex, lockKey, holder, LEASE_MS).catch(() => undefined), RENEW_EVERY_MS)
  renewal.unref?.()
  try {
    return await work()
  } finally {
    clearInterval(renewal)
    await giveBackLease(knex, lockKey, holder).catch(() => undefined)
  }
}
