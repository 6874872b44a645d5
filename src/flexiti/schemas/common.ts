import { z } from "zod"
import { isTwoDecimalAmount } from "../amount"

/** Dollars with at most 2 decimals, number(18,2) in Flexiti's docs. */
export const dollarAmount = z.number().nonnegative().refine(isTwoDecimalAmount, { message: "amount must have at most 2 decimals (dollars, not cents)" })

export const positiveDollarAmount = dollarAmount.refine((v) => v > 0, {
  message: "amount must be greater than 0",
})

export const langSchema = z.enum(["en", "fr"])
export type FlexitiLang = z.infer<typeof langSchema>

export const provinceCode = z.string().regex(/^[A-Z]{2}$/, "province must be a 2-letter code such as ON")

/** Flexiti account numbers are number(14); ids in paths are numeric. */
export const numericId = z.coerce.number().int().positive()

/**
 * Error bodies. POS API: {url, message, error, field_errors}; Online API systems/init:
 * {code, error, error_description}; token endpoint: OAuth-style {error, error_description}.
 */
export const fieldErrorSchema = z.object({
  param: z.string(),
  msg: z.string(),
  value: z.unknown().optional(),
})

export const errorBodySchema = z.looseObject({
  error: z.string().optional(),
  message: z.string().optional(),
  error_description: z.string().optional(),
  code: z.union([z.number(), z.string()]).optional(),
  url: z.string().optional(),
  field_errors: z.array(fieldErrorSchema).optional(),
})
export type FlexitiErrorBody = z.infer<typeof errorBodySchema>

export const skuDataSchema = z.looseObject({
  purchase_order: z.string().max(10).optional(),
  shipping_total: z.number().optional(),
  register_id: z.string().max(50).optional(),
  transaction_discount_total: z.number().optional(),
  transaction_subtotal: z.number().optional(),
  transaction_total: z.number().optional(),
  gst_hst: z.number().optional(),
  pst: z.number().optional(),
  products: z
    .array(
      z.object({
        sku_id: z.string(),
        category: z.string().optional(),
        description: z.string().optional(),
        quantity: z.number(),
        unit_price: z.number(),
        extended_price: z.number(),
      })
    )
    .optional(),
})
