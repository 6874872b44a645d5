import type { ReconcileReport as ServerReconcileReport } from "../../lib/reconcile-report"
import { sdk } from "./sdk"

/** Shapes answered by the plugin's admin routes (src/api/admin/flexiti/**). */
export type FlexitiEnvironment = "training" | "merchant_integration" | "production"
export type Lang = "en" | "fr"
export type LabelMap = Record<string, string>

export interface CredentialStatus {
  environment: FlexitiEnvironment
  client_id: string | null
  secret_set: boolean
  secret_set_at: string | null
  secret_readable: boolean | null
  pos_base_url: string | null
  online_base_url: string | null
  managed_by_environment: boolean
  /** the saved base URL is a sandbox or development server (not Flexiti's own https host) */
  development_endpoint: boolean
}

export interface SyncRow {
  id: string
  environment: FlexitiEnvironment
  outcome: "success" | "failure"
  synced_at: string
  counts: Partial<Record<Lang, Record<string, number>>> | null
  reference_id: string | null
  error_code: string | null
  message: string | null
}

export interface TrustUrls {
  environment: FlexitiEnvironment
  portal_url: string | null
  source: "settings" | "store_cors"
  origins: { url: string; ok: boolean; reasons: string[] }[]
  all_ok: boolean
}

export interface FlexitiSettings {
  active_environment: FlexitiEnvironment
  flow: "widget" | "hosted"
  auto_capture: boolean
  default_lang: Lang
  min_amount: string
  max_amount: string
  allowed_provinces: string[]
  storefront_origins: string[]
}

export interface SettingsView {
  settings: FlexitiSettings
  managed_by_environment: boolean
  credentials: CredentialStatus[]
  pinned_by_provider_options: string[]
  environments: FlexitiEnvironment[]
  developer_portals: Record<FlexitiEnvironment, string | null>
  provinces: string[]
  synced_provinces: string[] | null
  last_sync: SyncRow | null
  trust_urls: TrustUrls
}

export interface I18nSnapshot {
  environment: FlexitiEnvironment
  labels: Partial<Record<Lang, { plan_ids: LabelMap; provinces: LabelMap; transaction_types: LabelMap; disclosures: LabelMap; synced_at: string }>>
  last_sync: SyncRow | null
}

export type TestConnectionResult =
  | { ok: true; environment: FlexitiEnvironment; source: string; scope: string; expires_in: number; reference_id: string }
  | { ok: false; environment: FlexitiEnvironment; source: string | null; status: number | null; code: string; message: string; reference_id: string }

export interface PaymentSummary {
  id: string
  currency_code: string
  medusa: { amount: string; captured: string; refunded: string; captured_at: string | null; canceled_at: string | null }
  flexiti: {
    session_id: string | null
    environment: string | null
    flow: string | null
    reference_id: string | null
    authorization_id: number | null
    authorization_status: string | null
    account_number_masked: string | null
    transaction_type: string | null
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

/** What the admin found in Flexiti's merchant portal. */
export type RefundResolution = "done" | "not_done"

export interface ResolveRefundAnswer {
  resolved: { outcome: RefundResolution; medusa_refund: { recorded: true } | { recorded: false; message: string } | null }
  payment: PaymentSummary
}

export const flexitiApi = {
  settings: () => sdk.client.fetch<SettingsView>("/admin/flexiti/settings"),
  saveSettings: (body: Partial<FlexitiSettings> & { environment?: FlexitiEnvironment }) =>
    sdk.client.fetch<SettingsView>("/admin/flexiti/settings", { method: "POST", body }),
  saveCredentials: (
    environment: FlexitiEnvironment,
    body: {
      client_id: string
      client_secret?: string
      pos_base_url?: string | null
      online_base_url?: string | null
      development_endpoint?: boolean
    }
  ) => sdk.client.fetch<{ credentials: CredentialStatus }>(`/admin/flexiti/credentials/${environment}`, { method: "POST", body }),
  testConnection: (environment?: FlexitiEnvironment) =>
    sdk.client.fetch<TestConnectionResult>("/admin/flexiti/test-connection", { method: "POST", body: environment ? { environment } : {} }),
  i18n: (environment?: FlexitiEnvironment) => sdk.client.fetch<{ i18n: I18nSnapshot }>("/admin/flexiti/i18n", { query: environment ? { environment } : {} }),
  sync: (environment?: FlexitiEnvironment) =>
    sdk.client.fetch<{ ok: boolean; sync: SyncRow; i18n: I18nSnapshot }>("/admin/flexiti/i18n/sync", {
      method: "POST",
      body: environment ? { environment } : {},
    }),
  payment: (id: string) => sdk.client.fetch<{ payment: PaymentSummary }>(`/admin/flexiti/payments/${id}`),
  release: (id: string) => sdk.client.fetch<{ payment: PaymentSummary }>(`/admin/flexiti/payments/${id}/release`, { method: "POST", body: {} }),
  resolveRefund: (paymentId: string, body: { movement_id: string; outcome: RefundResolution }) =>
    sdk.client.fetch<ResolveRefundAnswer>(`/admin/flexiti/payments/${paymentId}/refunds/resolve`, { method: "POST", body }),
  reconcile: () => sdk.client.fetch<{ reconcile: ReconcileReport }>("/admin/flexiti/reconcile", { method: "POST", body: {} }),
}

/** What one reconciliation did (see the README's "Reconciliation"). */
export type ReconcileReport = ServerReconcileReport & { skipped: boolean }

/** A readable message from an SDK error (FetchError carries the route's message). */
export function errorMessage(error: unknown): string {
  const e = error as { message?: string }
  return e?.message ?? String(error)
}

/** Integer cents from a 2-decimal dollar string, so amounts are never summed as floats. */
export function toCents(value: string): number | null {
  const m = /^\s*(\d{1,12})(?:\.(\d{1,2}))?\s*$/.exec(value)
  if (!m) return null
  return Number(m[1]) * 100 + Number((m[2] ?? "").padEnd(2, "0"))
}
