import type { MedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import type { Logger } from "@medusajs/framework/types"
import { z } from "zod"
import { langSchema } from "../../../../flexiti/schemas"
import { evaluateEligibility } from "../../../../lib/checkout-rules"
import { isPositive, toDollars } from "../../../../lib/money"
import { provinceCode } from "../../../../lib/vocabulary"
import { FlexitiNotConfiguredError, runtimeConfigOf } from "../../../../config/from-container"
import { parseBody } from "../../../validation"
import { langFromHeader } from "../cart-context"
import { SingleFlightCache } from "./cache"
import { TOO_SLOW, tooSlowAfter } from "../../../../lib/deadline"
import type { StoreCalculatorAnswer } from "../../../../storefront/store-answers"

export const CALCULATOR_CACHE_TTL_MS = 10 * 60 * 1000
/**
 * How long a product page waits for Flexiti's calculator: past it the answer is "financing
 * available" without a monthly amount, and Flexiti's answer, when it comes, fills the cache for
 * the next request. FLEXITI_CALCULATOR_WAIT_MS overrides it.
 */
export const CALCULATOR_WAIT_MS = 1500

type Plan = { monthly_payment: string; months: number } | null

/** Flexiti's answers per (environment, amount, lang), shared by every request of this process. */
export const calculatorCache = new SingleFlightCache<Plan>(CALCULATOR_CACHE_TTL_MS)

export const calculatorQuerySchema = z.object({
  amount: z
    .string({ error: "amount is required (dollars, e.g. 1250 or 1250.00)" })
    .trim()
    .regex(/^\d{1,9}(\.\d{1,2})?$/, "amount must be a dollar amount with at most 2 decimals, e.g. 1250 or 1250.00"),
  lang: langSchema.optional(),
  province: z
    .string()
    .trim()
    .transform((v) => provinceCode(v) ?? v)
    .pipe(z.string().regex(/^[A-Z]{2}$/, "province must be a 2-letter code such as ON or QC"))
    .optional(),
})

export type CalculatorAnswer = StoreCalculatorAnswer

/**
 * GET /store/flexiti/calculator?amount=&lang=&province=
 * "As low as" for a product or cart amount (dollars), from Flexiti's payment calculator called with
 * the server's credentials. Hidden below the minimum; Quebec gets no monthly amount
 * (consumer-protection rules): `{ available: true, quebec: true }`. No token ever leaves the server.
 */
export async function GET(req: MedusaRequest, res: MedusaResponse) {
  const query = parseBody(calculatorQuerySchema, req.query)
  const amount = toDollars(query.amount)
  const answer = (body: CalculatorAnswer) => res.status(200).json(body)

  let config
  try {
    config = await runtimeConfigOf(req.scope)
  } catch (error) {
    if (!(error instanceof FlexitiNotConfiguredError)) throw error
    return answer({ available: false, reason: "not_configured", amount })
  }
  const lang = query.lang ?? langFromHeader(req.headers["accept-language"] as string | undefined) ?? config.lang
  const limits = { min_amount: config.minAmount, max_amount: config.maxAmount }

  // The checkout's own rules: the calculator is hidden wherever the checkout would refuse Flexiti.
  const [refusal] = evaluateEligibility({ currency_code: "CAD", total: amount, province: query.province, enabled_in_region: true, completed: false }, config)
  if (!isPositive(amount) || refusal?.code === "amount_below_minimum") return answer({ available: false, reason: "below_minimum", amount, ...limits })
  if (refusal?.code === "amount_above_maximum") return answer({ available: false, reason: "above_maximum", amount, ...limits })
  if (refusal?.code === "province_not_allowed") return answer({ available: false, reason: "province_not_allowed", amount })
  if (query.province === "QC") return answer({ available: true, quebec: true, amount, lang })

  let plan: Plan | typeof TOO_SLOW
  try {
    const pending = calculatorCache.get(`${config.environment}|${amount}|${lang}`, async () => {
      const result = await config.client.paymentCalculator(Number(amount), lang)
      const months = Number(result.paymentPlan?.months)
      const monthly = result.paymentPlan?.monthlyPayment
      if (!result.paymentPlan || !Number.isInteger(months) || months <= 0 || !monthly || !/^\d+(\.\d+)?$/.test(monthly)) return null
      return { monthly_payment: toDollars(monthly), months }
    })
    plan = await Promise.race([pending, tooSlowAfter(Number(process.env.FLEXITI_CALCULATOR_WAIT_MS ?? CALCULATOR_WAIT_MS))])
    if (plan === TOO_SLOW) pending.catch(() => undefined) // its failure is reported by the next request that waits for it
  } catch (error) {
    try {
      req.scope.resolve<Logger>(ContainerRegistrationKeys.LOGGER).warn(`Flexiti payment calculator failed: ${(error as Error).message}`)
    } catch {
      // no logger: nothing to report to
    }
    return answer({ available: false, reason: "unavailable", amount })
  }
  if (plan === TOO_SLOW) {
    res.setHeader("Cache-Control", "no-store")
    return answer({ available: true, quebec: false, amount, lang, monthly_payment: null, months: null })
  }
  if (!plan) return answer({ available: false, reason: "no_plan", amount })
  res.setHeader("Cache-Control", "public, max-age=300")
  return answer({ available: true, quebec: false, amount, lang, ...plan })
}
