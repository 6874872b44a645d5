import { Badge, Button, Input, toast } from "@medusajs/ui"
import { useMutation, useQueryClient } from "@tanstack/react-query"
import { useEffect, useState } from "react"
import { CredentialStatus, errorMessage, FlexitiEnvironment, flexitiApi, SettingsView } from "../../lib/flexiti-api"
import { ENVIRONMENT_LABELS, SETTINGS_KEY, Section, Field } from "./layout"

export function CredentialsSection({ view, environment }: { view: SettingsView; environment: FlexitiEnvironment }) {
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
