import { provinceCode } from "../../../lib/vocabulary"
import { ContainerRegistrationKeys, MedusaError } from "@medusajs/framework/utils"
import type { MedusaContainer } from "@medusajs/framework/types"
import { CheckoutContext } from "../../../lib/checkout-context"

type CartAddress = {
  first_name?: string | null
  last_name?: string | null
  address_1?: string | null
  address_2?: string | null
  city?: string | null
  province?: string | null
  postal_code?: string | null
  country_code?: string | null
  phone?: string | null
} | null

export interface FlexitiCart {
  id: string
  currency_code: string
  email?: string | null
  customer_id?: string | null
  total: number | string
  region_id?: string | null
  completed_at?: string | Date | null
  billing_address?: CartAddress
  shipping_address?: CartAddress
  payment_collection?: { id: string; payment_sessions?: { id: string; provider_id: string; data?: Record<string, unknown> }[] } | null
}

export async function loadCart(container: MedusaContainer, cartId: string): Promise<FlexitiCart> {
  const query = container.resolve(ContainerRegistrationKeys.QUERY)
  const { data } = await query.graph({
    entity: "cart",
    fields: [
      "id",
      "currency_code",
      "email",
      "customer_id",
      "total",
      "region_id",
      "completed_at",
      "billing_address.*",
      "shipping_address.*",
      "payment_collection.id",
      "payment_collection.payment_sessions.id",
      "payment_collection.payment_sessions.provider_id",
      "payment_collection.payment_sessions.data",
    ],
    filters: { id: cartId },
  })
  const cart = data[0] as FlexitiCart | undefined
  if (!cart) {
    throw new MedusaError(MedusaError.Types.NOT_FOUND, `Cart ${cartId} was not found`)
  }
  return cart
}

/** Canadian province code of an address ("ON"), accepting "on" or "ca-on" as Medusa stores them. */
export function provinceOfAddress(address: CartAddress): string | undefined {
  return provinceCode(address?.province)
}

function toAddress(address: CartAddress) {
  if (!address) return undefined
  const entries = {
    first_name: address.first_name ?? undefined,
    last_name: address.last_name ?? undefined,
    address_1: address.address_1 ?? undefined,
    address_2: address.address_2 ?? undefined,
    city: address.city ?? undefined,
    province: provinceOfAddress(address),
    postal_code: address.postal_code ?? undefined,
  }
  return Object.fromEntries(Object.entries(entries).filter(([, v]) => v)) as CheckoutContext["billing"]
}

/** The provider's view of the cart, built from the cart alone (never from the storefront's body). */
export function checkoutContextFromCart(
  cart: FlexitiCart,
  lang: "en" | "fr",
  flow: "purchase"
): Omit<CheckoutContext, "payment_collection_id" | "expires_at" | "nonce"> {
  return {
    cart_id: cart.id,
    email: cart.email ?? undefined,
    lang,
    province: provinceOfAddress(cart.billing_address ?? null) ?? provinceOfAddress(cart.shipping_address ?? null),
    billing: toAddress(cart.billing_address ?? null),
    shipping: toAddress(cart.shipping_address ?? null),
    is_guest: !cart.customer_id,
    flow,
  }
}

export function langFromHeader(header: string | undefined): "en" | "fr" | undefined {
  if (!header) return undefined
  return header.toLowerCase().trim().startsWith("fr") ? "fr" : header.toLowerCase().trim().startsWith("en") ? "en" : undefined
}

export type FlexitiCartSession = NonNullable<NonNullable<FlexitiCart["payment_collection"]>["payment_sessions"]>[number]

/**
 * The Flexiti payment session `sessionId` of cart `cartId`: a store route acts on a session only
 * for the cart that owns it (404 otherwise, so another cart's session id reveals nothing).
 */
export async function flexitiSessionOfCart(
  container: MedusaContainer,
  cartId: string,
  sessionId: string,
  providerId: string
): Promise<{ cart: FlexitiCart; session: FlexitiCartSession }> {
  const cart = await loadCart(container, cartId)
  const session = cart.payment_collection?.payment_sessions?.find((s) => s.id === sessionId)
  if (!session || session.provider_id !== providerId) {
    throw new MedusaError(MedusaError.Types.NOT_FOUND, `No Flexiti payment session ${sessionId} on cart ${cart.id}`)
  }
  return { cart, session }
}
