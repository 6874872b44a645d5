import type { MedusaContainer } from "@medusajs/framework/types"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import type { KnexLike } from "../../../../modules/flexiti/settings-reader"
import { declaredProviderOptions } from "../../../../providers/flexiti/declared-options"
import { loadRuntimeConfig, RuntimeConfig } from "../../../../providers/flexiti/runtime-config"

/** The settings in force for the store routes: same precedence as the provider itself. */
export async function storeRuntimeConfig(scope: MedusaContainer): Promise<RuntimeConfig> {
  const knex = scope.resolve(ContainerRegistrationKeys.PG_CONNECTION) as KnexLike
  return loadRuntimeConfig(declaredProviderOptions(scope), knex)
}
