import { createHash } from "node:crypto"
import { FlexitiClient } from "../flexiti/client"
import { FlexitiEnvironment } from "../flexiti/environments"
import { FLEXITI_SETTINGS_DEFAULTS } from "../modules/flexiti/schema"
import { FlexitiSettingsValues } from "../modules/flexiti/types"
import { eligibleProvinces } from "../lib/checkout-rules"
import { PgConnection } from "../modules/flexiti/stores/connection"
import { readCredentials } from "../modules/flexiti/stores/credential-store"
import { readSettings } from "../modules/flexiti/stores/settings-store"
import { readSyncedProvinces } from "../modules/flexiti/stores/i18n-store"
import { ParsedProviderOptions } from "../lib/config/provider-options"
import { FlexitiFlow } from "../lib/vocabulary"

/** Settings in force for one call: provider options > admin settings > defaults. */
export interface RuntimeConfig {
  environment: FlexitiEnvironment
  flow: FlexitiFlow
  autoCapture: boolean
  lang: "en" | "fr"
  minAmount: string
  maxAmount: string
  allowedProvinces: string[]
  defaultPlanId?: number
  defaultTerm?: number
  client: FlexitiClient
  /** where the credentials came from: provider options / FLEXITI_* variables, or Settings → Flexiti */
  credentialsSource: "environment" | "admin"
}

const clients = new Map<string, FlexitiClient>()

/**
 * Customer tokens each client keeps ready, so a widget checkout opens after one Flexiti round
 * trip: one is enough for a store's usual pace; under a burst the extra checkouts request their
 * own, as they would without it.
 */
const CUSTOMER_TOKEN_POOL = 1

function clientFor(args: {
  environment: FlexitiEnvironment
  clientId: string
  clientSecret: string
  posOrigin?: string
  onlineOrigin?: string
  lang: "en" | "fr"
  timeoutMs?: number
}): FlexitiClient {
  // The key holds a hash of the secret, never the secret itself.
  const key = createHash("sha256")
    .update(JSON.stringify([args.environment, args.clientId, args.clientSecret, args.posOrigin, args.onlineOrigin, args.lang, args.timeoutMs]))
    .digest("hex")
  let client = clients.get(key)
  if (!client) {
    client = new FlexitiClient({
      environment: args.environment,
      clientId: args.clientId,
      clientSecret: args.clientSecret,
      posOrigin: args.posOrigin,
      onlineOrigin: args.onlineOrigin,
      lang: args.lang,
      http: args.timeoutMs ? { timeoutMs: args.timeoutMs } : undefined,
      customerTokenPool: CUSTOMER_TOKEN_POOL,
    })
    clients.set(key, client)
  }
  return client
}

export class MissingCredentialsError extends Error {}

/**
 * The client id and secret the provider options or the FLEXITI_CLIENT_ID / FLEXITI_CLIENT_SECRET
 * variables supply (an option wins over its variable), or undefined unless both are present:
 * half a pair is not used, and Settings → Flexiti supplies the credentials instead.
 */
export function environmentCredentials(options: ParsedProviderOptions): { clientId: string; clientSecret: string } | undefined {
  const clientId = options.client_id ?? process.env.FLEXITI_CLIENT_ID
  const clientSecret = options.client_secret ?? process.env.FLEXITI_CLIENT_SECRET
  return clientId && clientSecret ? { clientId, clientSecret } : undefined
}

/**
 * True when the credentials in force come from provider options or FLEXITI_* variables, so the
 * admin cannot edit them; the same rule `loadRuntimeConfig` applies when it picks credentials.
 */
export function credentialsManagedByEnvironment(options: ParsedProviderOptions): boolean {
  return environmentCredentials(options) !== undefined
}

/** The client and where its credentials came from, for one environment. */
async function resolveClient(
  options: ParsedProviderOptions,
  knex: PgConnection | undefined,
  settings: FlexitiSettingsValues,
  environment: FlexitiEnvironment,
  lang: "en" | "fr"
): Promise<{ client: FlexitiClient; credentialsSource: "environment" | "admin" }> {
  const selected = options.environment ?? settings.active_environment
  // Credentials and base URLs in provider options (or FLEXITI_* variables) belong to the
  // environment the options select; another environment's come from Settings → Flexiti.
  const optionsApply = environment === selected
  const fromEnvironment = optionsApply ? environmentCredentials(options) : undefined
  let clientId = fromEnvironment?.clientId
  let clientSecret = fromEnvironment?.clientSecret
  let posOrigin = optionsApply ? options.pos_base_url : undefined
  let onlineOrigin = optionsApply ? options.online_base_url : undefined
  const credentialsSource = fromEnvironment ? "environment" : "admin"
  if (!fromEnvironment) {
    const stored = knex ? await readCredentials(knex, environment) : undefined
    clientId = stored?.client_id
    clientSecret = stored?.client_secret ?? undefined
    posOrigin = posOrigin ?? stored?.pos_base_url ?? undefined
    onlineOrigin = onlineOrigin ?? stored?.online_base_url ?? undefined
  }
  if (!clientId || !clientSecret) {
    throw new MissingCredentialsError(
      `Flexiti is not configured for the ${environment} environment: save a client id and secret in Settings → Flexiti or set FLEXITI_CLIENT_ID / FLEXITI_CLIENT_SECRET.`
    )
  }
  return { client: clientFor({ environment, clientId, clientSecret, posOrigin, onlineOrigin, lang, timeoutMs: options.timeout_ms }), credentialsSource }
}

/**
 * Only the Flexiti client of one environment, for a payment's back-office calls (capture, refund,
 * release): the same credentials `loadRuntimeConfig` picks, without reading what a checkout alone
 * needs (the synced provinces).
 */
export async function loadClient(options: ParsedProviderOptions, knex: PgConnection | undefined, environment: FlexitiEnvironment): Promise<FlexitiClient> {
  const settings: FlexitiSettingsValues = knex ? await readSettings(knex) : { ...FLEXITI_SETTINGS_DEFAULTS }
  const { client } = await resolveClient(options, knex, settings, environment, options.default_lang ?? settings.default_lang)
  return client
}

/**
 * Reads the admin-saved settings through the shared pg connection on every call, so a change
 * in the admin applies to the next checkout without a restart.
 */
export async function loadRuntimeConfig(
  options: ParsedProviderOptions,
  knex?: PgConnection,
  /** the environment a payment was authorized in: its back-office calls go there, whatever is selected now */
  paymentEnvironment?: FlexitiEnvironment
): Promise<RuntimeConfig> {
  const settings: FlexitiSettingsValues = knex ? await readSettings(knex) : { ...FLEXITI_SETTINGS_DEFAULTS }
  const selected = options.environment ?? settings.active_environment
  const environment = paymentEnvironment ?? selected
  const lang = options.default_lang ?? settings.default_lang
  const { client, credentialsSource } = await resolveClient(options, knex, settings, environment, lang)

  return {
    environment,
    flow: options.flow ?? settings.flow,
    autoCapture: options.auto_capture ?? settings.auto_capture,
    lang,
    minAmount: options.min_amount ?? settings.min_amount,
    maxAmount: options.max_amount ?? settings.max_amount,
    // allowed ∩ provinces Flexiti listed at the environment's last i18n sync (when synced)
    allowedProvinces: eligibleProvinces(
      options.allowed_provinces ?? settings.allowed_provinces,
      knex ? await readSyncedProvinces(knex, environment) : undefined
    ),
    defaultPlanId: options.default_plan_id,
    defaultTerm: options.default_term,
    client,
    credentialsSource,
  }
}
