import { defineRouteConfig } from "@medusajs/admin-sdk"
import { Badge, Button, Container, Heading, Input, Label, Switch, Text, toast } from "@medusajs/ui"
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query"
import { useEffect, useState } from "react"
import {
  CredentialStatus,
  errorMessage,
  FlexitiEnvironment,
  FlexitiSettings,
  flexitiApi,
  I18nSnapshot,
  SettingsView,
  TestConnectionResult,
} from "../../../lib/flexiti-api"

const ENVIRONMENT_LABELS: Record<FlexitiEnvironment, string> = {
  training: "Training",
  merchant_integration: "Merchant integration",
  production: "Production",
}

const SETTINGS_KEY = ["flexiti", "settings"]
const I18N_KEY = ["flexiti", "i18n"]

const selectClass =
  "bg-ui-bg-field shadow-borders-base txt-compact-small h-8 rounded-md px-2 text-ui-fg-base outline-none focus:shadow-borders-interactive-with-active"

function Section({ title, children, description }: { title: string; description?: string; children: React.ReactNode }) {
  return (
    <div className="px-6 py-4">
      <Heading level="h2">{title}</Heading>
      {description && (
        <Text size="small" className="text-ui-fg-subtle mb-3">
          {description}
        </Text>
      )}
      <div className="mt-3 flex flex-col gap-3">{children}</div>
    </div>
  )
}

function Field({ label, htmlFor, children }: { label: string; htmlFor: string; children: React.ReactNode }) {
  return (
    <div className="grid grid-cols-[200px_1fr] items-center gap-3">
      <Label htmlFor={htmlFor} size="small">
        {label}
      </Label>
      <div>{children}</div>
    </div>
  )
}

/* ------------------------------------------------------------ credentials */

