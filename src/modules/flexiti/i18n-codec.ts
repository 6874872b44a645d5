/**
 * Row → value mapping of the i18n tables, shared by the module service and the Medusa-free
 * reader. No Medusa imports.
 */
import { FlexitiI18nLabels, FlexitiI18nSyncRow, FlexitiLabelMap } from "./constants"

type Row = Record<string, unknown>

function labelMap(value: unknown): FlexitiLabelMap {
  let parsed = value
  if (typeof value === "string") {
    try {
      parsed = JSON.parse(value)
    } catch {
      return {}
    }
  }
  if (!parsed || typeof parsed !== "object" || Array.isArray(parsed)) {
    return {}
  }
  const out: FlexitiLabelMap = {}
  for (const [k, v] of Object.entries(parsed as Record<string, unknown>)) {
    if (typeof v === "string") out[k] = v
  }
  return out
}

export function i18nLabelsFromRow(row: Row): FlexitiI18nLabels {
  return {
    plan_ids: labelMap(row.plan_ids),
    provinces: labelMap(row.provinces),
    transaction_types: labelMap(row.transaction_types),
    disclosures: labelMap(row.disclosures),
  }
}

export function syncRowToDTO(row: Row): FlexitiI18nSyncRow {
  let counts = row.counts as FlexitiI18nSyncRow["counts"] | string | null | undefined
  if (typeof counts === "string") {
    try {
      counts = JSON.parse(counts)
    } catch {
      counts = null
    }
  }
  return {
    id: row.id as string,
    environment: row.environment as FlexitiI18nSyncRow["environment"],
    outcome: row.outcome as FlexitiI18nSyncRow["outcome"],
    synced_at: row.synced_at instanceof Date ? row.synced_at : new Date(row.synced_at as string),
    counts: (counts as FlexitiI18nSyncRow["counts"]) ?? null,
    reference_id: (row.reference_id as string | null) ?? null,
    error_code: (row.error_code as string | null) ?? null,
    message: (row.message as string | null) ?? null,
  }
}

/** Province codes listed in a set of synced i18n rows (every language), upper-cased and sorted. */
export function provincesOfRows(rows: Row[]): string[] {
  const codes = new Set<string>()
  for (const row of rows) {
    Object.keys(i18nLabelsFromRow(row).provinces).forEach((c) => codes.add(c.toUpperCase()))
  }
  return [...codes].sort()
}
