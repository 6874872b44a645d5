import type { PgConnection } from "../../modules/flexiti/stores/connection"

/**
 * Runs `work` while holding a PostgreSQL advisory lock on `key`, so the captures, refunds and
 * releases of one payment never run at once, on this instance or another one sharing the
 * database. The lock lives in a transaction that only holds it: `work` uses its own connections.
 * Medusa's locking module is not reachable from a payment provider's container; the database is.
 */
export async function withMoneyLock<T>(knex: PgConnection, key: string, work: () => Promise<T>): Promise<T> {
  return knex.transaction(async (trx) => {
    await trx.raw("select pg_advisory_xact_lock(hashtextextended(?, 0))", [`flexiti-money:${key}`])
    return work()
  })
}
