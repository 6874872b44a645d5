import type { MedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import { z } from "zod"
import { FlexitiNotConfiguredError, runtimeConfigOf } from "../../../../config/from-container"
import { toDollars } from "../../../../lib/money"
import { parseBody } from "../../../validation"
import { loadCart, provinceOfAddress } from "../cart-context"
import { FLEXITI_PROVIDER_ID } from "../../../../lib/vocabulary"
import { EligibilityReason, evaluateEligibility, reason } from "../../../../lib/checkout-rules"
import type { StoreEligibilityAnswer } from "../../../../storefront/store-answers"

export const eligibilityQuerySchema = z.object({
  cart_id: z.string({ error: "cart_id is required" }).min(1, "cart_id is required"),
})

async function flexitiEnabledInRegion(req: MedusaRequest, regionId: string | null | undefined): Promise<boolean> {
  if (!regionId) return false
  const query = req.scope.resolve(ContainerRegistrationKeys.QUERY)
  const { data } = await query.graph({
    entity: "region",
    fields: ["id", "payment_providers.id", "payment_providers.is_enabled"],
    filters: { id: regionId },
  })
  const providers = (data[0] as { payment_providers?: { id: string; is_enabled?: boolean }[] } | undefined)?.payment_providers ?? []
  return providers.some((p) => p?.id === FLEXITI_PROVIDER_ID && p.is_enabled !== false)
}

/**
 * GET /store/flexiti/eligibility?cart_id=
 * Whether the cart can pay with Flexiti, by the rules POST /store/flexiti/payment-sessions applies
 * (CAD, min/max amount, allowed province, Flexiti enabled on the cart's region), with every
 * failing rule named in English and French. Starts nothing at Flexiti.
 */
export async function GET(req: MedusaRequest, res: MedusaResponse) {
  const { cart_id } = parseBody(eligibilityQuerySchema, req.query)
  const cart = await loadCart(req.scope, cart_id)
  const province = provinceOfAddress(cart.billing_address ?? null) ?? provinceOfAddress(cart.shipping_address ?? null)
  const amount = toDollars(cart.total ?? 0)
  const enabled = await flexitiEnabledInRegion(req, cart.region_id)

  let reasons: EligibilityReason[]
  let limits: { min_amount: string; max_amount: string } | undefined
  try {
    const config = await runtimeConfigOf(req.scope)
    limits = { min_amount: config.minAmount, max_amount: config.maxAmount }
    reasons = evaluateEligibility(
      { currency_code: cart.currency_code, total: cart.total, province, enabled_in_region: enabled, completed: !!cart.completed_at },
      config
    )
  } catch (error) {
    if (!(error instanceof FlexitiNotConfiguredError)) throw error
    reasons = [reason("not_configured")]
  }

  res.status(200).json({
    eligible: reasons.length === 0,
    reasons,
    cart_id: cart.id,
    amount,
    currency_code: cart.currency_code,
    province: province ?? null,
    ...limits,
  } satisfies StoreEligibilityAnswer)
}
