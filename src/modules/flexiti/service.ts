import { ContainerRegistrationKeys, MedusaError, MedusaService } from "@medusajs/framework/utils"
import { z } from "zod"
import { ONLINE_API_ORIGINS } from "../../flexiti/environments"
import { lte } from "../../lib/money"
import { FLEXITI_ENVIRONMENTS, FlexitiEnvironmentName, FlexitiLang } from "../../lib/vocabulary"
import { decryptSecret, encryptSecret, FlexitiCryptoError, loadEncryptionKey } from "./crypto"
import {
  FlexitiCallLog,
  FlexitiCheckout,
  FlexitiCredential,
  FlexitiI18n,
  FlexitiI18nSync,
  FlexitiMoneyLock,
  FlexitiMoneyMovement,
  FlexitiSettings,
} from "./models"
import { appendCallLog, CONNECTION_TEST_OPERATION, connectionTestMessage, latestConnectionTest, listCallLog } from "./stores/call-log-store"
import { readCheckout, writeCheckout } from "./stores/checkout-store"
import { FlexitiMovement, listMovements } from "./stores/movement-store"
import type { PgConnection } from "./stores/connection"
import { CredentialChanges, findCredential, listCredentials, readCredentials, saveCredential, StoredCredential } from "./stores/credential-store"
import { appendSync, lastSync, readLabels, readSyncedProvinces, replaceLabels } from "./stores/i18n-store"
import { readSettings, StoredSettings, writeSettings } from "./stores/settings-store"
import type {
  FlexitiCallLogEntry,
  FlexitiCallLogRow,
  FlexitiCheckoutState,
  FlexitiCheckoutWrite,
  FlexitiCredentialStatus,
  FlexitiI18nCounts,
  FlexitiI18nLabels,
  FlexitiI18nSnapshot,
  FlexitiI18nSyncRow,
  FlexitiResolvedCredentials,
  FlexitiSettingsDTO,
} from "./types"
import {
  environmentSchema,
  formatZodError,
  SetFlexitiCredentialsInput,
  setCredentialsSchema,
  UpdateFlexitiSettingsInput,
  updateSettingsSchema,
} from "./validation"

export const MISSING_ENCRYPTION_KEY_MESSAGE = "FLEXITI_ENCRYPTION_KEY must be set to store a Flexiti client secret"

function parseOrThrow<S extends z.ZodTypeAny>(schema: S, input: unknown, what: string): z.output<S> {
  const result = schema.safeParse(input)
  if (!result.success) {
    throw new MedusaError(MedusaError.Types.INVALID_DATA, `Invalid ${what}: ${formatZodError(result.error)}`)
  }
  return result.data
}

function invalid(message: string): MedusaError {
  return new MedusaError(MedusaError.Types.INVALID_DATA, message)
}

/**
 * Service of the `flexiti` module: the admin's and the workflows' way to the plugin's tables,
 * with validation and Medusa errors on top of the stores (`stores/`), which are the only code
 * that reads or writes those tables.
 *
 * MedusaService is given the models so that Medusa registers them for this module; the CRUD
 * methods it generates are not used by the plugin (they would return encrypted columns).
 */
