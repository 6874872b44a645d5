import { defineRouteConfig } from "@medusajs/admin-sdk"
import { Container, Heading, Hint, Label, Text, toast, usePrompt } from "@medusajs/ui"
import { useState } from "react"
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query"
import { ConnectionSection } from "../../../components/flexiti-settings/connection-section"
import { CredentialsSection } from "../../../components/flexiti-settings/credentials-section"
import { I18nSection } from "../../../components/flexiti-settings/i18n-section"
import { ENVIRONMENT_LABELS, EnvironmentSelect, I18N_KEY, SETTINGS_KEY, splitRefusal } from "../../../components/flexiti-settings/layout"
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
  const prompt = usePrompt()
  const [refusal, setRefusal] = useState<string | null>(null)
  /** whose credentials are edited and tested: the active environment unless the admin picks another (to prepare production) */
  const [editing, setEditing] = useState<FlexitiEnvironment | null>(null)
  const switchEnvironment = useMutation({
    mutationFn: (env: FlexitiEnvironment) => flexitiApi.saveSettings({ environment: env }),
    onSuccess: (data) => {
      setRefusal(null)
      queryClient.setQueryData(SETTINGS_KEY, data)
      toast.success(`Flexiti environment: ${ENVIRONMENT_LABELS[data.settings.active_environment]}`)
    },
    onError: (e) => setRefusal(splitRefusal(errorMessage(e), {}).rest),
  })
  /** Going live is asked for: from then on shoppers apply for real credit. */
  const chooseEnvironment = async (env: FlexitiEnvironment) => {
    setRefusal(null)
    if (env === "production") {
      const confirmed = await prompt({
        title: "Switch Flexiti to Production?",
        description:
          "From the next checkout, shoppers apply for real Flexiti credit and their accounts are charged, using the production credentials. " +
          "Test applicants and sandbox servers stop working. It is allowed only once production credentials are saved and Test connection has passed with them.",
        confirmText: "Switch to Production",
        cancelText: "Cancel",
        variant: "confirmation",
      })
      if (!confirmed) return
    }
    switchEnvironment.mutate(env)
  }

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
  const credentialsEnvironment = editing ?? environment
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
          <EnvironmentSelect
            id="flexiti-environment"
            value={environment}
            environments={view.environments}
            disabled={switchEnvironment.isPending}
            onChange={chooseEnvironment}
          />
        </div>
      </div>
      {refusal && (
        <div className="px-6 py-3">
          <Hint variant="error" role="alert" data-testid="flexiti-environment-refusal">
            Environment not changed: {refusal}
          </Hint>
        </div>
      )}
      <div className="flex items-center gap-3 px-6 py-4">
        <Label htmlFor="flexiti-credentials-for" size="small">
          Credentials for
        </Label>
        <EnvironmentSelect
          id="flexiti-credentials-for"
          value={credentialsEnvironment}
          environments={view.environments}
          active={environment}
          onChange={setEditing}
        />
        <Text size="small" className="text-ui-fg-subtle">
          Save and test another environment's credentials before switching to it.
        </Text>
      </div>
      <CredentialsSection view={view} environment={credentialsEnvironment} />
      <ConnectionSection environment={credentialsEnvironment} />
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
