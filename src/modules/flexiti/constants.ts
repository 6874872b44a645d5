/**
 * Names shared by the DML models (`models/*.ts`), the module service and the Medusa-free
 * reader (`settings-reader.ts`), so that table and column names cannot drift apart.
 *
 * No Medusa imports here: the reader and the payment provider import this file too.
 */

export const FLEXITI_MODULE = "flexiti"

export const FLEXITI_ENVIRONMENTS = ["training", "merchant_integration", "production"] as const
export type FlexitiEnvironmentName = (typeof FLEXITI_ENVIRONMENTS)[number]

export const FLEXITI_FLOWS = ["widget", "hosted"] as const
export type FlexitiFlow = (typeof FLEXITI_FLOWS)[number]

export const FLEXITI_LANGS = ["en", "fr"] as const
export type FlexitiLang = (typeof FLEXITI_LANGS)[number]

export const FLEXITI_CALL_OUTCOMES = ["success", "failure"] as const

export const FLEXITI_MOVEMENT_KINDS = ["capture", "return", "account_refund"] as const
export type FlexitiMovementKind = (typeof FLEXITI_MOVEMENT_KINDS)[number]
/** pending: sent (or about to be) with no answer recorded yet; done: Flexiti applied it */
export const FLEXITI_MOVEMENT_STATES = ["pending", "done"] as const
export type FlexitiMovementState = (typeof FLEXITI_MOVEMENT_STATES)[number]

/** pending: a release Flexiti has not confirmed yet (retried by the reconciler); released: done */
export const FLEXITI_RELEASE_STATES = ["pending", "released"] as const
export type FlexitiReleaseState = (typeof FLEXITI_RELEASE_STATES)[number]
export type FlexitiCallOutcome = (typeof FLEXITI_CALL_OUTCOMES)[number]

/** The 13 Canadian provinces and territories (ISO 3166-2:CA suffixes). */
export const CANADIAN_PROVINCES = [
  "AB",
  "BC",
  "MB",
  "NB",
  "NL",
  "NS",
  "NT",
  "NU",
  "ON",
  "PE",
  "QC",
  "SK",
  "YT",
] as const
export type CanadianProvince = (typeof CANADIAN_PROVINCES)[number]

/** Columns every Medusa DML entity gets (id + timestamps + soft delete). */
const BASE_COLUMNS = {
  id: "id",
  created_at: "created_at",
  updated_at: "updated_at",
  deleted_at: "deleted_at",
} as const

/**
 * Table names, id prefixes and column names of the module's four tables.
 * The models use these as computed property keys; the reader builds its SQL from them.
 */
