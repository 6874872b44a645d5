/**
 * The one door to `flexiti_money_lock`: leases on a key. Taking, renewing and giving back a lease
 * are single statements, so no connection is held between them.
 */
import { FLEXITI_SCHEMA } from "../schema"
import type { PgConnection } from "./connection"

const L = FLEXITI_SCHEMA.moneyLock
const C = L.columns

/**
 * Takes the lease on `key` for `holder` when nobody holds it or the last holder's lease ran out.
 * True when `holder` now holds it.
 */
export async function tryTakeLease(knex: PgConnection, key: string, holder: string, leaseMs: number): Promise<boolean> {
  const result = await knex.raw(
    `insert into ?? (??, ??, ??, ??, ??) values (?, ?, now() + (? * interval '1 millisecond'), now(), now())
     on conflict (??) do update set ?? = excluded.??, ?? = excluded.??, ?? = now(), ?? = null
       where ??.?? < now() or ??.?? is not null
     returning ??`,
    [
      L.table,
      C.id,
      C.holder,
      C.expires_at,
      C.created_at,
      C.updated_at,
      key,
      holder,
      leaseMs,
      C.id,
      C.holder,
      C.holder,
      C.expires_at,
      C.expires_at,
      C.updated_at,
      C.deleted_at,
      L.table,
      C.expires_at,
      L.table,
      C.deleted_at,
      C.holder,
    ]
  )
  return result.rows?.[0]?.[C.holder] === holder
}

/** Extends `holder`'s lease on `key`; false when the lease was lost (it ran out and was taken). */
export async function renewLease(knex: PgConnection, key: string, holder: string, leaseMs: number): Promise<boolean> {
  const updated = await knex(L.table)
    .where({ [C.id]: key, [C.holder]: holder })
    .update({ [C.expires_at]: knex.raw("now() + (? * interval '1 millisecond')", [leaseMs]), [C.updated_at]: knex.fn.now() })
  return Number(updated) === 1
}

/** Gives the lease back (only `holder`'s own). */
export async function giveBackLease(knex: PgConnection, key: string, holder: string): Promise<void> {
  await knex(L.table)
    .where({ [C.id]: key, [C.holder]: holder })
    .delete()
}
