import type { MedusaContainer } from "@medusajs/framework/types"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import type { KnexLike } from "../../../../modules/flexiti/settings-reader"
import { ParsedProviderOptions, parseProviderOptions } from "../../../../providers/flexiti/options"
import { loadRuntimeConfig, RuntimeConfig } from "../../../../providers/flexiti/runtime-config"

type ProviderEntry = { resolve?: unknown; id?: unknown; options?: Record<string, unknown> }

/**
 * The Flexiti provider's options as declared in medusa-config.ts (payment module → providers →
 * id "flexiti"). The provider instance lives in the payment module's container, out of a route's
 * reach, but its declaration is in the app's config module. Anything unreadable gives `{}`; the
 * admin settings, FLEXITI_CLIENT_ID / FLEXITI_CLIENT_SECRET and the defaults then apply as usual.
 */
export function declaredProviderOptions(scope: MedusaContainer): ParsedProviderOptions {
  try {
    const config = scope.resolve(ContainerRegistrationKeys.CONFIG_MODULE) as { modules?: unknown }
    const modules = config?.modules
    const entries = Array.isArray(modules) ? modules : Object.values((modules ?? {}) as Record<string, unknown>)
    for (const mod of entries) {
      const providers = (mod as { options?: { providers?: unknown } } | undefined)?.options?.providers
      if (!Array.isArray(providers)) continue
      const flexiti = (providers as ProviderEntry[]).find(
        (p) => p?.id === "flexiti" && typeof p.resolve === "string" && p.resolve.includes("flexiti")
      )
      if (flexiti) return parseProviderOptions(flexiti.options ?? {})
    }
  } catch {
    // a config we cannot read is not a reason to fail a storefront widget
  }
  return {}
}

/** The settings in force for the store routes: same precedence as the provider itself. */
export async function storeRuntimeConfig(scope: MedusaContainer): Promise<RuntimeConfig> {
  const knex = scope.resolve(ContainerRegistrationKeys.PG_CONNECTION) as KnexLike
  return loadRuntimeConfig(declaredProviderOptions(scope), knex)
}
