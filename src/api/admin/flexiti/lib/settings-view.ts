import type { MedusaContainer } from "@medusajs/framework/types"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import { DEVELOPER_PORTALS } from "../../../../flexiti/environments"
import { CANADIAN_PROVINCES, FLEXITI_ENVIRONMENTS, FlexitiEnvironmentName } from "../../../../lib/vocabulary"
import { FLEXITI_MODULE } from "../../../../modules/flexiti/schema"
import type FlexitiModuleService from "../../../../modules/flexiti/service"
import type { FlexitiCredentialStatus } from "../../../../modules/flexiti/types"
import { isFlexitiHost } from "../../../../modules/flexiti/validation"
import { declaredProviderOptions, pinnedOptionNames } from "../../../../config/from-container"
import { credentialsManagedByEnvironment } from "../../../../config/resolver"
import { trustUrls } from "./trust-urls"
import type { SettingsView } from "../../../../api-types/admin"

export function storeCorsOf(container: MedusaContainer): string | undefined {
  try {
    const config = container.resolve(ContainerRegistrationKeys.CONFIG_MODULE) as {
      projectConfig?: { http?: { storeCors?: string } }
    }
    return config.projectConfig?.http?.storeCors
  } catch {
    return undefined
  }
}

export async function trustUrlsFor(container: MedusaContainer, environment?: FlexitiEnvironmentName) {
  const flexiti = container.resolve<FlexitiModuleService>(FLEXITI_MODULE)
  const settings = await flexiti.getSettings()
  return trustUrls({
    environment: environment ?? settings.active_environment,
    storefrontOrigins: settings.storefront_origins,
    storeCors: storeCorsOf(container),
  })
}

/** One environment's credential status as the admin routes answer it (never a secret). */
export function credentialView(status: FlexitiCredentialStatus, managed: boolean) {
  return {
    ...status,
    managed_by_environment: managed,
    /** a saved base URL that is not Flexiti's own https host can only have been saved as a sandbox or development server */
    development_endpoint: [status.pos_base_url, status.online_base_url].some((url) => !!url && !isFlexitiHost(url)),
  }
}

/** GET /admin/flexiti/settings answer (and POST's): never a secret or its ciphertext. */
export async function settingsView(container: MedusaContainer) {
  const flexiti = container.resolve<FlexitiModuleService>(FLEXITI_MODULE)
  const settings = await flexiti.getSettings()
  const managed = credentialsManagedByEnvironment(declaredProviderOptions(container))
  const statuses = await flexiti.getCredentialStatus()
  const options = declaredProviderOptions(container)
  const lastSync = await flexiti.getLastI18nSync(settings.active_environment)
  return {
    settings,
    managed_by_environment: managed,
    credentials: statuses.map((s) => credentialView(s, managed)),
    /** provider options in medusa-config.ts that override these settings (names only) */
    pinned_by_provider_options: pinnedOptionNames(options),
    environments: [...FLEXITI_ENVIRONMENTS],
    developer_portals: Object.fromEntries(FLEXITI_ENVIRONMENTS.map((e) => [e, DEVELOPER_PORTALS[e] ?? null])) as SettingsView["developer_portals"],
    provinces: [...CANADIAN_PROVINCES],
    /** provinces Flexiti listed at the last i18n sync of the active environment (null: never synced) */
    synced_provinces: (await flexiti.syncedProvinces(settings.active_environment)) ?? null,
    last_sync: lastSync,
    trust_urls: trustUrls({
      environment: settings.active_environment,
      storefrontOrigins: settings.storefront_origins,
      storeCors: storeCorsOf(container),
    }),
  }
}
