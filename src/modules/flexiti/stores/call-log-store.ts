/**
 * The one door to `flexiti_call_log`: one row per Flexiti call the plugin made, for people (the
 * order panel, the admin's call log). No decision about money reads it.
 */
import { FLEXITI_SCHEMA } from "../schema"
import type { FlexitiCallLogEntry, FlexitiCallLogRow } from "../types"
import { callLogEntrySchema, callLogFilterSchema, formatZodError } from "../validation"
import { newId, PgConnection, Row, toDate } from "./connection"

const LOG = FLEXITI_SCHEMA.callLog
const C = LOG.columns

function toCallLogRow(row: Row): FlexitiCallLogRow {
  return {
    id: row[C.id],
    payment_id: row[C.payment_id] ?? null,
    payment_session_id: row[C.payment_session_id] ?? null,
    operation: row[C.operation],
    reference_id: row[C.reference_id],
    outcome: row[C.outcome],
    http_status: row[C.http_status] ?? null,
    error_code: row[C.error_code] ?? null,
    amount: row[C.amount] ?? null,
    flexiti_id: row[C.flexiti_id] ?? null,
    message: row[C.message] ?? null,
    created_at: toDate(row[C.created_at]),
    updated_at: toDate(row[C.updated_at]),
  }
}

/** Appends one audit row (never put secrets or tokens in it). Returns the stored row. */
export async function appendCallLog(knex: PgConnection, entry: FlexitiCallLogEntry): Promise<FlexitiCallLogRow> {
  const parsed = callLogEntrySchema.safeParse(entry)
  if (!parsed.success) {
    throw new Error(`Invalid Flexiti call log entry: ${formatZodError(parsed.error)}`)
  }
  const e = parsed.data
  const [row] = await knex(LOG.table)
    .insert({
      [C.id]: newId(LOG.prefix),
      [C.payment_id]: e.payment_id ?? null,
      [C.payment_session_id]: e.payment_session_id ?? null,
      [C.operation]: e.operation,
      [C.reference_id]: e.reference_id,
      [C.outcome]: e.outcome,
      [C.http_status]: e.http_status ?? null,
      [C.error_code]: e.error_code ?? null,
      [C.amount]: e.amount ?? null,
      [C.flexiti_id]: e.flexiti_id ?? null,
      [C.message]: e.message ?? null,
    })
    .returning("*")
  return toCallLogRow(row)
}

/** Audit rows of a payment or a payment session (or both), oldest first. */
export async function listCallLog(knex: PgConnection, filter: { payment_id?: string; payment_session_id?: string }): Promise<FlexitiCallLogRow[]> {
  const parsed = callLogFilterSchema.safeParse(filter)
  if (!parsed.success) {
    throw new Error(`Invalid Flexiti call log filter: ${formatZodError(parsed.error)}`)
  }
  const query = knex(LOG.table).select("*").whereNull(C.deleted_at)
  if (parsed.data.payment_id) query.where(C.payment_id, parsed.data.payment_id)
  if (parsed.data.payment_session_id) query.where(C.payment_session_id, parsed.data.payment_session_id)
  const rows = await query.orderBy(C.created_at, "asc").orderBy(C.id, "asc")
  return rows.map(toCallLogRow)
}

/**
 * The admin's "Test connection" rows (operation `token_test`), one environment's, newest first
 * when `latest`. Their message names the environment first ("production: …"): that is how the
 * call log, which has no environment column, tells the environments' tests apart.
 */
export const CONNECTION_TEST_OPERATION = "token_test"

export function connectionTestMessage(environment: string, text: string): string {
  return `${environment}: ${text}`
}

export async function latestConnectionTest(knex: PgConnection, environment: string): Promise<FlexitiCallLogRow | undefined> {
  const row = await knex(LOG.table)
    .select("*")
    .whereNull(C.deleted_at)
    .where(C.operation, CONNECTION_TEST_OPERATION)
    .where(C.message, "like", `${environment}: %`)
    .orderBy(C.created_at, "desc")
    .orderBy(C.id, "desc")
    .first()
  return row ? toCallLogRow(row) : undefined
}