function CredentialsSection({ view, environment }: { view: SettingsView; environment: FlexitiEnvironment }) {
  const queryClient = useQueryClient()
  const status = view.credentials.find((c) => c.environment === environment) as CredentialStatus
  const managed = view.managed_by_environment
  const [clientId, setClientId] = useState(status?.client_id ?? "")
  const [secret, setSecret] = useState("")
  const [posBaseUrl, setPosBaseUrl] = useState(status?.pos_base_url ?? "")
  const [developmentEndpoint, setDevelopmentEndpoint] = useState(false)
  useEffect(() => {
    setClientId(status?.client_id ?? "")
    setPosBaseUrl(status?.pos_base_url ?? "")
    setSecret("")
  }, [environment, status?.client_id, status?.pos_base_url])

  const save = useMutation({
    mutationFn: () =>
      flexitiApi.saveCredentials(environment, {
        client_id: clientId,
        ...(secret ? { client_secret: secret } : {}),
        pos_base_url: posBaseUrl.trim() || null,
        ...(developmentEndpoint ? { development_endpoint: true } : {}),
      }),
    onSuccess: () => {
      setSecret("") // write-only: never kept in the page
      toast.success("Flexiti credentials saved")
      queryClient.invalidateQueries({ queryKey: SETTINGS_KEY })
    },
    onError: (e) => toast.error(errorMessage(e)),
  })

  return (
    <Section
      title={`Credentials: ${ENVIRONMENT_LABELS[environment]}`}
      description={
        managed
          ? "Managed by environment: FLEXITI_CLIENT_ID / FLEXITI_CLIENT_SECRET are set on the server and win over anything saved here."
          : "The client secret is stored encrypted and never shown again. Leave it empty to keep the saved one."
      }
    >
      {managed && (
        <div>
          <Badge size="2xsmall" color="orange" data-testid="flexiti-managed-by-environment">
            Managed by environment
          </Badge>
        </div>
      )}
      <Field label="Client id" htmlFor="flexiti-client-id">
        <Input
          id="flexiti-client-id"
          data-testid="flexiti-client-id"
          value={clientId}
          disabled={managed}
          readOnly={managed}
          onChange={(e) => setClientId(e.target.value)}
          autoComplete="off"
        />
      </Field>
      <Field label="Client secret" htmlFor="flexiti-client-secret">
        <div className="flex items-center gap-2">
          <Input
            id="flexiti-client-secret"
            data-testid="flexiti-client-secret"
            type="password"
            value={secret}
            disabled={managed}
            placeholder={status?.secret_set ? "•••••••• (unchanged)" : ""}
            onChange={(e) => setSecret(e.target.value)}
            autoComplete="new-password"
          />
          {status?.secret_set && (
            <Badge size="2xsmall" color={status.secret_readable === false ? "red" : "green"} data-testid="flexiti-secret-set">
              {status.secret_readable === false ? "Secret set (unreadable with this key)" : "Secret set"}
            </Badge>
          )}
        </div>
      </Field>
      <Field label="POS API base URL (optional)" htmlFor="flexiti-pos-base-url">
        <Input
          id="flexiti-pos-base-url"
          data-testid="flexiti-pos-base-url"
          value={posBaseUrl}
          disabled={managed}
          placeholder="Flexiti's host for this environment, or a sandbox such as http://127.0.0.1:4010"
          onChange={(e) => setPosBaseUrl(e.target.value)}
        />
        <label className="txt-small text-ui-fg-subtle mt-2 flex items-center gap-2">
          <input
            type="checkbox"
            data-testid="flexiti-development-endpoint"
            checked={developmentEndpoint}
            disabled={managed}
            onChange={(e) => setDevelopmentEndpoint(e.target.checked)}
          />
          This is a sandbox or development server (allows http and hosts other than Flexiti's; never for production).
          Changing the URL needs the client secret again.
        </label>
      </Field>
      <div>
        <Button
          size="small"
          variant="secondary"
          data-testid="flexiti-save-credentials"
          disabled={managed || !clientId.trim()}
          isLoading={save.isPending}
          onClick={() => save.mutate()}
        >
          Save credentials
        </Button>
      </div>
    </Section>
  )
}

/* ------------------------------------------------------------ connection */

function ConnectionSection({ environment }: { environment: FlexitiEnvironment }) {
  const [result, setResult] = useState<TestConnectionResult | null>(null)
  const test = useMutation({
    mutationFn: () => flexitiApi.testConnection(environment),
    onSuccess: (r) => setResult(r),
    onError: (e) => toast.error(errorMessage(e)),
  })
  useEffect(() => setResult(null), [environment])
  return (
    <Section title="Connection" description="Requests a real token from Flexiti with the credentials in force.">
      <div className="flex items-center gap-3">
        <Button size="small" variant="secondary" data-testid="flexiti-test-connection" isLoading={test.isPending} onClick={() => test.mutate()}>
          Test connection
        </Button>
        <div data-testid="flexiti-test-result" data-ok={result ? String(result.ok) : undefined}>
          {result?.ok === true && (
            <Text size="small">
              <Badge size="2xsmall" color="green">
                Connected
              </Badge>{" "}
              scope {result.scope}, token valid {result.expires_in}s, reference id <code>{result.reference_id}</code>
            </Text>
          )}
          {result?.ok === false && (
            <Text size="small">
              <Badge size="2xsmall" color="red">
                {result.code}
              </Badge>{" "}
              {result.message} (reference id <code>{result.reference_id}</code>)
            </Text>
          )}
        </div>
      </div>
    </Section>
  )
}

/* ------------------------------------------------------------ settings */

function SettingsSection({ view, i18n }: { view: SettingsView; i18n?: I18nSnapshot }) {
  const queryClient = useQueryClient()
  const [draft, setDraft] = useState<FlexitiSettings>(view.settings)
  const [origins, setOrigins] = useState(view.settings.storefront_origins.join("\n"))
  useEffect(() => {
    setDraft(view.settings)
    setOrigins(view.settings.storefront_origins.join("\n"))
  }, [view.settings])

  const save = useMutation({
    mutationFn: () => {
      const { active_environment: _env, storefront_origins: _o, ...rest } = draft
      return flexitiApi.saveSettings({
        ...rest,
        storefront_origins: origins
          .split(/[\s,]+/)
          .map((s) => s.trim())
          .filter(Boolean),
      })
    },
    onSuccess: (data) => {
      queryClient.setQueryData(SETTINGS_KEY, data)
      toast.success("Flexiti settings saved; they apply to the next checkout")
    },
    onError: (e) => toast.error(errorMessage(e)),
  })

  const synced = view.synced_provinces
  const provinceCodes = synced ?? view.provinces
  const en = i18n?.labels.en?.provinces ?? {}
  const fr = i18n?.labels.fr?.provinces ?? {}
  const toggleProvince = (code: string, on: boolean) =>
    setDraft((d) => ({
      ...d,
      allowed_provinces: on ? Array.from(new Set([...d.allowed_provinces, code])) : d.allowed_provinces.filter((p) => p !== code),
    }))

  return (
    <Section
      title="Checkout"
      description={
        view.pinned_by_provider_options.length
          ? `Set in medusa-config.ts and overriding these values: ${view.pinned_by_provider_options.join(", ")}.`
          : "Saved values apply to the next checkout, without a restart."
      }
    >
      <Field label="Flow" htmlFor="flexiti-flow">
        <select
          id="flexiti-flow"
          data-testid="flexiti-flow"
          className={selectClass}
          value={draft.flow}
          onChange={(e) => setDraft({ ...draft, flow: e.target.value as FlexitiSettings["flow"] })}
        >
          <option value="widget">Widget (POS API, modal)</option>
          <option value="hosted">Hosted (Online API, redirect)</option>
        </select>
      </Field>
      <Field label="Capture at checkout" htmlFor="flexiti-auto-capture">
        <div className="flex items-center gap-2">
          <Switch
            id="flexiti-auto-capture"
            data-testid="flexiti-auto-capture"
            checked={draft.auto_capture}
            onCheckedChange={(v) => setDraft({ ...draft, auto_capture: v })}
          />
          <Text size="small" className="text-ui-fg-subtle">
            {draft.auto_capture ? "Authorize and capture" : "Authorize only; capture from the order"}
          </Text>
        </div>
      </Field>
      <Field label="Default language" htmlFor="flexiti-default-lang">
        <select
          id="flexiti-default-lang"
          data-testid="flexiti-default-lang"
          className={selectClass}
          value={draft.default_lang}
          onChange={(e) => setDraft({ ...draft, default_lang: e.target.value as FlexitiSettings["default_lang"] })}
        >
          <option value="en">English</option>
          <option value="fr">Français</option>
        </select>
      </Field>
      <Field label="Minimum order (CAD)" htmlFor="flexiti-min-amount">
        <Input id="flexiti-min-amount" data-testid="flexiti-min-amount" value={draft.min_amount} onChange={(e) => setDraft({ ...draft, min_amount: e.target.value })} />
      </Field>
      <Field label="Maximum order (CAD)" htmlFor="flexiti-max-amount">
        <Input id="flexiti-max-amount" data-testid="flexiti-max-amount" value={draft.max_amount} onChange={(e) => setDraft({ ...draft, max_amount: e.target.value })} />
      </Field>
      <Field label="Storefront origins" htmlFor="flexiti-storefront-origins">
        <textarea
          id="flexiti-storefront-origins"
          data-testid="flexiti-storefront-origins"
          className={`${selectClass} h-16 w-full py-1`}
          placeholder="https://shop.example.ca (one per line; empty = the store CORS origins)"
          value={origins}
          onChange={(e) => setOrigins(e.target.value)}
        />
      </Field>
      <div>
        <Label size="small">Allowed provinces</Label>
        {!synced && (
          <Text size="small" className="text-ui-fg-subtle">
            Not synced with Flexiti yet: run "Sync now" to pick from Flexiti's list.
          </Text>
        )}
        <div className="mt-2 grid grid-cols-2 gap-1 md:grid-cols-3" data-testid="flexiti-allowed-provinces">
          {provinceCodes.map((code) => (
            <label key={code} className="flex items-center gap-2 txt-compact-small">
              <input
                type="checkbox"
                data-testid={`flexiti-province-${code}`}
                checked={draft.allowed_provinces.includes(code)}
                onChange={(e) => toggleProvince(code, e.target.checked)}
              />
              <span>
                {code}
                {en[code] ? ` · ${en[code]}` : ""}
                {fr[code] && fr[code] !== en[code] ? ` / ${fr[code]}` : ""}
              </span>
            </label>
          ))}
        </div>
      </div>
      <div>
        <Button size="small" data-testid="flexiti-save-settings" isLoading={save.isPending} onClick={() => save.mutate()}>
          Save settings
        </Button>
      </div>
    </Section>
  )
}

/* ------------------------------------------------------------ trust URLs */

function TrustUrlsSection({ view }: { view: SettingsView }) {
  const t = view.trust_urls
  return (
    <Section
      title="Trust URLs"
      description={`Register these origins for ${ENVIRONMENT_LABELS[t.environment]} ${
        t.source === "settings" ? "(from the storefront origins above)" : "(from the store CORS origins: set storefront origins to override)"
      }. Flexiti requires https, no trailing slash, no path.`}
    >
      <ul data-testid="flexiti-trust-urls" className="flex flex-col gap-1">
        {t.origins.length === 0 && <Text size="small">No storefront origin configured.</Text>}
        {t.origins.map((o) => (
          <li key={o.url} className="flex items-center gap-2" data-ok={String(o.ok)}>
            <Badge size="2xsmall" color={o.ok ? "green" : "red"}>
              {o.ok ? "OK" : "Fix"}
            </Badge>
            <code className="txt-compact-small">{o.url}</code>
            {!o.ok && (
              <Text size="small" className="text-ui-fg-error">
                {o.reasons.join("; ")}
              </Text>
            )}
          </li>
        ))}
      </ul>
      <Text size="small">
        {t.portal_url ? (
          <a href={t.portal_url} target="_blank" rel="noreferrer" className="text-ui-fg-interactive" data-testid="flexiti-portal-link">
            Open Flexiti's developer portal ({ENVIRONMENT_LABELS[t.environment]})
          </a>
        ) : (
          "Production Trust URLs are registered by Flexiti's implementation team (implementation@flexiti.com)."
        )}
      </Text>
    </Section>
  )
}

/* ------------------------------------------------------------ i18n */

function LabelTable({ testId, en = {}, fr = {} }: { testId: string; en?: Record<string, string>; fr?: Record<string, string> }) {
  const codes = Array.from(new Set([...Object.keys(en), ...Object.keys(fr)])).sort((a, b) => a.localeCompare(b, "en", { numeric: true }))
  return (
    <table className="w-full txt-compact-small" data-testid={testId}>
      <thead>
        <tr className="text-ui-fg-subtle text-left">
          <th className="pr-2">Code</th>
          <th className="pr-2">English</th>
          <th>Français</th>
        </tr>
      </thead>
      <tbody>
        {codes.map((code) => (
          <tr key={code} data-code={code}>
            <td className="pr-2">{code}</td>
            <td className="pr-2">{en[code] ?? "—"}</td>
            <td>{fr[code] ?? "—"}</td>
          </tr>
        ))}
      </tbody>
    </table>
  )
}

function I18nSection({ environment, i18n }: { environment: FlexitiEnvironment; i18n?: I18nSnapshot }) {
  const queryClient = useQueryClient()
  const sync = useMutation({
    mutationFn: () => flexitiApi.sync(environment),
    onSuccess: (r) => {
      queryClient.setQueryData([...I18N_KEY, environment], { i18n: r.i18n })
      queryClient.invalidateQueries({ queryKey: SETTINGS_KEY })
      if (r.ok) toast.success("Flexiti labels synced")
      else toast.error(`Sync failed: ${r.sync.error_code ?? ""} ${r.sync.message ?? ""}`)
    },
    onError: (e) => toast.error(errorMessage(e)),
  })
  const last = i18n?.last_sync
  return (
    <Section title="Plans and provinces" description="Flexiti's labels in English and French, refreshed daily at 04:00 and on demand.">
      <div className="flex items-center gap-3">
        <Button size="small" variant="secondary" data-testid="flexiti-sync" isLoading={sync.isPending} onClick={() => sync.mutate()}>
          Sync now
        </Button>
        <div data-testid="flexiti-sync-result" data-outcome={last?.outcome}>
          {last ? (
            <Text size="small">
              <Badge size="2xsmall" color={last.outcome === "success" ? "green" : "red"}>
                {last.outcome}
              </Badge>{" "}
              {new Date(last.synced_at).toLocaleString()}
              {last.counts?.en &&
                ` · ${last.counts.en.plan_ids} plans, ${last.counts.en.provinces} provinces, ${last.counts.en.transaction_types} transaction types, ${last.counts.en.disclosures} disclosures`}
              {last.outcome === "failure" && ` · ${last.error_code ?? ""} ${last.message ?? ""}`}
              {last.reference_id && ` · reference id ${last.reference_id}`}
            </Text>
          ) : (
            <Text size="small" className="text-ui-fg-subtle">
              Never synced
            </Text>
          )}
        </div>
      </div>
      <Label size="small">Plans</Label>
      <LabelTable testId="flexiti-plans" en={i18n?.labels.en?.plan_ids} fr={i18n?.labels.fr?.plan_ids} />
      <Label size="small">Provinces</Label>
      <LabelTable testId="flexiti-provinces" en={i18n?.labels.en?.provinces} fr={i18n?.labels.fr?.provinces} />
    </Section>
  )
}

/* ------------------------------------------------------------ page */

const FlexitiSettingsPage = () => {
  const queryClient = useQueryClient()
  const settings = useQuery({ queryKey: SETTINGS_KEY, queryFn: flexitiApi.settings })
  const environment = settings.data?.settings.active_environment
  const i18n = useQuery({
    queryKey: [...I18N_KEY, environment],
    queryFn: () => flexitiApi.i18n(environment),
    enabled: !!environment,
  })
  const switchEnvironment = useMutation({
    mutationFn: (env: FlexitiEnvironment) => flexitiApi.saveSettings({ environment: env }),
    onSuccess: (data) => {
      queryClient.setQueryData(SETTINGS_KEY, data)
      toast.success(`Flexiti environment: ${ENVIRONMENT_LABELS[data.settings.active_environment]}`)
    },
    onError: (e) => toast.error(errorMessage(e)),
  })

  if (settings.isLoading) {
    return (
      <Container>
        <Text size="small">Loading Flexiti settings…</Text>
      </Container>
    )
  }
  if (settings.isError || !settings.data || !environment) {
    return (
      <Container>
        <Text size="small" className="text-ui-fg-error">
          Could not load the Flexiti settings: {errorMessage(settings.error)}
        </Text>
      </Container>
    )
  }
  const view = settings.data
  return (
    <Container className="divide-y p-0" data-testid="flexiti-settings">
      <div className="flex items-center justify-between px-6 py-4">
        <div>
          <Heading level="h1">Flexiti</Heading>
          <Text size="small" className="text-ui-fg-subtle">
            Financing for Canadian shoppers
          </Text>
        </div>
        <div className="flex items-center gap-2">
          <Label htmlFor="flexiti-environment" size="small">
            Environment
          </Label>
          <select
            id="flexiti-environment"
            data-testid="flexiti-environment"
            className={selectClass}
            value={environment}
            disabled={switchEnvironment.isPending}
            onChange={(e) => switchEnvironment.mutate(e.target.value as FlexitiEnvironment)}
          >
            {view.environments.map((env) => (
              <option key={env} value={env}>
                {ENVIRONMENT_LABELS[env]}
              </option>
            ))}
          </select>
        </div>
      </div>
      <CredentialsSection view={view} environment={environment} />
      <ConnectionSection environment={environment} />
      <SettingsSection view={view} i18n={i18n.data?.i18n} />
      <TrustUrlsSection view={view} />
      <I18nSection environment={environment} i18n={i18n.data?.i18n} />
    </Container>
  )
}

export const config = defineRouteConfig({
  label: "Flexiti",
})

export default FlexitiSettingsPage
