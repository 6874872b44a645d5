/**
 * What the plugin's admin routes (`/admin/flexiti/**`) answer, as the admin UI receives it (dates
 * are ISO strings), defined once: the admin UI reads these types, and the routes' own answers are
 * checked against them at compile time. Types only: the admin UI is a browser bundle, so nothing
 * here may pull server code into it.
 */
import type { CANADIAN_PROVINCES, FlexitiEnvironmentName, FlexitiFlow, FlexitiLang } from "../lib/vocabulary"
import type { ReconcileReport } from "../lib/reconcile-report"

export type FlexitiEnvironment = FlexitiEnvironmentName
export type Lang = FlexitiLang
export type LabelMap = Record<string, string>
export type Province = (typeof CANADIAN_PROVINCES)[number]
export type TransactionType = "promotional_purchase" | "regular_purchase"

/** One environment's credentials as the admin sees them: never the secret. */
export interface CredentialStatus {
  environment: FlexitiEnvironment
  /** null when no credentials were saved for this environment */
  client_id: string | null
  secret_set: boolean
  secret_set_at: string | null
  /** false when a secret is stored but FLEXITI_ENCRYPTION_KEY cannot decrypt it; null when none is stored */
  secret_readable: boolean | null
  pos_base_url: string | null
  online_base_url: string | null
  managed_by_environment: boolean
  /** the saved base URL is a sandbox or development server (not Flexiti's own https host) */
  development_endpoint: boolean
}

/** Number of labels per section one sync fetched, per language. */
export type I18nCounts = Record<"plan_ids" | "provinces" | "transaction_types" | "disclosures", number>

export interface SyncRow {
  id: string
  environment: FlexitiEnvironment
  outcome: "success" | "failure"
  synced_at: string
  counts: Partial<Record<Lang, I18nCounts>> | null
  reference_id: string | null
  error_code: string | null
  message: string | null
}

export interface TrustUrlCheck {
  /** the value as configured */
  url: string
  ok: boolean
  /** why Flexiti would refuse it (empty when ok) */
  reasons: string[]
}

/** GET /admin/flexiti/trust-urls, and the settings' `trust_urls`. */
export interface TrustUrls {
  environment: FlexitiEnvironment
  /** where to register them; null for production (Flexiti's implementation team does it) */
  portal_url: string | null
  /** settings.storefront_origins, or the store CORS origins when none are saved */
  source: "settings" | "store_cors"
  origins: TrustUrlCheck[]
  all_ok: boolean
}

/** The settings the admin edits (POST /admin/flexiti/settings takes these). */
export interface FlexitiSettings {
  active_environment: FlexitiEnvironment
  flow: FlexitiFlow
  auto_capture: boolean
  default_lang: Lang
  min_amount: string
  max_amount: string
  allowed_provinces: string[]
  storefront_origins: string[]
}

/** GET and POST /admin/flexiti/settings */
export interface SettingsView {
  /** the editable settings and the read-only id and dates of the stored row */
  settings: FlexitiSettings & { id: string; created_at: string; updated_at: string }
  managed_by_environment: boolean
  credentials: CredentialStatus[]
  /** provider options in medusa-config.ts that override these settings (names only) */
  pinned_by_provider_options: string[]
  environments: FlexitiEnvironment[]
  developer_portals: Record<FlexitiEnvironment, string | null>
  /** every Canadian province, by code */
  provinces: Province[]
  /** provinces Flexiti listed at the last i18n sync of the active environment (null: never synced) */
  synced_provinces: string[] | null
  last_sync: SyncRow | null
  trust_urls: TrustUrls
}

/** POST /admin/flexiti/credentials/:environment */
export interface CredentialsAnswer {
  credentials: CredentialStatus
}

/** Flexiti's synced labels of one environment in both languages, and its last sync. */
export interface I18nSnapshot {
  environment: FlexitiEnvironment
  labels: Partial<Record<Lang, { plan_ids: LabelMap; provinces: LabelMap; transaction_types: LabelMap; disclosures: LabelMap; synced_at: string }>>
  last_sync: SyncRow | null
}

