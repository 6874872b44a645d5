/**
 * The configuration resolver as seen from Medusa's app container (store routes, admin routes,
 * workflows and jobs). The provider instance lives in the payment module's container, out of
 * their reach, but its declaration is in the app's config module: these functions read the
 * provider options from there and hand them to the same resolver the provider uses
 * (`resolver.ts`), so every room agrees on what is in force.
 */
import type { MedusaContainer } from "@medusajs/framework/types"
import { ContainerRegistrationKeys, MedusaError } from "@medusajs/framework/utils"
import { FlexitiClient } from "../flexiti/client"
import { FlexitiCryptoError } from "../modules/flexiti/crypto"
import type { PgConnection } from "../modules/flexiti/stores/connection"
import { readSettings } from "../modules/flexiti/stores/settings-store"
import type { FlexitiEnvironmentName } from "../lib/vocabulary"
import { ParsedProviderOptions, parseProviderOptions } from "../lib/config/provider-options"
import { loadRuntimeConfig, MissingCredentialsError, RuntimeConfig } from "./resolver"

type ProviderEntry = { resolve?: unknown; id?: unknown; options?: Record<string, unknown> }

/**
 * The Flexiti provider's options as declared in medusa-config.ts (payment module → providers →
 * id "flexiti"). Anything unreadable gives `{}`: admin settings, FLEXITI_CLIENT_ID /
 * FLEXITI_CLIENT_SECRET and defaults apply.
 */
export function declaredProviderOptions(container: MedusaContainer): ParsedProviderOptions {
  try {
    const config = container.resolve(ContainerRegistrationKeys.CONFIG_MODULE) as { modules?: unknown }
    const modules = config?.modules
    const entries = Array.isArray(modules) ? modules : Object.values((modules ?? {}) as Record<string, unknown>)
    for (const mod of entries) {
      const providers = (mod as { options?: { providers?: unknown } } | undefined)?.options?.providers
      if (!Array.isArray(providers)) continue
      const flexiti = (providers as ProviderEntry[]).find((p) => p?.id === "flexiti" && typeof p.resolve === "string" && p.resolve.includes("flexiti"))
      if (flexiti) return parseProviderOptions(flexiti.options ?? {})
    }
  } catch {
    // an unreadable config is not a reason to fail a storefront or admin request
  }
  return {}
}

function pgConnection(container: MedusaContainer): PgConnection {
  return container.resolve(ContainerRegistrationKeys.PG_CONNECTION) as PgConnection
}

/** Names of the provider options that pin a setting (values never exposed). */
export function pinnedOptionNames(options: ParsedProviderOptions): string[] {
  return Object.entries(options)
    .filter(([k, v]) => v !== undefined && k !== "client_secret" && k !== "client_id")
    .map(([k]) => k)
}

export class FlexitiNotConfiguredError extends MedusaError {
  readonly code = "missing_credentials"
  constructor(message: string) {
    super(MedusaError.Types.NOT_ALLOWED, message)
  }
}

/** The environment in force: the request's, else the provider option, else the admin setting. */
export async function environmentInForce(container: MedusaContainer, requested?: FlexitiEnvironmentName): Promise<FlexitiEnvironmentName> {
  if (requested) return requested
  const pinned = declaredProviderOptions(container).environment
  if (pinned) return pinned
  return (await readSettings(pgConnection(container))).active_environment
}

/**
 * The settings in force and a Flexiti client, as the provider would resolve them; `environment`
 * selects another environment's credentials (e.g. the one a payment was authorized in).
 * Throws FlexitiNotConfiguredError when there are no credentials, and a MedusaError when the
 * stored secret cannot be decrypted.
 */
export async function runtimeConfigOf(container: MedusaContainer, environment?: FlexitiEnvironmentName): Promise<RuntimeConfig> {
  try {
    return await loadRuntimeConfig(declaredProviderOptions(container), pgConnection(container), environment)
  } catch (error) {
    if (error instanceof MissingCredentialsError) throw new FlexitiNotConfiguredError(error.message)
    if (error instanceof FlexitiCryptoError) throw new MedusaError(MedusaError.Types.INVALID_DATA, error.message)
    throw error
  }
}

export interface AdminFlexitiClient {
  client: FlexitiClient
  environment: FlexitiEnvironmentName
  /** where the credentials came from */
  source: "environment" | "admin"
}

/** A Flexiti client for one environment (the one in force when none is given). */
export async function adminFlexitiClient(container: MedusaContainer, requested?: FlexitiEnvironmentName): Promise<AdminFlexitiClient> {
  const config = await runtimeConfigOf(container, requested)
  return { client: config.client, environment: config.environment, source: config.credentialsSource }
}
