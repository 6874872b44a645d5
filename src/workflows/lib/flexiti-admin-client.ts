/**
 * Server-side access to Flexiti for the admin routes, workflows and jobs (app container).
 *
 * Settings and credentials come from the provider's resolver (providers/flexiti/runtime-config.ts),
 * fed with the provider options declared in medusa-config.ts, so the admin, the jobs and the
 * provider always agree on what is in force.
 */
import type { MedusaContainer } from "@medusajs/framework/types"
import { ContainerRegistrationKeys, MedusaError } from "@medusajs/framework/utils"
import { FlexitiClient } from "../../flexiti/client"
import { FlexitiCryptoError } from "../../modules/flexiti/crypto"
import type { KnexLike } from "../../modules/flexiti/settings-reader"
import { loadRuntimeConfig, MissingCredentialsError } from "../../providers/flexiti/runtime-config"
import { FLEXITI_MODULE, FlexitiEnvironmentName } from "../../modules/flexiti/constants"
import type FlexitiModuleService from "../../modules/flexiti/service"
import { declaredProviderOptions } from "../../providers/flexiti/declared-options"
import { ParsedProviderOptions } from "../../providers/flexiti/options"

/** True when credentials come from provider options or FLEXITI_* variables: the admin cannot edit them. */
export function credentialsManagedByEnvironment(options: ParsedProviderOptions): boolean {
  return !!(options.client_id || process.env.FLEXITI_CLIENT_ID || process.env.FLEXITI_CLIENT_SECRET)
}

/** The Flexiti provider options declared in medusa-config.ts, or {} when not found/unreadable. */
export const declaredFlexitiOptions = declaredProviderOptions

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

export interface AdminFlexitiClient {
  client: FlexitiClient
  environment: FlexitiEnvironmentName
  /** where the credentials came from */
  source: "environment" | "admin"
}

/** The environment in force: the request's, else the provider option, else the admin setting. */
export async function environmentInForce(
  container: MedusaContainer,
  requested?: FlexitiEnvironmentName
): Promise<FlexitiEnvironmentName> {
  if (requested) return requested
  const pinned = declaredFlexitiOptions(container).environment
  if (pinned) return pinned
  const flexiti = container.resolve<FlexitiModuleService>(FLEXITI_MODULE)
  return (await flexiti.getSettings()).active_environment
}

/**
 * A Flexiti client for one environment, from the same resolver the provider uses (provider
 * options and FLEXITI_* variables for the selected environment, else Settings → Flexiti).
 * Throws FlexitiNotConfiguredError when there are no credentials, and a MedusaError when the
 * stored secret cannot be decrypted.
 */
export async function adminFlexitiClient(
  container: MedusaContainer,
  requested?: FlexitiEnvironmentName
): Promise<AdminFlexitiClient> {
  const knex = container.resolve(ContainerRegistrationKeys.PG_CONNECTION) as KnexLike
  try {
    const config = await loadRuntimeConfig(declaredFlexitiOptions(container), knex, requested)
    return { client: config.client, environment: config.environment, source: config.credentialsSource }
  } catch (error) {
    if (error instanceof MissingCredentialsError) throw new FlexitiNotConfiguredError(error.message)
    if (error instanceof FlexitiCryptoError) throw new MedusaError(MedusaError.Types.INVALID_DATA, error.message)
    throw error
  }
}
