import { Badge, Button, Checkbox, Hint, Input, Label, toast } from "@medusajs/ui"
import { useMutation, useQueryClient } from "@tanstack/react-query"
import { useEffect, useState } from "react"
import { CredentialStatus, errorMessage, FlexitiEnvironment, flexitiApi, SettingsView } from "../../lib/flexiti-api"
import { ENVIRONMENT_LABELS, Field, Section, SETTINGS_KEY, splitRefusal } from "./layout"

const LABELS = {
  client_id: "Client id",
  client_secret: "Client secret",
  pos_base_url: "POS API base URL",
  development_endpoint: 'the "sandbox or development server" box',
}
type CredentialErrors = Partial<Record<"client_id" | "client_secret" | "pos_base_url", string>>

/** Why a typed base URL cannot be one, before asking the server (which also checks the host). */
function baseUrlProblem(value: string): string | undefined {
  if (!value) return undefined
  let url: URL
  try {
    url = new URL(value)
  } catch {
    return "Not a complete web address: enter it in full, e.g. https://pos.flexiti.fi"
  }
  if (url.protocol !== "https:" && url.protocol !== "http:") return "Must start with https:// (or http:// for a sandbox)"
  if (url.username || url.password) return "Must not contain a user name or password"
  return undefined
}

export function CredentialsSection({ view, environment }: { view: SettingsView; environment: FlexitiEnvironment }) {
  const queryClient = useQueryClient()
  const status = view.credentials.find((c) => c.environment === environment) as CredentialStatus
  const managed = view.managed_by_environment
  const [clientId, setClientId] = useState(status?.client_id ?? "")
  const [secret, setSecret] = useState("")
  const [posBaseUrl, setPosBaseUrl] = useState(status?.pos_base_url ?? "")
  const [developmentEndpoint, setDevelopmentEndpoint] = useState(status?.development_endpoint ?? false)
  const [errors, setErrors] = useState<CredentialErrors>({})
  const [refusal, setRefusal] = useState<string | null>(null)
  useEffect(() => {
    setClientId(status?.client_id ?? "")
    setPosBaseUrl(status?.pos_base_url ?? "")
    setDevelopmentEndpoint(status?.development_endpoint ?? false)
    setSecret("")
    setErrors({})
    setRefusal(null)
  }, [environment, status?.client_id, status?.pos_base_url, status?.development_endpoint])

  // The stored secret goes only to a host the admin confirmed by typing it: a new URL needs it again.
  const urlChanged = posBaseUrl.trim().replace(/\/+$/, "") !== (status?.pos_base_url ?? "")
  const secretNeeded = urlChanged && !!status?.secret_set && !secret

  const save = useMutation({
    mutationFn: () =>
      flexitiApi.saveCredentials(environment, {
        client_id: clientId.trim(),
        ...(secret ? { client_secret: secret } : {}),
        pos_base_url: posBaseUrl.trim() || null,
        development_endpoint: developmentEndpoint,
      }),
    onSuccess: () => {
      setSecret("") // write-only: never kept in the page
      setRefusal(null)
      toast.success("Flexiti credentials saved")
      queryClient.invalidateQueries({ queryKey: SETTINGS_KEY })
    },
    onError: (e) => {
      const { fields, rest } = splitRefusal(errorMessage(e), LABELS)
      setErrors(fields)
      setRefusal(rest)
    },
  })
  const submit = () => {
    const found: CredentialErrors = {}
    if (!clientId.trim()) found.client_id = "Enter the client id Flexiti gave you for this environment"
    const urlProblem = baseUrlProblem(posBaseUrl.trim())
    if (urlProblem) found.pos_base_url = urlProblem
    if (secretNeeded) found.client_secret = "Enter the client secret again: the base URL changed, and the secret is only sent where you confirm it"
    setErrors(found)
    setRefusal(null)
    if (Object.keys(found).length === 0) save.mutate()
  }

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
      <Field label={LABELS.client_id} htmlFor="flexiti-client-id" error={errors.client_id}>
        <Input
          id="flexiti-client-id"
          data-testid="flexiti-client-id"
          value={clientId}
          disabled={managed}
          readOnly={managed}
          aria-invalid={!!errors.client_id}
          onChange={(e) => setClientId(e.target.value)}
          autoComplete="off"
        />
      </Field>
      <Field
        label={LABELS.client_secret}
        htmlFor="flexiti-client-secret"
        error={errors.client_secret}
        hint={
          secretNeeded
            ? "The base URL changed: enter the client secret again to send it there."
            : status?.secret_set
              ? "Leave empty to keep the saved secret."
              : undefined
        }
      >
        <div className="flex items-center gap-2">
          <Input
            id="flexiti-client-secret"
            data-testid="flexiti-client-secret"
            type="password"
            value={secret}
            disabled={managed}
            aria-invalid={!!errors.client_secret}
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
      <Field
        label={`${LABELS.pos_base_url} (optional)`}
        htmlFor="flexiti-pos-base-url"
        error={errors.pos_base_url}
        hint="Empty: Flexiti's own address for this environment. Changing it needs the client secret again."
      >
        <Input
          id="flexiti-pos-base-url"
          data-testid="flexiti-pos-base-url"
          value={posBaseUrl}
          disabled={managed}
          aria-invalid={!!errors.pos_base_url}
          placeholder="Flexiti's host for this environment, or a sandbox such as http://127.0.0.1:4010"
          onChange={(e) => setPosBaseUrl(e.target.value)}
        />
        <div className="mt-2 flex items-center gap-2">
          <Checkbox
            id="flexiti-development-endpoint"
            data-testid="flexiti-development-endpoint"
            checked={developmentEndpoint}
            disabled={managed}
            onCheckedChange={(v) => setDevelopmentEndpoint(v === true)}
          />
          <Label htmlFor="flexiti-development-endpoint" size="small" weight="regular" className="text-ui-fg-subtle">
            This is a sandbox or development server (allows http and hosts other than Flexiti's; never for production)
          </Label>
        </div>
      </Field>
      {refusal && (
        <Hint variant="error" role="alert" data-testid="flexiti-credentials-refusal">
          Not saved: {refusal}
        </Hint>
      )}
      <div>
        <Button size="small" variant="secondary" data-testid="flexiti-save-credentials" disabled={managed} isLoading={save.isPending} onClick={submit}>
          Save credentials
        </Button>
      </div>
    </Section>
  )
}
