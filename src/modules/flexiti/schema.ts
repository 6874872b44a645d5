/**
 * The module's tables: names, id prefixes, columns, enum values and defaults, written once.
 * The DML models are built from it (for migrations) and the stores build their SQL from it.
 * No Medusa imports: the payment provider reaches the tables through the stores too.
 */
import { CANADIAN_PROVINCES, FlexitiEnvironmentName, FlexitiFlow, FlexitiLang } from "../../lib/vocabulary"

export const FLEXITI_MODULE = "flexiti"

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

/** Columns every Medusa DML entity gets (id + timestamps + soft delete). */
const BASE_COLUMNS = {
  id: "id",
  created_at: "created_at",
  updated_at: "updated_at",
  deleted_at: "deleted_at",
} as const

/**
 * Table names, id prefixes and column names of the module's tables.
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
      financing_options: "financing_options",
      financing_choice: "financing_choice",
      sku_data: "sku_data",
      accepted_at: "accepted_at",
      reconciled_at: "reconciled_at",
      context_nonce: "context_nonce",
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
  /**
   * The per-payment-session money lock, held as a lease (a row with an expiry) so that neither a
   * holder nor a waiter keeps a pooled database connection while Flexiti answers.
   */
  moneyLock: {
    table: "flexiti_money_lock",
    entity: "FlexitiMoneyLock",
    prefix: "flxlock",
    columns: {
      ...BASE_COLUMNS,
      holder: "holder",
      expires_at: "expires_at",
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
