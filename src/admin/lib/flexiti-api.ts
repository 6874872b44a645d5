import type {
  CredentialsAnswer,
  FlexitiEnvironment,
  FlexitiSettings,
  I18nAnswer,
  I18nSyncAnswer,
  PaymentSummaryAnswer,
  ReconcileAnswer,
  RefundResolution,
  ResolveRefundAnswer,
  SettingsView,
  TestConnectionResult,
} from "../../api-types/admin"
import { sdk } from "./sdk"

/** Shapes answered by the plugin's admin routes, defined once in src/api-types/admin.ts. */
export type {
  CredentialStatus,
  FlexitiEnvironment,
  FlexitiSettings,
  I18nSnapshot,
  LabelMap,
  Lang,
  PaymentSummary,
  RefundResolution,
  ResolveRefundAnswer,
  SettingsView,
  SyncRow,
  TestConnectionResult,
  TrustUrls,
  UnansweredRefund,
} from "../../api-types/admin"
/** What one reconciliation did (see the README's "Reconciliation"). */
export type { ReconcileRun as ReconcileReport } from "../../api-types/admin"

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
  ) => sdk.client.fetch<CredentialsAnswer>(`/admin/flexiti/credentials/${environment}`, { method: "POST", body }),
  testConnection: (environment?: FlexitiEnvironment) =>
    sdk.client.fetch<TestConnectionResult>("/admin/flexiti/test-connection", { method: "POST", body: environment ? { environment } : {} }),
  i18n: (environment?: FlexitiEnvironment) => sdk.client.fetch<I18nAnswer>("/admin/flexiti/i18n", { query: environment ? { environment } : {} }),
  sync: (environment?: FlexitiEnvironment) =>
    sdk.client.fetch<I18nSyncAnswer>("/admin/flexiti/i18n/sync", {
      method: "POST",
      body: environment ? { environment } : {},
    }),
  payment: (id: string) => sdk.client.fetch<PaymentSummaryAnswer>(`/admin/flexiti/payments/${id}`),
  release: (id: string) => sdk.client.fetch<PaymentSummaryAnswer>(`/admin/flexiti/payments/${id}/release`, { method: "POST", body: {} }),
  resolveRefund: (paymentId: string, body: { movement_id: string; outcome: RefundResolution }) =>
    sdk.client.fetch<ResolveRefundAnswer>(`/admin/flexiti/payments/${paymentId}/refunds/resolve`, { method: "POST", body }),
  reconcile: () => sdk.client.fetch<ReconcileAnswer>("/admin/flexiti/reconcile", { method: "POST", body: {} }),
}

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