export const FLEXITI_SCHEMA = {
  settings: {
    table: "flexiti_settings",
    entity: "FlexitiSettings",
    prefix: "flxset",
    columns: {
      ...BASE_COLUMNS,
      active_environment: "active_environment",
      flow: "flow",
      auto_capture: "auto_capture",
      default_lang: "default_lang",
      min_amount: "min_amount",
      max_amount: "max_amount",
      allowed_provinces: "allowed_provinces",
      storefront_origins: "storefront_origins",
    },
  },
  credential: {
    table: "flexiti_credential",
    entity: "FlexitiCredential",
    prefix: "flxcred",
    columns: {
      ...BASE_COLUMNS,
      environment: "environment",
      client_id: "client_id",
      client_secret_encrypted: "client_secret_encrypted",
      secret_set_at: "secret_set_at",
      pos_base_url: "pos_base_url",
      online_base_url: "online_base_url",
    },
  },
  checkout: {
    table: "flexiti_checkout",
    entity: "FlexitiCheckout",
    prefix: "flxchk",
    columns: {
      ...BASE_COLUMNS,
      payment_session_id: "payment_session_id",
      flow: "flow",
      environment: "environment",
      reference_id: "reference_id",
      widget_session_id: "widget_session_id",
      customer_token_encrypted: "customer_token_encrypted",
      widget_result: "widget_result",
      online_order_id: "online_order_id",
      authorization_id: "authorization_id",
      cart_id: "cart_id",
      amount: "amount",
      account_number_encrypted: "account_number_encrypted",
      release_state: "release_state",
      release_error: "release_error",
      authorization_attempted_at: "authorization_attempted_at",
      in_review_since: "in_review_since",
    },
  },
  /**
   * What the plugin moved at Flexiti for a payment session, keyed by its content (what it moves,
   * not a Medusa id): a retry under a new Medusa id finds the earlier movement by the same key.
   */
  movement: {
    table: "flexiti_money_movement",
    entity: "FlexitiMoneyMovement",
    prefix: "flxmov",
    columns: {
      ...BASE_COLUMNS,
      payment_session_id: "payment_session_id",
      kind: "kind",
      content_key: "content_key",
      state: "state",
      amount: "amount",
      capture_id: "capture_id",
      flexiti_id: "flexiti_id",
      medusa_id: "medusa_id",
    },
  },
  callLog: {
    table: "flexiti_call_log",
    entity: "FlexitiCallLog",
    prefix: "flxlog",
    columns: {
      ...BASE_COLUMNS,
      payment_id: "payment_id",
      payment_session_id: "payment_session_id",
      operation: "operation",
      reference_id: "reference_id",
      outcome: "outcome",
      http_status: "http_status",
      error_code: "error_code",
      amount: "amount",
      flexiti_id: "flexiti_id",
      message: "message",
    },
  },
  /** Flexiti's i18n labels of one environment in one language (the i18n sync, see the README's "Admin"). */
  i18n: {
    table: "flexiti_i18n",
    entity: "FlexitiI18n",
    prefix: "flxi18n",
    columns: {
      ...BASE_COLUMNS,
      environment: "environment",
      lang: "lang",
      plan_ids: "plan_ids",
      provinces: "provinces",
      transaction_types: "transaction_types",
      disclosures: "disclosures",
      synced_at: "synced_at",
    },
  },
  /** One row per i18n sync attempt (the newest is "the last sync"). */
  i18nSync: {
    table: "flexiti_i18n_sync",
    entity: "FlexitiI18nSync",
    prefix: "flxsync",
    columns: {
      ...BASE_COLUMNS,
      environment: "environment",
      outcome: "outcome",
      synced_at: "synced_at",
      counts: "counts",
      reference_id: "reference_id",
      error_code: "error_code",
      message: "message",
    },
  },
} as const

/**
 * The fixed id of the settings singleton. Creating it with a fixed id makes a concurrent
 * find-or-create collide on the primary key instead of producing two rows.
 */
export const FLEXITI_SETTINGS_SINGLETON_ID = `${FLEXITI_SCHEMA.settings.prefix}_default`

/** Defaults of `flexiti_settings`, shared by the model and the reader. */
export const FLEXITI_SETTINGS_DEFAULTS = {
  active_environment: "training" as FlexitiEnvironmentName,
  flow: "widget" as FlexitiFlow,
  auto_capture: false,
  default_lang: "en" as FlexitiLang,
  min_amount: "100.00",
  max_amount: "10000.00",
  allowed_provinces: [...CANADIAN_PROVINCES] as string[],
  storefront_origins: [] as string[],
}

/** Plain values of the settings singleton (what the provider and routes consume). */
export interface FlexitiSettingsValues {
  active_environment: FlexitiEnvironmentName
  flow: FlexitiFlow
  auto_capture: boolean
  default_lang: FlexitiLang
  /** decimal dollars, e.g. "100.00" */
  min_amount: string
  /** decimal dollars, e.g. "10000.00" */
  max_amount: string
  allowed_provinces: string[]
  storefront_origins: string[]
}

/**
 * The customer-scope token lineage snapshot of one widget checkout (structurally the
 * `HeldToken` of `src/flexiti/token-manager.ts`). Stored encrypted, never sent to a browser.
 */
export interface FlexitiStoredToken {
  accessToken: string
  refreshToken?: string
  scope: string
  /** epoch milliseconds */
  expiresAt: number
}

