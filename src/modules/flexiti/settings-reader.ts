/**
 * Medusa-free access to the `flexiti` module's tables for the payment provider.
 *
 * The provider lives in the payment module's container and cannot resolve this module; it
 * gets the shared knex connection instead (`container[ContainerRegistrationKeys.PG_CONNECTION]`)
 * and passes it to these functions. Soft-deleted rows (`deleted_at IS NOT NULL`) are ignored.
 * Table and column names come from FLEXITI_SCHEMA, the object the models are built from.
 *
 * Only `generateEntityId` is imported from Medusa (same id style as the models).
 */
import type { Knex } from "@medusajs/framework/mikro-orm/knex"
import { generateEntityId } from "@medusajs/framework/utils"
import { settingsRowToValues } from "./codec"
import {
  FLEXITI_SCHEMA,
  FlexitiCallLogEntry,
  FlexitiCallLogRow,
  FlexitiEnvironmentName,
  FlexitiSettingsValues,
} from "./constants"
import { decryptSecret, loadEncryptionKey } from "./crypto"
import { provincesOfRows } from "./i18n-codec"
import { callLogEntrySchema, environmentSchema, formatZodError } from "./validation"

/** The knex instance registered as `__pg_connection__` in every module container. */
export type FlexitiReaderKnex = Knex
/** Alias of FlexitiReaderKnex. */
export type KnexLike = FlexitiReaderKnex

const S = FLEXITI_SCHEMA.settings
const CR = FLEXITI_SCHEMA.credential
const LOG = FLEXITI_SCHEMA.callLog
const I18N = FLEXITI_SCHEMA.i18n

type Key = Buffer | string | undefined

function keyOrEnv(key: Key): Buffer | string | undefined {
  return key ?? loadEncryptionKey()
}

/** The settings singleton, or the model defaults when the table is empty (nothing is inserted). */
export async function readSettings(
  knex: FlexitiReaderKnex
): Promise<FlexitiSettingsValues & { id: string | null }> {
  const row = await knex(S.table)
    .select("*")
    .whereNull(S.columns.deleted_at)
    .orderBy(S.columns.created_at, "asc")
    .first()
  return { id: row?.[S.columns.id] ?? null, ...settingsRowToValues(row) }
}

/**
 * Province codes Flexiti listed for an environment at its last i18n sync (union of the stored
 * languages), or undefined when that environment was never synced.
 */
export async function readSyncedProvinces(
  knex: FlexitiReaderKnex,
  environment: FlexitiEnvironmentName
): Promise<string[] | undefined> {
  const C = I18N.columns
  const rows = await knex(I18N.table)
    .select(C.provinces)
    .where(C.environment, environment)
    .whereNull(C.deleted_at)
  if (!rows.length) {
    return undefined
  }
  return provincesOfRows(rows)
}

/**
 * Provinces where Flexiti is offered: the allowed ones, narrowed to those Flexiti listed at the
 * last i18n sync of the environment when there was one.
 */
export function eligibleProvinces(allowed: string[], synced: string[] | undefined): string[] {
  return synced ? allowed.filter((p) => synced.includes(p.toUpperCase())) : allowed
}

export interface ReadCredentialsResult {
  client_id: string
  /** decrypted; undefined when no secret is stored */
  client_secret: string | undefined
  pos_base_url: string | null
  online_base_url: string | null
}

/**
 * The credentials of one environment with the client secret decrypted, or undefined when none
 * were saved. `key` defaults to FLEXITI_ENCRYPTION_KEY; a stored secret that cannot be
 * decrypted (missing or wrong key, tampered row) throws a FlexitiCryptoError.
 */
export async function readCredentials(
  knex: FlexitiReaderKnex,
  environment: FlexitiEnvironmentName,
  key?: Buffer | string
): Promise<ReadCredentialsResult | undefined> {
  const env = environmentSchema.parse(environment)
  const C = CR.columns
  const row = await knex(CR.table)
    .select(C.client_id, C.client_secret_encrypted, C.pos_base_url, C.online_base_url)
    .where(C.environment, env)
    .whereNull(C.deleted_at)
    .orderBy(C.created_at, "desc")
    .first()
  if (!row) {
    return undefined
  }
  const encrypted: string | null = row[C.client_secret_encrypted]
  return {
    client_id: row[C.client_id],
    client_secret: encrypted ? decryptSecret(encrypted, keyOrEnv(key)) : undefined,
    pos_base_url: row[C.pos_base_url] ?? null,
    online_base_url: row[C.online_base_url] ?? null,
  }
}

/** Appends one audit row (never put secrets or tokens in it). Returns the stored row. */
export async function appendCallLog(
  knex: FlexitiReaderKnex,
  entry: FlexitiCallLogEntry
): Promise<FlexitiCallLogRow> {
  const parsed = callLogEntrySchema.safeParse(entry)
  if (!parsed.success) {
    throw new Error(`Invalid Flexiti call log entry: ${formatZodError(parsed.error)}`)
  }
  const e = parsed.data
  const C = LOG.columns
  const now = knex.fn.now()
  const [row] = await knex(LOG.table)
    .insert({
      [C.id]: generateEntityId(undefined, LOG.prefix),
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
      [C.created_at]: now,
      [C.updated_at]: now,
    })
    .returning("*")
  return {
    id: row[C.id],
    payment_id: row[C.payment_id],
    payment_session_id: row[C.payment_session_id],
    operation: row[C.operation],
    reference_id: row[C.reference_id],
    outcome: row[C.outcome],
    http_status: row[C.http_status],
    error_code: row[C.error_code],
    amount: row[C.amount],
    flexiti_id: row[C.flexiti_id],
    message: row[C.message],
    created_at: row[C.created_at],
    updated_at: row[C.updated_at],
  }
}
