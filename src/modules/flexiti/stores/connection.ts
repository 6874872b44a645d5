/**
 * What every store of the module shares: the connection type, row helpers and id generation.
 *
 * The stores are the only code that reads or writes the plugin's tables. They work on the knex
 * connection Medusa registers as `__pg_connection__` in every module container, so the module
 * service, the payment provider (which lives in the payment module's container and cannot
 * resolve this module) and the routes and workflows all go through the same functions.
 * Soft-deleted rows (`deleted_at IS NOT NULL`) are never read.
 */
import type { Knex } from "@medusajs/framework/mikro-orm/knex"
import { generateEntityId } from "@medusajs/framework/utils"

/** The knex instance registered as `__pg_connection__` in every Medusa container. */
export type PgConnection = Knex

// A row as the database driver returns it: each store states its columns' types where it reads them.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type Row = Record<string, any>

/** A new row id in the style of Medusa's models (`<prefix>_<ulid>`). */
export function newId(prefix: string): string {
  return generateEntityId(undefined, prefix)
}

export function toDate(value: unknown): Date {
  return value instanceof Date ? value : new Date(value as string)
}

/** A jsonb column's value: node-postgres returns objects, older rows or drivers may give text. */
export function parseJson<T>(value: unknown): T | null {
  if (value === null || value === undefined) return null
  if (typeof value === "string") {
    try {
      return JSON.parse(value) as T
    } catch {
      return null
    }
  }
  return value as T
}

/** A value for a jsonb column: serialised explicitly, since node-postgres turns a JS array into a PG array. */
export function jsonColumn(value: unknown): string | null {
  return value === null || value === undefined ? null : JSON.stringify(value)
}

/** PostgreSQL's unique_violation: a concurrent writer inserted the same key first. */
export function isUniqueViolation(error: unknown): boolean {
  return (error as { code?: string } | undefined)?.code === "23505"
}
