/**
 * Server-side access to Flexiti for the admin routes, workflows and jobs (app container).
 *
 * Credentials follow the provider's precedence (src/providers/flexiti/runtime-config.ts):
 * FLEXITI_CLIENT_ID / FLEXITI_CLIENT_SECRET win, then the credentials saved in the admin.
 *
 * "Managed by environment" is decided by those two environment variables only. The provider's
 * own options live in the payment module's container; their declaration in medusa-config.ts is
 * read here for the base URLs and the environment, but credentials written literally into the
 * provider options (not through the env vars) are not detected: the provider would still use
 * them. The README tells merchants to pass credentials through the env vars.
 */
import type { MedusaContainer } from "@medusajs/framework/types"
import { ContainerRegistrationKeys, MedusaError } from "@medusajs/framework/utils"
import { FlexitiClient } from "../../flexiti/client"
import { FLEXITI_MODULE, FlexitiEnvironmentName } from "../../modules/flexiti/constants"
import type FlexitiModuleService from "../../modules/flexiti/service"
import { declaredProviderOptions } from "../../providers/flexiti/declared-options"
import { ParsedProviderOptions } from "../../providers/flexiti/options"

/** True when FLEXITI_CLIENT_ID or FLEXITI_CLIENT_SECRET is set: the admin cannot edit credentials. */
export function credentialsManagedByEnvironment(): boolean {
  return !!(process.env.FLEXITI_CLIENT_ID || process.env.FLEXITI_CLIENT_SECRET)
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
 * A Flexiti client for one environment with the credentials the provider would use.
 * Throws FlexitiNotConfiguredError when there are none (or no secret), and a MedusaError when
 * the stored secret cannot be decrypted.
 */
export async function adminFlexitiClient(
  container: MedusaContainer,
  requested?: FlexitiEnvironmentName
): Promise<AdminFlexitiClient> {
  const options = declaredFlexitiOptions(container)
  const environment = await environmentInForce(container, requested)
  const flexiti = container.resolve<FlexitiModuleService>(FLEXITI_MODULE)
  const settings = await flexiti.getSettings()
  const lang = options.default_lang ?? settings.default_lang

  const envId = process.env.FLEXITI_CLIENT_ID
  const envSecret = process.env.FLEXITI_CLIENT_SECRET
  if (envId && envSecret) {
    return {
      environment,
      source: "environment",
      client: new FlexitiClient({
        environment,
        clientId: envId,
        clientSecret: envSecret,
        posOrigin: options.pos_base_url,
        onlineOrigin: options.online_base_url,
        lang,
        http: options.timeout_ms ? { timeoutMs: options.timeout_ms } : undefined,
      }),
    }
  }
  const stored = await flexiti.resolveCredentials(environment)
  if (!stored?.client_id || !stored.client_secret) {
    throw new FlexitiNotConfiguredError(
      `Flexiti is not configured for the ${environment} environment: save a client id and secret in Settings → Flexiti or set FLEXITI_CLIENT_ID / FLEXITI_CLIENT_SECRET.`
    )
  }
  return {
    environment,
    source: "admin",
    client: new FlexitiClient({
      environment,
      clientId: stored.client_id,
      clientSecret: stored.client_secret,
      posOrigin: options.pos_base_url ?? stored.pos_base_url ?? undefined,
      onlineOrigin: options.online_base_url ?? stored.online_base_url ?? undefined,
      lang,
      http: options.timeout_ms ? { timeoutMs: options.timeout_ms } : undefined,
    }),
  }
}
