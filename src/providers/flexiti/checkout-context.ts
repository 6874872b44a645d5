import { createHmac, randomBytes, timingSafeEqual } from "node:crypto"
import { z } from "zod"
import { addressInformationSchema } from "../../flexiti/schemas"
import { langSchema } from "../../flexiti/schemas"

/**
 * What the provider needs to know about the cart (it cannot read carts: module isolation).
 * Built server-side by POST /store/flexiti/payment-sessions from the cart itself and signed,
 * so data a storefront passes through Medusa's generic session route cannot pose as it.
 */
export const checkoutContextSchema = z.object({
  cart_id: z.string(),
  email: z.string().email().optional(),
  lang: langSchema,
  province: z.string().regex(/^[A-Z]{2}$/).optional(),
  billing: addressInformationSchema.partial().optional(),
  shipping: addressInformationSchema.partial().optional(),
  is_guest: z.boolean(),
  flow: z.enum(["purchase", "apply"]).default("purchase"),
})
export type CheckoutContext = z.infer<typeof checkoutContextSchema>

// Without FLEXITI_ENCRYPTION_KEY a per-process key still protects a single-instance store.
const processKey = randomBytes(32)

function signingKey(): Buffer {
  const configured = process.env.FLEXITI_ENCRYPTION_KEY
  return configured ? createHmac("sha256", configured).update("checkout-context").digest() : processKey
}

function signature(context: CheckoutContext): string {
  return createHmac("sha256", signingKey()).update(JSON.stringify(context)).digest("hex")
}

export function signCheckoutContext(context: CheckoutContext) {
  const parsed = checkoutContextSchema.parse(context)
  return { checkout_context: parsed, checkout_signature: signature(parsed) }
}

/** The verified context, or undefined when missing or not signed by this server. */
export function verifyCheckoutContext(data: Record<string, unknown> | undefined): CheckoutContext | undefined {
  const parsed = checkoutContextSchema.safeParse(data?.checkout_context)
  const given = data?.checkout_signature
  if (!parsed.success || typeof given !== "string" || !/^[0-9a-f]{64}$/.test(given)) {
    return undefined
  }
  const expected = Buffer.from(signature(parsed.data), "hex")
  return timingSafeEqual(expected, Buffer.from(given, "hex")) ? parsed.data : undefined
}