/** Server-side state of one payment session, with the token decrypted. */
export interface FlexitiCheckoutState {
  id: string
  payment_session_id: string
  flow: FlexitiFlow
  environment: FlexitiEnvironmentName
  reference_id: string
  widget_session_id: string | null
  customer_token: FlexitiStoredToken | null
  widget_result: Record<string, unknown> | null
  online_order_id: string | null
  authorization_id: string | null
  /** the cart the checkout was started for */
  cart_id: string | null
  /** decimal dollars Medusa asked Flexiti to finance */
  amount: string | null
  /** the Flexiti account that passed the widget, decrypted (never leaves the server) */
  account_number: string | null
  release_state: FlexitiReleaseState | null
  release_error: string | null
  /** set before the first POST authorization: a later attempt looks for what it may have created */
  authorization_attempted_at: Date | null
  /** set when an order was placed while Flexiti reviews the application */
  in_review_since: Date | null
  created_at: Date
  updated_at: Date
}

/**
 * A create-or-update of a checkout, keyed by `payment_session_id`.
 * Omitted (undefined) fields keep their stored value on update; `null` clears a nullable field.
 * `flow`, `environment` and `reference_id` are required when the row does not exist yet.
 */
export interface FlexitiCheckoutWrite {
  payment_session_id: string
  flow?: FlexitiFlow
  environment?: FlexitiEnvironmentName
  reference_id?: string
  widget_session_id?: string | null
  customer_token?: FlexitiStoredToken | null
  widget_result?: Record<string, unknown> | null
  online_order_id?: string | null
  authorization_id?: string | null
  cart_id?: string | null
  amount?: string | null
  account_number?: string | null
  release_state?: FlexitiReleaseState | null
  release_error?: string | null
  authorization_attempted_at?: Date | null
  in_review_since?: Date | null
}

/** One audit row of a Flexiti call. Never put secrets or tokens in `message`. */
export interface FlexitiCallLogEntry {
  payment_id?: string | null
  payment_session_id?: string | null
  /** authorize, capture, release, return, refund, token_test, … */
  operation: string
  reference_id: string
  outcome: FlexitiCallOutcome
  http_status?: number | null
  error_code?: string | null
  /** decimal dollars, e.g. "125.50" */
  amount?: string | null
  /** authorization / capture / return id returned by Flexiti */
  flexiti_id?: string | null
  message?: string | null
}

export interface FlexitiCallLogRow extends Required<FlexitiCallLogEntry> {
  id: string
  created_at: Date
  updated_at: Date
}

/** Label maps keyed by code, as Flexiti's i18n answers them (README, "Assumptions about the Flexiti API"). */
export type FlexitiLabelMap = Record<string, string>

export const FLEXITI_I18N_SECTIONS = ["plan_ids", "provinces", "transaction_types", "disclosures"] as const
export type FlexitiI18nSection = (typeof FLEXITI_I18N_SECTIONS)[number]

/** The stored labels of one environment in one language. */
export interface FlexitiI18nLabels {
  plan_ids: FlexitiLabelMap
  provinces: FlexitiLabelMap
  transaction_types: FlexitiLabelMap
  disclosures: FlexitiLabelMap
}

/** Number of labels per section fetched by a sync (per language). */
export type FlexitiI18nCounts = Record<FlexitiI18nSection, number>

export interface FlexitiI18nSyncRow {
  id: string
  environment: FlexitiEnvironmentName
  outcome: FlexitiCallOutcome
  synced_at: Date
  counts: Partial<Record<FlexitiLang, FlexitiI18nCounts>> | null
  reference_id: string | null
  error_code: string | null
  message: string | null
}

/** What GET /admin/flexiti/i18n answers: both languages of one environment and its last sync. */
export interface FlexitiI18nSnapshot {
  environment: FlexitiEnvironmentName
  labels: Partial<Record<FlexitiLang, FlexitiI18nLabels & { synced_at: Date }>>
  last_sync: FlexitiI18nSyncRow | null
}
