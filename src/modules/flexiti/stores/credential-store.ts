/**
 * The one door to `flexiti_credential`: one row per Flexiti environment, the client secret
 * encrypted with FLEXITI_ENCRYPTION_KEY. Only `readCredentials` decrypts, for server-side use.
 */
import { FLEXITI_SCHEMA } from "../schema"
import type { FlexitiEnvironmentName } from "../../../lib/vocabulary"
import { decryptSecret, loadEncryptionKey } from "../crypto"
import { environmentSchema } from "../validation"
import { isUniqueViolation, newId, PgConnection, Row, toDate } from "./connection"

const CR = FLEXITI_SCHEMA.credential
const C = CR.columns

/** A stored row as it is: the secret still encrypted. */
export interface StoredCredential {
  id: string
  environment: FlexitiEnvironmentName
  client_id: string
  client_secret_encrypted: string | null
  secret_set_at: Date | null
  pos_base_url: string | null
  online_base_url: string | null
}

export interface DecryptedCredentials {
  client_id: string
  /** undefined when no secret is stored */
  client_secret: string | undefined
  pos_base_url: string | null
  online_base_url: string | null
}

/** The columns a save may change; undefined keeps the stored value, null clears. */
export type CredentialChanges = Partial<Omit<StoredCredential, "id" | "environment">>

function toStored(row: Row): StoredCredential {
  return {
    id: row[C.id],
    environment: row[C.environment],
    client_id: row[C.client_id],
    client_secret_encrypted: row[C.client_secret_encrypted] ?? null,
    secret_set_at: row[C.secret_set_at] ? toDate(row[C.secret_set_at]) : null,
    pos_base_url: row[C.pos_base_url] ?? null,
    online_base_url: row[C.online_base_url] ?? null,
  }
}

/** The stored rows of the given environments (at most one each). */
export async function listCredentials(knex: PgConnection, environments: FlexitiEnvironmentName[]): Promise<StoredCredential[]> {
  const rows = await knex(CR.table).select("*").whereIn(C.environment, environments).whereNull(C.deleted_at)
  return rows.map(toStored)
}

export async function findCredential(knex: PgConnection, environment: FlexitiEnvironmentName): Promise<StoredCredential | undefined> {
  const [row] = await listCredentials(knex, [environment])
  return row
}

/** Creates or updates the row of one environment (unique per environment) and returns it. */
export async function saveCredential(
  knex: PgConnection,
  environment: FlexitiEnvironmentName,
  changes: CredentialChanges & { client_id: string }
): Promise<StoredCredential> {
  const columns: Row = {}
  for (const [name, value] of Object.entries(changes)) {
    if (value !== undefined) columns[C[name as keyof CredentialChanges]] = value
  }
  const update = () =>
    knex(CR.table)
      .update({ ...columns, [C.updated_at]: knex.fn.now() })
      .where(C.environment, environment)
      .whereNull(C.deleted_at)
      .returning("*")
  const [updated] = await update()
  if (updated) return toStored(updated)
  try {
    const [row] = await knex(CR.table)
      .insert({ [C.id]: newId(CR.prefix), [C.environment]: environment, ...columns })
      .returning("*")
    return toStored(row)
  } catch (error) {
    // Another save created the environment's row first: apply ours on top of it.
    if (!isUniqueViolation(error)) throw error
    const [row] = await update()
    return toStored(row)
  }
}

/**
 * The credentials of one environment with the secret decrypted, or undefined when none were
 * saved. `key` defaults to FLEXITI_ENCRYPTION_KEY; a secret that cannot be decrypted (missing
 * or wrong key, tampered row) throws a FlexitiCryptoError.
 */
export async function readCredentials(
  knex: PgConnection,
  environment: FlexitiEnvironmentName,
  key?: Buffer | string
): Promise<DecryptedCredentials | undefined> {
  const row = await findCredential(knex, environmentSchema.parse(environment))
  if (!row) return undefined
  return {
    client_id: row.client_id,
    client_secret: row.client_secret_encrypted ? decryptSecret(row.client_secret_encrypted, key ?? loadEncryptionKey()) : undefined,
    pos_base_url: row.pos_base_url,
    online_base_url: row.online_base_url,
  }
}
