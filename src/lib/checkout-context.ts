import { createHmac, randomBytes, timingSafeEqual } from "node:crypto"
import { z } from "zod"
import { addressInformationSchema } from "../flexiti/schemas"
import { langSchema } from "../flexiti/schemas"

/**
 * What the provider needs to know about the cart (it cannot read carts: module isolation).
 * Built server-side by POST /store/flexiti/payment-sessions from the cart itself and signed,
 * so data a storefront passes through Medusa's generic session route cannot pose as it.
 */
export const checkoutContextSchema = z.object({
  cart_id: z.string(),
  /** the payment collection the session must be created on: a context works for its own cart only */
  payment_collection_id: z.string(),
  /** epoch seconds after which the context is refused (a copied context cannot be kept) */
  expires_at: z.number().int().positive(),
  /** random: a context starts one payment session only (a copy read back from the cart is spent) */
  nonce: z.string().regex(/^[0-9a-f]{32}$/),
  email: z.string().email().optional(),
  lang: langSchema,
  province: z
    .string()
    .regex(/^[A-Z]{2}$/)
    .optional(),
  billing: addressInformationSchema.partial().optional(),
  shipping: addressInformationSchema.partial().optional(),
  is_guest: z.boolean(),
  flow: z.literal("purchase").default("purchase"),
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

/** How long a signed context may be used to start a session. */
export const CHECKOUT_CONTEXT_TTL_SECONDS = 30 * 60

export function signCheckoutContext(context: Omit<CheckoutContext, "nonce"> & { nonce?: string }) {
  const parsed = checkoutContextSchema.parse({ ...context, nonce: context.nonce ?? randomBytes(16).toString("hex") })
  return { checkout_context: parsed, checkout_signature: signature(parsed) }
}

export type VerifiedContext = { ok: true; context: CheckoutContext } | { ok: false; reason: "missing" | "forged" | "expired" }

/** The context when this server signed it and it has not expired. */
export function verifyCheckoutContext(data: Record<string, unknown> | undefined, now = Date.now()): VerifiedContext {
  if (!data?.checkout_context && !data?.checkout_signature) return { ok: false, reason: "missing" }
  const parsed = checkoutContextSchema.safeParse(data?.checkout_context)
  const given = data?.checkout_signature
  if (!parsed.success || typeof given !== "string" || !/^[0-9a-f]{64}$/.test(given)) {
    return { ok: false, reason: "forged" }
  }
  const expected = Buffer.from(signature(parsed.data), "hex")
  if (!timingSafeEqual(expected, Buffer.from(given, "hex"))) return { ok: false, reason: "forged" }
  if (parsed.data.expires_at * 1000 < now) return { ok: false, reason: "expired" }
  return { ok: true, context: parsed.data }
}
