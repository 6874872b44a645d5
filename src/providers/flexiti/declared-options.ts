import type { MedusaContainer } from "@medusajs/framework/types"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import { ParsedProviderOptions, parseProviderOptions } from "./options"

type ProviderEntry = { resolve?: unknown; id?: unknown; options?: Record<string, unknown> }

/**
 * The Flexiti provider's options as declared in medusa-config.ts (payment module → providers →
 * id "flexiti"). The provider instance lives in the payment module's container, out of reach of
 * routes, workflows and jobs, but its declaration is in the app's config module. Anything
 * unreadable gives `{}`: admin settings, FLEXITI_CLIENT_ID / FLEXITI_CLIENT_SECRET and defaults apply.
 */
export function declaredProviderOptions(container: MedusaContainer): ParsedProviderOptions {
  try {
    const config = container.resolve(ContainerRegistrationKeys.CONFIG_MODULE) as { modules?: unknown }
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
    // an unreadable config is not a reason to fail a storefront or admin request
  }
  return {}
}
