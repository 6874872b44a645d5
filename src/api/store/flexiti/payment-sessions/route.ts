import type { MedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { MedusaError } from "@medusajs/framework/utils"
import { createPaymentCollectionForCartWorkflow, createPaymentSessionsWorkflow } from "@medusajs/medusa/core-flows"
import { z } from "zod"
import { langSchema } from "../../../../flexiti/schemas"
import { CHECKOUT_CONTEXT_TTL_SECONDS, signCheckoutContext } from "../../../../lib/checkout-context"
import { parseBody } from "../../../validation"
import { checkoutContextFromCart, langFromHeader, loadCart } from "../cart-context"
import { recordCartLines } from "../sku-snapshot"
import { FLEXITI_PROVIDER_ID } from "../../../../lib/vocabulary"
import type { StorePaymentSession, StorePaymentSessionAnswer } from "../../../../storefront/store-answers"

export const startSessionSchema = z.object({
  cart_id: z.string().min(1, "cart_id is required"),
  lang: langSchema.optional(),
  // A checkout starts Flexiti's purchase widget. A shopper without an account is sent from it to
  // an application (null/false/apply), which the checkout opens with the shopper's terms
  // agreement (POST …/application) and continues once Flexiti approves it.
  flow: z
    .literal("purchase", {
      error:
        'flow must be "purchase": a shopper without a Flexiti account applies from the purchase widget (POST /store/flexiti/payment-sessions/:id/application)',
    })
    .default("purchase"),
})

/** The fields of a Flexiti session a storefront needs to open the modal (no token, no secret). */
export function publicSession(session: { id: string; status: string; amount: unknown; data?: Record<string, unknown> }): StorePaymentSession {
  // Medusa stores the session data untyped; the provider always writes these fields (src/payments/steps/types.ts).
  const d = (session.data ?? {}) as StorePaymentSession["data"]
  return {
    id: session.id,
    provider_id: FLEXITI_PROVIDER_ID,
    status: session.status,
    amount: session.amount as number,
    data: {
      flow: d.flow,
      redirection_url: d.redirection_url,
      modal_origin: d.modal_origin,
      widget_session_id: d.widget_session_id,
      online_order_id: d.online_order_id,
      reference_id: d.reference_id,
      lang: d.lang,
      amount: d.amount,
      expires_at: d.expires_at,
    },
  }
}

/**
 * POST /store/flexiti/payment-sessions { cart_id, lang?, flow? }
 * Starts a Flexiti checkout for a cart: the cart's addresses, email and province are read here,
 * signed, and handed to the provider through Medusa's own session workflow.
 */
export async function POST(req: MedusaRequest, res: MedusaResponse) {
  const body = parseBody(startSessionSchema, req.body)
  const cart = await loadCart(req.scope, body.cart_id)
  if (cart.completed_at) {
    throw new MedusaError(MedusaError.Types.NOT_ALLOWED, "This cart is already completed")
  }
  const lang = body.lang ?? langFromHeader(req.headers["accept-language"] as string | undefined) ?? "en"

  let paymentCollectionId = cart.payment_collection?.id
  if (!paymentCollectionId) {
    await createPaymentCollectionForCartWorkflow(req.scope).run({ input: { cart_id: cart.id } })
    paymentCollectionId = (await loadCart(req.scope, cart.id)).payment_collection?.id
  }
  // Bound to this cart's payment collection and short-lived: a copy cannot start a session elsewhere.
  const signed = signCheckoutContext({
    ...checkoutContextFromCart(cart, lang, body.flow),
    payment_collection_id: paymentCollectionId!,
    expires_at: Math.floor(Date.now() / 1000) + CHECKOUT_CONTEXT_TTL_SECONDS,
  })
  const { result: session } = await createPaymentSessionsWorkflow(req.scope).run({
    input: {
      payment_collection_id: paymentCollectionId!,
      provider_id: FLEXITI_PROVIDER_ID,
      customer_id: cart.customer_id ?? undefined,
      data: signed,
    },
  })
  await recordCartLines(req.scope, cart.id, (session as { id: string }).id)
  res.status(200).json({ payment_session: publicSession(session as never) } satisfies StorePaymentSessionAnswer)
}
