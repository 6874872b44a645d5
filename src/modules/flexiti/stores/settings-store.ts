/**
 * The one door to `flexiti_settings`: the store's single settings row. Reading never inserts
 * (an empty table means the defaults); the first update creates the row with a fixed id, so
 * concurrent first writes meet on the primary key instead of making two rows.
 */
import { FLEXITI_SCHEMA, FLEXITI_SETTINGS_DEFAULTS, FLEXITI_SETTINGS_SINGLETON_ID } from "../schema"
import type { FlexitiSettingsValues } from "../types"
import { jsonColumn, parseJson, PgConnection, Row, toDate } from "./connection"

const S = FLEXITI_SCHEMA.settings
const C = S.columns

export interface StoredSettings extends FlexitiSettingsValues {
  id: string
  created_at: Date | null
  updated_at: Date | null
}

function stringList(value: unknown, fallback: string[]): string[] {
  const parsed = parseJson<unknown>(value)
  return Array.isArray(parsed) ? parsed.filter((v): v is string => typeof v === "string") : [...fallback]
}

/** A settings row → values, the defaults filling what the row lacks. */
function toSettings(row: Row | undefined): StoredSettings {
  const D = FLEXITI_SETTINGS_DEFAULTS
  return {
    id: row?.[C.id] ?? FLEXITI_SETTINGS_SINGLETON_ID,
    active_environment: row?.[C.active_environment] ?? D.active_environment,
    flow: row?.[C.flow] ?? D.flow,
    auto_capture: typeof row?.[C.auto_capture] === "boolean" ? row[C.auto_capture] : D.auto_capture,
    default_lang: row?.[C.default_lang] ?? D.default_lang,
    min_amount: typeof row?.[C.min_amount] === "string" ? row[C.min_amount] : D.min_amount,
    max_amount: typeof row?.[C.max_amount] === "string" ? row[C.max_amount] : D.max_amount,
    allowed_provinces: stringList(row?.[C.allowed_provinces], D.allowed_provinces),
    storefront_origins: stringList(row?.[C.storefront_origins], D.storefront_origins),
    created_at: row ? toDate(row[C.created_at]) : null,
    updated_at: row ? toDate(row[C.updated_at]) : null,
  }
}

/** The settings in the table, or the defaults when none were saved. */
export async function readSettings(knex: PgConnection): Promise<StoredSettings> {
  const row = await knex(S.table).select("*").whereNull(C.deleted_at).orderBy(C.created_at, "asc").first()
  return toSettings(row)
}

/** Saves the given settings (validated by the caller) and returns them all. */
export async function writeSettings(knex: PgConnection, values: Partial<FlexitiSettingsValues>): Promise<StoredSettings> {
  const columns: Row = {}
  for (const [name, value] of Object.entries(values)) {
    if (value === undefined) continue
    columns[C[name as keyof FlexitiSettingsValues]] = Array.isArray(value) ? jsonColumn(value) : value
  }
  const current = await knex(S.table).select(C.id).whereNull(C.deleted_at).orderBy(C.created_at, "asc").first()
  if (current) {
    const [row] = await knex(S.table)
      .update({ ...columns, [C.updated_at]: knex.fn.now() })
      .where(C.id, current[C.id])
      .returning("*")
    return toSettings(row)
  }
  // First save: the fixed id makes a concurrent first save (or a soft-deleted row) merge into one row.
  const [row] = await knex(S.table)
    .insert({ [C.id]: FLEXITI_SETTINGS_SINGLETON_ID, ...columns })
    .onConflict(C.id)
    .merge({ ...columns, [C.deleted_at]: null, [C.updated_at]: knex.fn.now() })
    .returning("*")
  return toSettings(row)
}