export default class FlexitiModuleService extends MedusaService({
  FlexitiSettings,
  FlexitiCredential,
  FlexitiCheckout,
  FlexitiCallLog,
  FlexitiI18n,
  FlexitiI18nSync,
  FlexitiMoneyMovement,
  FlexitiMoneyLock,
}) {
  protected readonly container_: Record<string, unknown>

  constructor(container: Record<string, unknown>, ...rest: unknown[]) {
    super(container, ...rest)
    this.container_ = container
  }

  /** The shared pg connection the stores work on. */
  protected pg_(): PgConnection {
    return this.container_[ContainerRegistrationKeys.PG_CONNECTION] as PgConnection
  }

  /** The encryption key, read from the environment on each use (throws when malformed). */
  protected encryptionKey_(): Buffer | undefined {
    try {
      return loadEncryptionKey()
    } catch (e) {
      throw invalid((e as Error).message)
    }
  }

  // ---------------------------------------------------------------- settings

  /** The settings, the row created with the defaults when none was saved yet. */
  async getSettings(): Promise<FlexitiSettingsDTO> {
    const stored = await readSettings(this.pg_())
    return toSettingsDTO(stored.created_at ? stored : await writeSettings(this.pg_(), {}))
  }

  /** Validates and applies a partial update of the settings (min ≤ max, provinces, amounts). */
  async updateSettings(partial: UpdateFlexitiSettingsInput): Promise<FlexitiSettingsDTO> {
    const data = parseOrThrow(updateSettingsSchema, partial ?? {}, "Flexiti settings")
    const current = await this.getSettings()
    const min = data.min_amount ?? current.min_amount
    const max = data.max_amount ?? current.max_amount
    if (!lte(min, max)) {
      throw invalid(`Invalid Flexiti settings: min_amount (${min}) must not exceed max_amount (${max})`)
    }
    const flow = data.flow ?? current.flow
    const environment = data.active_environment ?? current.active_environment
    if (flow === "hosted" && (data.flow || data.active_environment) && !ONLINE_API_ORIGINS[environment]) {
      // Flexiti publishes no Online API host for this environment: the hosted flow needs one saved.
      if (!(await findCredential(this.pg_(), environment))?.online_base_url) {
        throw invalid(
          `Invalid Flexiti settings: the hosted flow needs an Online API base URL for ${environment}; save one with that environment's credentials first`
        )
      }
    }
    if (data.allowed_provinces && data.allowed_provinces.length === 0) {
      throw invalid("Invalid Flexiti settings: allowed_provinces must list at least one province")
    }
    if (data.allowed_provinces) {
      // Once Flexiti's province list was synced for the environment in force, only those may be picked.
      const synced = await this.syncedProvinces(environment)
      const unknown = synced ? data.allowed_provinces.filter((p) => !synced.includes(p)) : []
      if (synced && unknown.length) {
        throw invalid(
          `Invalid Flexiti settings: allowed_provinces: ${unknown.join(", ")} ${unknown.length > 1 ? "are" : "is"} not in the provinces Flexiti lists for ${environment} (${synced.join(", ")}); run the i18n sync again if Flexiti added it`
        )
      }
    }
    if (Object.keys(data).length === 0) return current
    return toSettingsDTO(await writeSettings(this.pg_(), data))
  }

  // ------------------------------------------------------------- credentials

  /**
   * Saves the credentials of one environment. `client_secret` is encrypted; omitting it keeps
   * the stored secret, `null` clears it. Base URLs: omitted keeps, null or "" clears.
   * Returns the status (never the secret).
   */
  async setCredentials(input: SetFlexitiCredentialsInput): Promise<FlexitiCredentialStatus> {
    const data = parseOrThrow(setCredentialsSchema, input, "Flexiti credentials")
    const changes: CredentialChanges & { client_id: string } = {
      client_id: data.client_id,
      pos_base_url: data.pos_base_url,
      online_base_url: data.online_base_url,
    }
    if (typeof data.client_secret === "string") {
      const key = this.encryptionKey_()
      if (!key) throw invalid(MISSING_ENCRYPTION_KEY_MESSAGE)
      changes.client_secret_encrypted = encryptSecret(data.client_secret, key)
      changes.secret_set_at = new Date()
    } else if (data.client_secret === null) {
      changes.client_secret_encrypted = null
      changes.secret_set_at = null
    }
    const existing = await findCredential(this.pg_(), data.environment)
    // A stored secret goes only where the admin who typed it agreed: moving it to another host
    // needs the secret again, so a borrowed admin session cannot send it elsewhere.
    const moves = (["pos_base_url", "online_base_url"] as const).some(
      (field) => data[field] !== undefined && (data[field] ?? null) !== (existing?.[field] ?? null)
    )
    if (moves && existing?.client_secret_encrypted && typeof data.client_secret !== "string") {
      throw invalid("Enter the client secret again to change the Flexiti base URL it is sent to")
    }
    await saveCredential(this.pg_(), data.environment, changes)
    return this.getCredentialStatus(data.environment)
  }

  /** Status of one environment's credentials, or of all three. Never the secret or its ciphertext. */
  async getCredentialStatus(environment: FlexitiEnvironmentName): Promise<FlexitiCredentialStatus>
  async getCredentialStatus(): Promise<FlexitiCredentialStatus[]>
  async getCredentialStatus(environment?: FlexitiEnvironmentName): Promise<FlexitiCredentialStatus | FlexitiCredentialStatus[]> {
    const environments = environment ? [parseOrThrow(environmentSchema, environment, "Flexiti environment")] : [...FLEXITI_ENVIRONMENTS]
    const rows = await listCredentials(this.pg_(), environments)
    let key: Buffer | undefined
    try {
      key = loadEncryptionKey()
    } catch {
      key = undefined
    }
    const statuses = environments.map((env) =>
      toCredentialStatus(
        env,
        rows.find((r) => r.environment === env),
        key
      )
    )
    return environment ? statuses[0] : statuses
  }

  /** Decrypted credentials of one environment, for server-side code only (never return them from a route). */
  async resolveCredentials(environment: FlexitiEnvironmentName): Promise<FlexitiResolvedCredentials | undefined> {
    const env = parseOrThrow(environmentSchema, environment, "Flexiti environment")
    try {
      const stored = await readCredentials(this.pg_(), env, this.encryptionKey_())
      return stored && { environment: env, ...stored }
    } catch (e) {
      throw invalid(e instanceof FlexitiCryptoError ? e.message : "Could not decrypt the Flexiti client secret")
    }
  }

  // ---------------------------------------------------------------- checkout

  /** Creates or updates (by payment_session_id) the server-side state of a checkout. */
  async saveCheckout(input: FlexitiCheckoutWrite): Promise<FlexitiCheckoutState> {
    try {
      return await writeCheckout(this.pg_(), input, this.encryptionKey_())
    } catch (e) {
      throw invalid((e as Error).message)
    }
  }

  /** The checkout of a payment session with its secrets decrypted, or undefined. */
  async getCheckout(paymentSessionId: string): Promise<FlexitiCheckoutState | undefined> {
    try {
      return await readCheckout(this.pg_(), paymentSessionId, this.encryptionKey_())
    } catch (e) {
      throw invalid(e instanceof FlexitiCryptoError ? e.message : "Could not read the Flexiti checkout")
    }
  }

  /** The money movements (captures, returns, account refunds) recorded for a payment session, oldest first. */
  async listMoneyMovements(paymentSessionId: string): Promise<FlexitiMovement[]> {
    return listMovements(this.pg_(), paymentSessionId)
  }

  // ---------------------------------------------------------------- call log

  /** Appends one audit row. */
  async logCall(entry: FlexitiCallLogEntry): Promise<FlexitiCallLogRow> {
    try {
      return await appendCallLog(this.pg_(), entry)
    } catch (e) {
      throw invalid((e as Error).message)
    }
  }

  /** Audit rows of a payment or a payment session, oldest first. */
  async listCallLog(filter: { payment_id?: string; payment_session_id?: string }): Promise<FlexitiCallLogRow[]> {
    try {
      return await listCallLog(this.pg_(), filter)
    } catch (e) {
      throw invalid((e as Error).message)
    }
  }

  /** Records one "Test connection" of an environment in the call log (never a secret in `message`). */
  async logConnectionTest(
    environment: FlexitiEnvironmentName,
    entry: Omit<FlexitiCallLogEntry, "operation" | "message"> & { message: string }
  ): Promise<FlexitiCallLogRow> {
    const env = parseOrThrow(environmentSchema, environment, "Flexiti environment")
    return this.logCall({ ...entry, operation: CONNECTION_TEST_OPERATION, message: connectionTestMessage(env, entry.message) })
  }

  /** The newest "Test connection" of an environment, passed or not (undefined: never tested). */
  async lastConnectionTest(environment: FlexitiEnvironmentName): Promise<FlexitiCallLogRow | undefined> {
    return latestConnectionTest(this.pg_(), parseOrThrow(environmentSchema, environment, "Flexiti environment"))
  }

  // ------------------------------------------------------------------- i18n

  /**
   * Stores Flexiti's labels of one environment (the languages one sync fetched) and records the
   * successful sync. Each language's labels replace the stored ones as a whole.
   */
  async saveI18n(input: {
    environment: FlexitiEnvironmentName
    labels: Partial<Record<FlexitiLang, FlexitiI18nLabels>>
    reference_id?: string | null
    synced_at?: Date
  }): Promise<FlexitiI18nSyncRow> {
    const environment = parseOrThrow(environmentSchema, input.environment, "Flexiti environment")
    const syncedAt = input.synced_at ?? new Date()
    const counts: Partial<Record<FlexitiLang, FlexitiI18nCounts>> = {}
    for (const [lang, labels] of Object.entries(input.labels) as [FlexitiLang, FlexitiI18nLabels][]) {
      counts[lang] = await replaceLabels(this.pg_(), { environment, lang, labels, synced_at: syncedAt })
    }
    return this.recordI18nSync({ environment, outcome: "success", counts, reference_id: input.reference_id ?? null, synced_at: syncedAt })
  }

  /** Appends one sync attempt (a failure keeps the labels of the last successful sync). */
  async recordI18nSync(input: {
    environment: FlexitiEnvironmentName
    outcome: "success" | "failure"
    counts?: Partial<Record<FlexitiLang, FlexitiI18nCounts>> | null
    reference_id?: string | null
    error_code?: string | null
    message?: string | null
    synced_at?: Date
  }): Promise<FlexitiI18nSyncRow> {
    return appendSync(this.pg_(), {
      environment: parseOrThrow(environmentSchema, input.environment, "Flexiti environment"),
      outcome: input.outcome,
      synced_at: input.synced_at ?? new Date(),
      counts: input.counts ?? null,
      reference_id: input.reference_id ?? null,
      error_code: input.error_code ?? null,
      message: input.message ?? null,
    })
  }

  /** The newest sync attempt of an environment (of one outcome when given), or null. */
  async getLastI18nSync(environment: FlexitiEnvironmentName, outcome?: "success" | "failure"): Promise<FlexitiI18nSyncRow | null> {
    return lastSync(this.pg_(), parseOrThrow(environmentSchema, environment, "Flexiti environment"), outcome)
  }

  /** The stored labels of an environment in both languages, and its last sync. */
  async getI18n(environment: FlexitiEnvironmentName): Promise<FlexitiI18nSnapshot> {
    const env = parseOrThrow(environmentSchema, environment, "Flexiti environment")
    const labels: FlexitiI18nSnapshot["labels"] = {}
    for (const { lang, ...stored } of await readLabels(this.pg_(), env)) labels[lang] = stored
    return { environment: env, labels, last_sync: await this.getLastI18nSync(env) }
  }

  /**
   * Province codes Flexiti listed for an environment at the last successful sync, or
   * undefined when it was never synced (then every Canadian province may be picked).
   */
  async syncedProvinces(environment: FlexitiEnvironmentName): Promise<string[] | undefined> {
    return readSyncedProvinces(this.pg_(), environment)
  }
}

function toSettingsDTO(stored: StoredSettings): FlexitiSettingsDTO {
  return { ...stored, created_at: stored.created_at!, updated_at: stored.updated_at! }
}

/** Built field by field: nothing else from the row can leak. */
function toCredentialStatus(environment: FlexitiEnvironmentName, row: StoredCredential | undefined, key: Buffer | undefined): FlexitiCredentialStatus {
  const encrypted = row?.client_secret_encrypted ?? null
  let readable: boolean | null = null
  if (encrypted) {
    try {
      readable = !!key && decryptSecret(encrypted, key).length >= 0
    } catch {
      readable = false
    }
  }
  return {
    environment,
    client_id: row?.client_id ?? null,
    secret_set: !!encrypted,
    secret_set_at: encrypted ? (row?.secret_set_at ?? null) : null,
    secret_readable: readable,
    pos_base_url: row?.pos_base_url ?? null,
    online_base_url: row?.online_base_url ?? null,
  }
}
