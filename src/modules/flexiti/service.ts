import { ContainerRegistrationKeys, MedusaError, MedusaService } from "@medusajs/framework/utils"
import { ONLINE_API_ORIGINS } from "../../flexiti/environments"
import { readCheckout, writeCheckout } from "./checkout-store"
import type { KnexLike } from "./settings-reader"
import { z } from "zod"
import { settingsRowToValues } from "./codec"
import {
  FLEXITI_ENVIRONMENTS,
  FLEXITI_SETTINGS_SINGLETON_ID,
  FlexitiCallLogEntry,
  FlexitiCallLogRow,
  FlexitiCheckoutState,
  FlexitiCheckoutWrite,
  FlexitiEnvironmentName,
  FlexitiI18nCounts,
  FlexitiI18nLabels,
  FlexitiI18nSnapshot,
  FlexitiI18nSyncRow,
  FlexitiLang,
  FlexitiSettingsValues,
} from "./constants"
import { FlexitiCryptoError, decryptSecret, encryptSecret, loadEncryptionKey } from "./crypto"
import {
  FlexitiCallLog,
  FlexitiCheckout,
  FlexitiCredential,
  FlexitiI18n,
  FlexitiI18nSync,
  FlexitiMoneyMovement,
  FlexitiSettings,
} from "./models"
import { i18nLabelsFromRow, provincesOfRows, syncRowToDTO } from "./i18n-codec"
import {
  SetFlexitiCredentialsInput,
  UpdateFlexitiSettingsInput,
  callLogEntrySchema,
  callLogFilterSchema,
  checkoutWriteSchema,
  environmentSchema,
  formatZodError,
  setCredentialsSchema,
  toCents,
  updateSettingsSchema,
} from "./validation"

export const MISSING_ENCRYPTION_KEY_MESSAGE =
  "FLEXITI_ENCRYPTION_KEY must be set to store a Flexiti client secret"

/** The settings singleton as returned by the service. */
export interface FlexitiSettingsDTO extends FlexitiSettingsValues {
  id: string
  created_at: Date
  updated_at: Date
}

/** What may leave the server about one environment's credentials: never the secret. */
export interface FlexitiCredentialStatus {
  environment: FlexitiEnvironmentName
  /** null when no credentials were saved for this environment */
  client_id: string | null
  secret_set: boolean
  secret_set_at: Date | null
  /**
   * false when a secret is stored but cannot be decrypted with the current
   * FLEXITI_ENCRYPTION_KEY (key missing or changed); null when no secret is stored
   */
  secret_readable: boolean | null
  pos_base_url: string | null
  online_base_url: string | null
}

/** Decrypted credentials, for server-side use only (never return them from a route). */
export interface FlexitiResolvedCredentials {
  environment: FlexitiEnvironmentName
  client_id: string
  client_secret: string | undefined
  pos_base_url: string | null
  online_base_url: string | null
}

type Row = Record<string, any>

function parseOrThrow<S extends z.ZodTypeAny>(schema: S, input: unknown, what: string): z.output<S> {
  const result = schema.safeParse(input)
  if (!result.success) {
    throw new MedusaError(MedusaError.Types.INVALID_DATA, `Invalid ${what}: ${formatZodError(result.error)}`)
  }
  return result.data
}

/**
 * Service of the `flexiti` module.
 *
 * SECURITY: MedusaService generates CRUD methods (`listFlexitiCredentials`,
 * `retrieveFlexitiCredential`, `listFlexitiCheckouts`, …). Those return the raw rows, including
 * `client_secret_encrypted` and `customer_token_encrypted`. Route code must never return them:
 * use `getCredentialStatus()` for credentials, and keep checkouts server-side.
 */
