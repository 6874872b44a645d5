import type { MedusaContainer } from "@medusajs/framework/types"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import { FLEXITI_MODULE } from "../../../modules/flexiti/schema"
import type FlexitiModuleService from "../../../modules/flexiti/service"
import { SKU_CART_FIELDS, SkuCart, skuDataFromCart } from "../../../payments"

/**
 * Stores the cart's lines and totals, as Medusa computes them, on the Flexiti checkout just
 * started for it: Flexiti shows them on the shopper's statement (sku_data). Read from the cart
 * on the server, never from the storefront. A failure here only means the statement shows the
 * total alone, so it is logged and the checkout goes on.
 */
export async function recordCartLines(container: MedusaContainer, cartId: string, paymentSessionId: string): Promise<void> {
  try {
    const query = container.resolve(ContainerRegistrationKeys.QUERY)
    const { data } = await query.graph({ entity: "cart", fields: SKU_CART_FIELDS, filters: { id: cartId } })
    const cart = data[0] as SkuCart | undefined
    if (!cart) return
    const flexiti = container.resolve<FlexitiModuleService>(FLEXITI_MODULE)
    await flexiti.saveCheckout({ payment_session_id: paymentSessionId, sku_data: skuDataFromCart(cart) })
  } catch (error) {
    container
      .resolve(ContainerRegistrationKeys.LOGGER)
      .warn(`Flexiti: the cart's lines were not stored for the statement (sku_data); Flexiti receives the total only: ${(error as Error).message}`)
  }
}
