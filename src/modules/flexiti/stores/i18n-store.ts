/**
 * The one door to `flexiti_i18n` (Flexiti's labels of one environment in one language) and
 * `flexiti_i18n_sync` (one row per sync attempt; the newest is "the last sync").
 */
import type { FlexitiEnvironmentName, FlexitiLang } from "../../../lib/vocabulary"
import { FLEXITI_SCHEMA } from "../schema"
import type { FlexitiI18nCounts, FlexitiI18nLabels, FlexitiI18nSyncRow, FlexitiLabelMap } from "../types"
import { isUniqueViolation, jsonColumn, newId, parseJson, PgConnection, Row, toDate } from "./connection"

const I18N = FLEXITI_SCHEMA.i18n
const L = I18N.columns
const SYNC = FLEXITI_SCHEMA.i18nSync
const S = SYNC.columns

function labelMap(value: unknown): FlexitiLabelMap {
  const parsed = parseJson<unknown>(value)
  if (!parsed || typeof parsed !== "object" || Array.isArray(parsed)) return {}
  const out: FlexitiLabelMap = {}
  for (const [code, label] of Object.entries(parsed as Record<string, unknown>)) {
    if (typeof label === "string") out[code] = label
  }
  return out
}

export interface StoredLabels extends FlexitiI18nLabels {
  lang: FlexitiLang
  synced_at: Date
}

function toLabels(row: Row): StoredLabels {
  return {
    lang: row[L.lang],
    plan_ids: labelMap(row[L.plan_ids]),
    provinces: labelMap(row[L.provinces]),
    transaction_types: labelMap(row[L.transaction_types]),
    disclosures: labelMap(row[L.disclosures]),
    synced_at: toDate(row[L.synced_at]),
  }
}

function toSync(row: Row): FlexitiI18nSyncRow {
  return {
    id: row[S.id],
    environment: row[S.environment],
    outcome: row[S.outcome],
    synced_at: toDate(row[S.synced_at]),
    counts: parseJson<FlexitiI18nSyncRow["counts"]>(row[S.counts]),
    reference_id: row[S.reference_id] ?? null,
    error_code: row[S.error_code] ?? null,
    message: row[S.message] ?? null,
  }
}

/** The stored labels of an environment, one entry per language. */
export async function readLabels(knex: PgConnection, environment: FlexitiEnvironmentName): Promise<StoredLabels[]> {
  const rows = await knex(I18N.table).select("*").where(L.environment, environment).whereNull(L.deleted_at)
  return rows.map(toLabels)
}

/**
 * Replaces the labels of one environment and language as a whole (a province or plan Flexiti
 * no longer lists must disappear, so nothing is merged).
 */
export async function replaceLabels(
  knex: PgConnection,
  args: { environment: FlexitiEnvironmentName; lang: FlexitiLang; labels: FlexitiI18nLabels; synced_at: Date }
): Promise<FlexitiI18nCounts> {
  const columns = {
    [L.plan_ids]: jsonColumn(args.labels.plan_ids ?? {}),
    [L.provinces]: jsonColumn(args.labels.provinces ?? {}),
    [L.transaction_types]: jsonColumn(args.labels.transaction_types ?? {}),
    [L.disclosures]: jsonColumn(args.labels.disclosures ?? {}),
    [L.synced_at]: args.synced_at,
  }
  const update = () =>
    knex(I18N.table)
      .update({ ...columns, [L.updated_at]: knex.fn.now() })
      .where({ [L.environment]: args.environment, [L.lang]: args.lang })
      .whereNull(L.deleted_at)
  if (!(await update())) {
    try {
      await knex(I18N.table).insert({ [L.id]: newId(I18N.prefix), [L.environment]: args.environment, [L.lang]: args.lang, ...columns })
    } catch (error) {
      // a concurrent sync stored this language first: ours is as fresh, so it replaces it
      if (!isUniqueViolation(error)) throw error
      await update()
    }
  }
  return {
    plan_ids: Object.keys(args.labels.plan_ids ?? {}).length,
    provinces: Object.keys(args.labels.provinces ?? {}).length,
    transaction_types: Object.keys(args.labels.transaction_types ?? {}).length,
    disclosures: Object.keys(args.labels.disclosures ?? {}).length,
  }
}

/** Appends one sync attempt (a failure keeps the labels of the last successful sync). */
export async function appendSync(knex: PgConnection, entry: Omit<FlexitiI18nSyncRow, "id">): Promise<FlexitiI18nSyncRow> {
  const [row] = await knex(SYNC.table)
    .insert({
      [S.id]: newId(SYNC.prefix),
      [S.environment]: entry.environment,
      [S.outcome]: entry.outcome,
      [S.synced_at]: entry.synced_at,
      [S.counts]: jsonColumn(entry.counts),
      [S.reference_id]: entry.reference_id,
      [S.error_code]: entry.error_code ? entry.error_code.slice(0, 200) : null,
      [S.message]: entry.message ? entry.message.slice(0, 2000) : null,
    })
    .returning("*")
  return toSync(row)
}

/** The newest sync attempt of an environment (of one outcome when given), or null. */
export async function lastSync(
  knex: PgConnection,
  environment: FlexitiEnvironmentName,
  outcome?: FlexitiI18nSyncRow["outcome"]
): Promise<FlexitiI18nSyncRow | null> {
  const query = knex(SYNC.table).select("*").where(S.environment, environment).whereNull(S.deleted_at)
  if (outcome) query.where(S.outcome, outcome)
  const row = await query.orderBy(S.synced_at, "desc").orderBy(S.created_at, "desc").orderBy(S.id, "desc").first()
  return row ? toSync(row) : null
}

/**
 * Province codes Flexiti listed for an environment at its last sync (every stored language),
 * upper-cased and sorted; undefined when the environment was never synced.
 */
export async function readSyncedProvinces(knex: PgConnection, environment: FlexitiEnvironmentName): Promise<string[] | undefined> {
  const labels = await readLabels(knex, environment)
  if (!labels.length) return undefined
  const codes = new Set<string>()
  for (const { provinces } of labels) Object.keys(provinces).forEach((code) => codes.add(code.toUpperCase()))
  return [...codes].sort()
}