export default class FlexitiModuleService extends MedusaService({
  FlexitiSettings,
  FlexitiCredential,
  FlexitiCheckout,
  FlexitiCallLog,
  FlexitiI18n,
  FlexitiI18nSync,
  FlexitiMoneyMovement,
}) {
  protected readonly container_: Record<string, unknown>

  constructor(container: Record<string, unknown>, ...rest: unknown[]) {
    super(container, ...rest)
    this.container_ = container
  }

  /** The shared pg connection: checkouts and movements go through their stores on it. */
  protected pg_(): KnexLike {
    return this.container_[ContainerRegistrationKeys.PG_CONNECTION] as KnexLike
  }

  /** The encryption key, read from the environment on each use (throws when malformed). */
  protected encryptionKey_(): Buffer | undefined {
    try {
      return loadEncryptionKey()
    } catch (e) {
      throw new MedusaError(MedusaError.Types.INVALID_DATA, (e as Error).message)
    }
  }

  protected requireEncryptionKey_(): Buffer {
    const key = this.encryptionKey_()
    if (!key) {
      throw new MedusaError(MedusaError.Types.INVALID_DATA, MISSING_ENCRYPTION_KEY_MESSAGE)
    }
    return key
  }

  // ---------------------------------------------------------------- settings

  protected async findSettingsRow_(): Promise<Row | undefined> {
    const [row] = await this.listFlexitiSettings({}, { order: { created_at: "ASC" }, take: 1 })
    return row as Row | undefined
  }

  /** The settings singleton, created with the defaults when missing. */
  async getSettings(): Promise<FlexitiSettingsDTO> {
    let row = await this.findSettingsRow_()
    if (!row) {
      try {
        row = (await this.createFlexitiSettings({ id: FLEXITI_SETTINGS_SINGLETON_ID })) as Row
      } catch (e) {
        // A concurrent call created it first (primary key collision): read it back.
        row = await this.findSettingsRow_()
        if (!row) {
          // The fixed-id row exists but was soft-deleted: bring it back.
          await this.restoreFlexitiSettings([FLEXITI_SETTINGS_SINGLETON_ID])
          row = await this.findSettingsRow_()
        }
        if (!row) {
          throw e
        }
      }
    }
    return this.toSettingsDTO_(row)
  }

  /** Validates and applies a partial update of the settings (min ≤ max, provinces, amounts). */
  async updateSettings(partial: UpdateFlexitiSettingsInput): Promise<FlexitiSettingsDTO> {
    const data = parseOrThrow(updateSettingsSchema, partial ?? {}, "Flexiti settings")
    const current = await this.getSettings()
    const min = data.min_amount ?? current.min_amount
    const max = data.max_amount ?? current.max_amount
    if (toCents(min) > toCents(max)) {
      throw new MedusaError(
        MedusaError.Types.INVALID_DATA,
        `Invalid Flexiti settings: min_amount (${min}) must not exceed max_amount (${max})`
      )
    }
    const flow = data.flow ?? current.flow
    const environment = data.active_environment ?? current.active_environment
    if (flow === "hosted" && (data.flow || data.active_environment) && !ONLINE_API_ORIGINS[environment]) {
      // Flexiti publishes no Online API host for this environment: the hosted flow needs one saved.
      const row = await this.findCredentialRow_(environment)
      if (!row?.online_base_url) {
        throw new MedusaError(
          MedusaError.Types.INVALID_DATA,
          `Invalid Flexiti settings: the hosted flow needs an Online API base URL for ${environment}; save one with that environment's credentials first`
        )
      }
    }
    if (data.allowed_provinces && data.allowed_provinces.length === 0) {
      throw new MedusaError(
        MedusaError.Types.INVALID_DATA,
        "Invalid Flexiti settings: allowed_provinces must list at least one province"
      )
    }
    if (data.allowed_provinces) {
      // Once Flexiti's province list was synced for the environment in force, only those may be picked.
      const environment = data.active_environment ?? current.active_environment
      const synced = await this.syncedProvinces(environment)
      if (synced) {
        const unknown = data.allowed_provinces.filter((p) => !synced.includes(p))
        if (unknown.length) {
          throw new MedusaError(
            MedusaError.Types.INVALID_DATA,
            `Invalid Flexiti settings: allowed_provinces: ${unknown.join(", ")} ${
              unknown.length > 1 ? "are" : "is"
            } not in the provinces Flexiti lists for ${environment} (${synced.join(", ")}); run the i18n sync again if Flexiti added it`
          )
        }
      }
    }
    if (Object.keys(data).length === 0) {
      return current
    }
    const updated = (await this.updateFlexitiSettings({ id: current.id, ...data })) as Row
    return this.toSettingsDTO_(updated)
  }

  protected toSettingsDTO_(row: Row): FlexitiSettingsDTO {
    return {
      id: row.id,
      ...settingsRowToValues(row),
      created_at: row.created_at,
      updated_at: row.updated_at,
    }
  }

  // ------------------------------------------------------------- credentials

  protected async findCredentialRow_(environment: FlexitiEnvironmentName): Promise<Row | undefined> {
    const [row] = await this.listFlexitiCredentials({ environment }, { take: 1 })
    return row as Row | undefined
  }

  /**
   * Saves the credentials of one environment. `client_secret` is encrypted; omitting it keeps
   * the stored secret, `null` clears it. Base URLs: omitted keeps, null or "" clears.
   * Returns the status (never the secret).
   */
  async setCredentials(input: SetFlexitiCredentialsInput): Promise<FlexitiCredentialStatus> {
    const data = parseOrThrow(setCredentialsSchema, input, "Flexiti credentials")
    const columns: Row = { client_id: data.client_id }
    if (typeof data.client_secret === "string") {
      const key = this.requireEncryptionKey_()
      columns.client_secret_encrypted = encryptSecret(data.client_secret, key)
      columns.secret_set_at = new Date()
    } else if (data.client_secret === null) {
      columns.client_secret_encrypted = null
      columns.secret_set_at = null
    }
    if (data.pos_base_url !== undefined) {
      columns.pos_base_url = data.pos_base_url
    }
    if (data.online_base_url !== undefined) {
      columns.online_base_url = data.online_base_url
    }

    const existing = await this.findCredentialRow_(data.environment)
    // A stored secret goes only where the admin who typed it agreed: moving it to another host
    // needs the secret again, so a borrowed admin session cannot send it elsewhere.
    const moves = (["pos_base_url", "online_base_url"] as const).some(
      (field) => data[field] !== undefined && (data[field] ?? null) !== (existing?.[field] ?? null)
    )
    if (moves && existing?.client_secret_encrypted && typeof data.client_secret !== "string") {
      throw new MedusaError(MedusaError.Types.INVALID_DATA, "Enter the client secret again to change the Flexiti base URL it is sent to")
    }
    if (existing) {
      await this.updateFlexitiCredentials({ id: existing.id, ...columns })
    } else {
      await this.createFlexitiCredentials({ environment: data.environment, ...columns } as any)
    }
    return this.getCredentialStatus(data.environment)
  }

  /** Status of one environment's credentials, or of all three. Never the secret or its ciphertext. */
  async getCredentialStatus(environment: FlexitiEnvironmentName): Promise<FlexitiCredentialStatus>
  async getCredentialStatus(): Promise<FlexitiCredentialStatus[]>
  async getCredentialStatus(
    environment?: FlexitiEnvironmentName
  ): Promise<FlexitiCredentialStatus | FlexitiCredentialStatus[]> {
    const environments = environment
      ? [parseOrThrow(environmentSchema, environment, "Flexiti environment")]
      : [...FLEXITI_ENVIRONMENTS]
    const rows = (await this.listFlexitiCredentials({ environment: environments })) as Row[]
    let key: Buffer | undefined
    try {
      key = loadEncryptionKey()
    } catch {
      key = undefined
    }
    const statuses = environments.map((env) => {
      const row = rows.find((r) => r.environment === env)
      return this.toCredentialStatus_(env, row, key)
    })
    return environment ? statuses[0] : statuses
  }

  protected toCredentialStatus_(
    environment: FlexitiEnvironmentName,
    row: Row | undefined,
    key: Buffer | undefined
  ): FlexitiCredentialStatus {
    const encrypted: string | null = row?.client_secret_encrypted ?? null
    let readable: boolean | null = null
    if (encrypted) {
      try {
        readable = !!key && decryptSecret(encrypted, key).length >= 0
      } catch {
        readable = false
      }
    }
    // Built field by field: nothing else from the row can leak.
    return {
      environment,
      client_id: row?.client_id ?? null,
      secret_set: !!encrypted,
      secret_set_at: encrypted ? row?.secret_set_at ?? null : null,
      secret_readable: readable,
      pos_base_url: row?.pos_base_url ?? null,
      online_base_url: row?.online_base_url ?? null,
    }
  }

  /**
   * Decrypted credentials of one environment, for server-side code (e.g. a "test credentials"
   * route that requests a token). Never return the result to a client.
   */
  async resolveCredentials(
    environment: FlexitiEnvironmentName
  ): Promise<FlexitiResolvedCredentials | undefined> {
    const env = parseOrThrow(environmentSchema, environment, "Flexiti environment")
    const row = await this.findCredentialRow_(env)
    if (!row) {
      return undefined
    }
    let client_secret: string | undefined
    if (row.client_secret_encrypted) {
      try {
        client_secret = decryptSecret(row.client_secret_encrypted, this.encryptionKey_())
      } catch (e) {
        throw new MedusaError(
          MedusaError.Types.INVALID_DATA,
          e instanceof FlexitiCryptoError ? e.message : "Could not decrypt the Flexiti client secret"
        )
      }
    }
    return {
      environment: env,
      client_id: row.client_id,
      client_secret,
      pos_base_url: row.pos_base_url ?? null,
      online_base_url: row.online_base_url ?? null,
    }
  }

  // ---------------------------------------------------------------- checkout

  /**
   * Creates or updates (by payment_session_id) the server-side state of a checkout, through the
   * same store the payment provider uses (checkout-store.ts).
   */
  async saveCheckout(input: FlexitiCheckoutWrite): Promise<FlexitiCheckoutState> {
    try {
      return await writeCheckout(this.pg_(), input, this.encryptionKey_())
    } catch (e) {
      throw new MedusaError(MedusaError.Types.INVALID_DATA, (e as Error).message)
    }
  }

  /** The checkout of a payment session with its secrets decrypted, or undefined. */
  async getCheckout(paymentSessionId: string): Promise<FlexitiCheckoutState | undefined> {
    try {
      return await readCheckout(this.pg_(), paymentSessionId, this.encryptionKey_())
    } catch (e) {
      throw new MedusaError(
        MedusaError.Types.INVALID_DATA,
        e instanceof FlexitiCryptoError ? e.message : "Could not read the Flexiti checkout"
      )
    }
  }

  // ---------------------------------------------------------------- call log

  /** Appends one audit row. */
  async logCall(entry: FlexitiCallLogEntry): Promise<FlexitiCallLogRow> {
    const data = parseOrThrow(callLogEntrySchema, entry, "Flexiti call log entry")
    const row = (await this.createFlexitiCallLogs(data as any)) as Row
    return this.toCallLogRow_(row)
  }

  /** Audit rows of a payment or a payment session, oldest first. */
  async listCallLog(filter: {
    payment_id?: string
    payment_session_id?: string
  }): Promise<FlexitiCallLogRow[]> {
    const data = parseOrThrow(callLogFilterSchema, filter, "Flexiti call log filter")
    const selector: Row = {}
    if (data.payment_id) {
      selector.payment_id = data.payment_id
    }
    if (data.payment_session_id) {
      selector.payment_session_id = data.payment_session_id
    }
    const rows = (await this.listFlexitiCallLogs(selector, {
      order: { created_at: "ASC" },
    })) as Row[]
    return rows.map((r) => this.toCallLogRow_(r))
  }

  protected toCallLogRow_(row: Row): FlexitiCallLogRow {
    return {
      id: row.id,
      payment_id: row.payment_id ?? null,
      payment_session_id: row.payment_session_id ?? null,
      operation: row.operation,
      reference_id: row.reference_id,
      outcome: row.outcome,
      http_status: row.http_status ?? null,
      error_code: row.error_code ?? null,
      amount: row.amount ?? null,
      flexiti_id: row.flexiti_id ?? null,
      message: row.message ?? null,
      created_at: row.created_at,
      updated_at: row.updated_at,
    }
  }

  // ------------------------------------------------------------------- i18n

  /**
   * The generated CRUD methods of the i18n models, loosely typed: their DML JSON columns make
   * TypeScript's instantiation of the generated signatures too deep (TS2589).
   */
  protected loose_(): Record<
    "listFlexitiI18ns" | "deleteFlexitiI18ns" | "createFlexitiI18ns" | "createFlexitiI18nSyncs" | "listFlexitiI18nSyncs",
    (...args: any[]) => Promise<any>
  > {
    return this as any
  }

  /**
   * Stores Flexiti's labels of one environment (both languages fetched by one sync) and
   * records the successful sync. Existing rows of that environment and language are replaced.
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
      const columns = {
        plan_ids: labels.plan_ids ?? {},
        provinces: labels.provinces ?? {},
        transaction_types: labels.transaction_types ?? {},
        disclosures: labels.disclosures ?? {},
        synced_at: syncedAt,
      }
      const [existing] = (await this.loose_().listFlexitiI18ns({ environment, lang }, { take: 1 })) as Row[]
      if (existing) {
        // Replaced, not updated: Medusa merges JSON columns on update, which would keep a
        // province or plan Flexiti no longer lists.
        await this.loose_().deleteFlexitiI18ns([existing.id])
      }
      await this.loose_().createFlexitiI18ns({ environment, lang, ...columns } as any)
      counts[lang] = {
        plan_ids: Object.keys(columns.plan_ids).length,
        provinces: Object.keys(columns.provinces).length,
        transaction_types: Object.keys(columns.transaction_types).length,
        disclosures: Object.keys(columns.disclosures).length,
      }
    }
    return this.recordI18nSync({
      environment,
      outcome: "success",
      counts,
      reference_id: input.reference_id ?? null,
      synced_at: syncedAt,
    })
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
    const environment = parseOrThrow(environmentSchema, input.environment, "Flexiti environment")
    const row = (await this.loose_().createFlexitiI18nSyncs({
      environment,
      outcome: input.outcome,
      synced_at: input.synced_at ?? new Date(),
      counts: (input.counts ?? null) as any,
      reference_id: input.reference_id ?? null,
      error_code: input.error_code ? input.error_code.slice(0, 200) : null,
      message: input.message ? input.message.slice(0, 2000) : null,
    } as any)) as Row
    return syncRowToDTO(row)
  }

  /** The newest sync attempt of an environment (any outcome), or null. */
  async getLastI18nSync(
    environment: FlexitiEnvironmentName,
    outcome?: "success" | "failure"
  ): Promise<FlexitiI18nSyncRow | null> {
    const env = parseOrThrow(environmentSchema, environment, "Flexiti environment")
    const [row] = (await this.loose_().listFlexitiI18nSyncs(
      outcome ? { environment: env, outcome } : { environment: env },
      { order: { synced_at: "DESC", created_at: "DESC" }, take: 1 }
    )) as Row[]
    return row ? syncRowToDTO(row) : null
  }

  /** The stored labels of an environment in both languages, and its last sync. */
  async getI18n(environment: FlexitiEnvironmentName): Promise<FlexitiI18nSnapshot> {
    const env = parseOrThrow(environmentSchema, environment, "Flexiti environment")
    const rows = (await this.loose_().listFlexitiI18ns({ environment: env })) as Row[]
    const labels: FlexitiI18nSnapshot["labels"] = {}
    for (const row of rows) {
      labels[row.lang as FlexitiLang] = { ...i18nLabelsFromRow(row), synced_at: row.synced_at }
    }
    return { environment: env, labels, last_sync: await this.getLastI18nSync(env) }
  }

  /**
   * Province codes Flexiti listed for an environment at the last successful sync, or
   * undefined when it was never synced (then every Canadian province may be picked).
   */
  async syncedProvinces(environment: FlexitiEnvironmentName): Promise<string[] | undefined> {
    const rows = (await this.loose_().listFlexitiI18ns({ environment })) as Row[]
    if (!rows.length) {
      return undefined
    }
    return provincesOfRows(rows)
  }
}
