import { defineRouteConfig } from "@medusajs/admin-sdk"
import { Container, Heading, Label, Text, toast } from "@medusajs/ui"
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query"
import { ConnectionSection } from "../../../components/flexiti-settings/connection-section"
import { CredentialsSection } from "../../../components/flexiti-settings/credentials-section"
import { I18nSection } from "../../../components/flexiti-settings/i18n-section"
import { ENVIRONMENT_LABELS, I18N_KEY, selectClass, SETTINGS_KEY } from "../../../components/flexiti-settings/layout"
import { ReconcileSection } from "../../../components/flexiti-settings/reconcile-section"
import { SettingsSection } from "../../../components/flexiti-settings/settings-section"
import { TrustUrlsSection } from "../../../components/flexiti-settings/trust-urls-section"
import { errorMessage, FlexitiEnvironment, flexitiApi } from "../../../lib/flexiti-api"

/** Settings → Flexiti: one component per section (src/admin/components/flexiti-settings). */
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
      <ReconcileSection />
    </Container>
  )
}

export const config = defineRouteConfig({
  label: "Flexiti",
})

export default FlexitiSettingsPage