/** GET /admin/flexiti/i18n */
export interface I18nAnswer {
  i18n: I18nSnapshot
}

/** POST /admin/flexiti/i18n/sync */
export interface I18nSyncAnswer {
  ok: boolean
  sync: SyncRow
  i18n: I18nSnapshot
}

/** POST /admin/flexiti/test-connection: Flexiti's refusal is an answer too (`ok: false` with its code). */
export type TestConnectionResult =
  | { ok: true; environment: FlexitiEnvironment; source: "environment" | "admin"; scope: string; expires_in: number; reference_id: string }
  | {
      ok: false
      environment: FlexitiEnvironment
      /** where the credentials came from; null when none could be resolved */
      source: "environment" | "admin" | null
      status: number | null
      code: string
      message: string
      reference_id: string
    }

/** A refund sent to Flexiti whose answer was lost, as the plugin recorded it. */
export interface UnansweredRefund {
  id: string
  kind: "return" | "account_refund"
  amount: string
  capture_id: string | null
  medusa_refund_id: string | null
  /** the reference sent to Flexiti: find the refund by it in Flexiti's merchant portal */
  reference_id: string
  sent_at: string
}

/** A Flexiti payment as the order page's panel shows it. */
export interface PaymentSummary {
  id: string
  currency_code: string
  medusa: { amount: string; captured: string; refunded: string; captured_at: string | null; canceled_at: string | null }
  flexiti: {
    session_id: string | null
    environment: string | null
    flow: FlexitiFlow | null
    reference_id: string | null
    authorization_id: number | null
    authorization_status: string | null
    account_number_masked: string | null
    transaction_type: TransactionType | null
    plan_id: number | null
    term: number | null
    plan_label: { en: string | null; fr: string | null } | null
  }
  amounts: { authorized: string; captured: string; returned: string; refunded: string; released: string; remaining: string }
  /** flexiti: the amounts were read from Flexiti just now; recorded: Flexiti did not answer, the last recorded ones */
  figures: { source: "flexiti" | "recorded"; note: string | null }
  /** Flexiti's captures of the authorization with what was returned or refunded on each */
  captures: { capture_id: number; medusa_capture_id: string | null; amount: string; returned: string; refunded: string; date: string }[]
  /** pending: Flexiti has not confirmed a release yet (the reconciler retries it) */
  release: { state: "pending" | "released" | null; error: string | null }
  /** refunds Flexiti did not answer and that cannot be read back: further refunds wait until each is resolved */
  unanswered_refunds: UnansweredRefund[]
  can_release: boolean
  history: {
    id: string
    operation: string
    outcome: "success" | "failure"
    reference_id: string
    http_status: number | null
    error_code: string | null
    amount: string | null
    flexiti_id: string | null
    message: string | null
    created_at: string
  }[]
}

/** GET /admin/flexiti/payments/:id and POST …/release */
export interface PaymentSummaryAnswer {
  payment: PaymentSummary
}

/** What the admin found in Flexiti's merchant portal. */
export type RefundResolution = "done" | "not_done"

/** POST /admin/flexiti/payments/:id/refunds/resolve */
export interface ResolveRefundAnswer {
  resolved: {
    /** the refund that was resolved */
    piece: UnansweredRefund
    outcome: RefundResolution
    /** for `done`: whether Medusa now holds a refund for it (null when it already did, or for `not_done`) */
    medusa_refund: { recorded: true } | { recorded: false; message: string } | null
  }
  payment: PaymentSummary
}

/** What one reconciliation did; `skipped` when another run held the lock. */
export type ReconcileRun = ReconcileReport & { skipped: boolean }

/** POST /admin/flexiti/reconcile */
export interface ReconcileAnswer {
  reconcile: ReconcileRun
}
