import { MedusaContainer } from "@medusajs/framework/types"
import { ContainerRegistrationKeys, Modules } from "@medusajs/framework/utils"
import {
  createApiKeysWorkflow,
  createProductsWorkflow,
  createRegionsWorkflow,
  createSalesChannelsWorkflow,
  createShippingOptionsWorkflow,
  createShippingProfilesWorkflow,
  createStockLocationsWorkflow,
  linkSalesChannelsToApiKeyWorkflow,
  linkSalesChannelsToStockLocationWorkflow,
} from "@medusajs/medusa/core-flows"

/** Medusa may create a default publishable key of its own; ours is found by this title. */
export const STOREFRONT_KEY_TITLE = "Flexiti storefront"

export interface SeededStore {
  publishableKey: string
  cadRegionId: string
  usdRegionId: string
  /** first product's variant */
  variantId: string
  variantIds: string[]
  shippingOptionId: string
  salesChannelId: string
}

export interface DemoProduct {
  title: string
  handle: string
  description: string
  cad: number
  usd: number
}

export const DEFAULT_PRODUCTS: DemoProduct[] = [{ title: "Sofa", handle: "sofa", description: "Three-seat sofa, grey fabric.", cad: 1250, usd: 950 }]

/**
 * A small Canadian store: CAD region with Flexiti, a USD region, products, flat-rate shipping.
 * Used by the integration tests and by the demo's seed (demo/seed.ts).
 */
export async function seedStore(container: MedusaContainer, products: DemoProduct[] = DEFAULT_PRODUCTS): Promise<SeededStore> {
  const link = container.resolve(ContainerRegistrationKeys.LINK)
  const fulfillment = container.resolve(Modules.FULFILLMENT)

  const {
    result: [salesChannel],
  } = await createSalesChannelsWorkflow(container).run({
    input: { salesChannelsData: [{ name: "Web" }] },
  })
  const {
    result: [apiKey],
  } = await createApiKeysWorkflow(container).run({
    input: { api_keys: [{ title: STOREFRONT_KEY_TITLE, type: "publishable", created_by: "flexiti-seed" }] },
  })
  await linkSalesChannelsToApiKeyWorkflow(container).run({ input: { id: apiKey.id, add: [salesChannel.id] } })

  const { result: regions } = await createRegionsWorkflow(container).run({
    input: {
      regions: [
        { name: "Canada", currency_code: "cad", countries: ["ca"], payment_providers: ["pp_flexiti_flexiti", "pp_system_default"] },
        { name: "United States", currency_code: "usd", countries: ["us"], payment_providers: ["pp_flexiti_flexiti", "pp_system_default"] },
      ],
    },
  })

  const {
    result: [location],
  } = await createStockLocationsWorkflow(container).run({
    input: { locations: [{ name: "Toronto warehouse", address: { address_1: "1 Front St", city: "Toronto", country_code: "ca" } }] },
  })
  await linkSalesChannelsToStockLocationWorkflow(container).run({ input: { id: location.id, add: [salesChannel.id] } })
  await link.create({ [Modules.STOCK_LOCATION]: { stock_location_id: location.id }, [Modules.FULFILLMENT]: { fulfillment_provider_id: "manual_manual" } })

  const {
    result: [profile],
  } = await createShippingProfilesWorkflow(container).run({
    input: { data: [{ name: "Default", type: "default" }] },
  })
  const fulfillmentSet = await fulfillment.createFulfillmentSets({
    name: "North America",
    type: "shipping",
    service_zones: [
      {
        name: "Canada and US",
        geo_zones: [
          { type: "country", country_code: "ca" },
          { type: "country", country_code: "us" },
        ],
      },
    ],
  })
  await link.create({ [Modules.STOCK_LOCATION]: { stock_location_id: location.id }, [Modules.FULFILLMENT]: { fulfillment_set_id: fulfillmentSet.id } })

  const {
    result: [shippingOption],
  } = await createShippingOptionsWorkflow(container).run({
    input: [
      {
        name: "Standard",
        price_type: "flat",
        provider_id: "manual_manual",
        service_zone_id: fulfillmentSet.service_zones[0].id,
        shipping_profile_id: profile.id,
        type: { label: "Standard", description: "3-5 days", code: "standard" },
        prices: [
          { currency_code: "cad", amount: 10 },
          { currency_code: "usd", amount: 10 },
        ],
        rules: [
          { attribute: "enabled_in_store", value: "true", operator: "eq" },
          { attribute: "is_return", value: "false", operator: "eq" },
        ],
      },
    ],
  })

  const { result: created } = await createProductsWorkflow(container).run({
    input: {
      products: products.map((p) => ({
        title: p.title,
        handle: p.handle,
        description: p.description,
        status: "published" as const,
        shipping_profile_id: profile.id,
        options: [{ title: "Default", values: ["Standard"] }],
        sales_channels: [{ id: salesChannel.id }],
        variants: [
          {
            title: "Standard",
            sku: p.handle.toUpperCase(),
            options: { Default: "Standard" },
            manage_inventory: false,
            prices: [
              { currency_code: "cad", amount: p.cad },
              { currency_code: "usd", amount: p.usd },
            ],
          },
        ],
      })),
    },
  })
  const variantIds = created.map((p) => p.variants[0].id)

  return {
    publishableKey: apiKey.token,
    cadRegionId: regions.find((r) => r.currency_code === "cad")!.id,
    usdRegionId: regions.find((r) => r.currency_code === "usd")!.id,
    variantId: variantIds[0],
    variantIds,
    shippingOptionId: shippingOption.id,
    salesChannelId: salesChannel.id,
  }
}

export const ONTARIO_ADDRESS = {
  first_name: "Test",
  last_name: "Shopper",
  address_1: "100 King St W",
  city: "Toronto",
  province: "ON",
  postal_code: "M5X 1A9",
  country_code: "ca",
}
