/**
 * zod schemas of the module's inputs, used by the service and the stores.
 */
import { z } from "zod"
import { toDollars } from "../../lib/money"
import { CANADIAN_PROVINCES, FLEXITI_ENVIRONMENTS, FLEXITI_FLOWS, FLEXITI_LANGS } from "../../lib/vocabulary"
import { FLEXITI_CALL_OUTCOMES, FLEXITI_RELEASE_STATES } from "./schema"

const AMOUNT = /^\d{1,12}(\.\d{1,2})?$/

/** Amount in decimal dollars, ≥ 0, at most 2 decimals; normalised to 2 decimals ("100" → "100.00"). */
export const decimalAmountSchema = z
  .union([z.string(), z.number()])
  .transform((v) => (typeof v === "number" ? String(v) : v.trim()))
  .refine((v) => AMOUNT.test(v), {
    message: 'must be a non-negative amount in dollars with at most 2 decimals, e.g. "100.00"',
  })
  .transform((v) => toDollars(v))

const originSchema = z
  .string()
  .trim()
  .transform((value, ctx) => {
    let url: URL
    try {
      url = new URL(value)
    } catch {
      ctx.addIssue({ code: "custom", message: `not a URL: ${value}` })
      return z.NEVER
    }
    if (url.protocol !== "https:" && url.protocol !== "http:") {
      ctx.addIssue({ code: "custom", message: `must be an http(s) origin: ${value}` })
      return z.NEVER
    }
    if ((url.pathname !== "/" && url.pathname !== "") || url.search || url.hash || url.username) {
      ctx.addIssue({ code: "custom", message: `must be an origin without path, query or credentials: ${value}` })
      return z.NEVER
    }
    return url.origin
  })

const provinceSchema = z
  .string()
  .trim()
  .transform((v) => v.toUpperCase())
  .pipe(z.enum(CANADIAN_PROVINCES))

export const environmentSchema = z.enum(FLEXITI_ENVIRONMENTS)

export const updateSettingsSchema = z
  .object({
    active_environment: environmentSchema.optional(),
    flow: z.enum(FLEXITI_FLOWS).optional(),
    auto_capture: z.boolean().optional(),
    default_lang: z.enum(FLEXITI_LANGS).optional(),
    min_amount: decimalAmountSchema.optional(),
    max_amount: decimalAmountSchema.optional(),
    allowed_provinces: z
      .array(provinceSchema)
      .transform((list) => Array.from(new Set(list)))
      .optional(),
    storefront_origins: z
      .array(originSchema)
      .max(20)
      .transform((list) => Array.from(new Set(list)))
      .optional(),
  })
  .strict()

export type UpdateFlexitiSettingsInput = z.input<typeof updateSettingsSchema>

/**
 * A base URL as typed: "" or null clears it (the environment's public host is used); otherwise
 * an http(s) URL without credentials, trailing slashes dropped. One schema, not a union, so a
 * refusal says what is wrong with the address rather than "Invalid input".
 */
const baseUrlSchema = z
  .string()
  .nullable()
  .transform((value, ctx) => {
    const v = value?.trim() ?? ""
    if (!v) return null
    let url: URL
    try {
      url = new URL(v)
    } catch {
      ctx.addIssue({ code: "custom", message: "is not a complete web address (expected e.g. https://pos.flexiti.fi)" })
      return z.NEVER
    }
    if (url.protocol !== "https:" && url.protocol !== "http:") {
      ctx.addIssue({ code: "custom", message: "must start with https:// (or http:// for a sandbox)" })
    } else if (url.username || url.password) {
      ctx.addIssue({ code: "custom", message: "must not contain a user name or password" })
    }
    return v.replace(/\/+$/, "")
  })

export const setCredentialsSchema = z
  .object({
    environment: environmentSchema,
    client_id: z.string().trim().min(1).max(500),
    /** omitted: keep the stored secret; null: clear it */
    client_secret: z.string().min(1).max(512, "must be at most 512 characters").nullable().optional(),
    /** omitted: keep; null or "": clear (use the environment's public host) */
    pos_base_url: baseUrlSchema.optional(),
    online_base_url: baseUrlSchema.optional(),
    /** the base URLs point at a sandbox or development server: plain http and other hosts are then allowed */
    development_endpoint: z.boolean().optional(),
  })
  .strict()
  .superRefine((input, ctx) => {
    for (const field of ["pos_base_url", "online_base_url"] as const) {
      const url = input[field]
      if (!url || isFlexitiHost(url)) continue
      if (!input.development_endpoint) {
        ctx.addIssue({
          code: "custom",
          path: [field],
          message: "is not Flexiti's own https address (a flexiti.fi host): a sandbox or development server must be marked as one (development_endpoint)",
        })
      } else if (input.environment === "production") {
        ctx.addIssue({
          code: "custom",
          path: [field],
          message: "production must use Flexiti's own https address (a flexiti.fi host), not a sandbox or development server",
        })
      }
    }
  })

/** https on a Flexiti host: what a base URL may be without being marked as a development endpoint. */
export function isFlexitiHost(url: string): boolean {
  try {
    const u = new URL(url)
    return u.protocol === "https:" && (u.hostname === "flexiti.fi" || u.hostname.endsWith(".flexiti.fi") || u.hostname.endsWith(".flexiti.com"))
  } catch {
    return false
  }
}

export type SetFlexitiCredentialsInput = z.input<typeof setCredentialsSchema>

export const storedTokenSchema = z.object({
  accessToken: z.string().min(1),
  refreshToken: z.string().min(1).optional(),
  scope: z.string().min(1),
  expiresAt: z.number().finite(),
})

const transactionTypeSchema = z.enum(["promotional_purchase", "regular_purchase"])
const positiveInt = z.number().int().positive()

export const financingOfferSchema = z
  .object({
    amount: decimalAmountSchema,
    fetched_at: z.string().min(1),
    options: z
      .array(
        z.object({
          transaction_type: transactionTypeSchema,
          plan_id: positiveInt.nullable(),
          term: positiveInt.nullable(),
          monthly_amount: decimalAmountSchema,
          total: decimalAmountSchema.nullable(),
          annual_rate: z.number().finite().nullable(),
          fees: z.array(
            z.object({
              description: z.string().max(500).nullable(),
              amount: decimalAmountSchema.nullable(),
              type: z.string().max(100).nullable(),
              message: z.string().max(1000).nullable(),
            })
          ),
          plan_name: z.string().max(200).nullable(),
        })
      )
      .max(100),
    available_credit: decimalAmountSchema.nullable().optional(),
  })
  .strict()

export const financingChoiceSchema = z
  .object({
    transaction_type: transactionTypeSchema,
    plan_id: positiveInt.nullable(),
    term: positiveInt.nullable(),
    chosen_at: z.string().min(1),
  })
  .strict()

const skuProductSchema = z.object({
  sku_id: z.string().min(1),
  category: z.string().optional(),
  description: z.string().optional(),
  quantity: z.number(),
  unit_price: z.number(),
  extended_price: z.number(),
})

/** The cart's lines and totals stored for Flexiti's sku_data (dollars). */
const skuDataSnapshotSchema = z.object({
  shipping_total: z.number().optional(),
  transaction_discount_total: z.number().optional(),
  transaction_subtotal: z.number().optional(),
  transaction_total: z.number(),
  gst_hst: z.number().optional(),
  pst: z.number().optional(),
  products: z.array(skuProductSchema).optional(),
})
export const checkoutWriteSchema = z
  .object({
    payment_session_id: z.string().min(1),
    flow: z.enum(FLEXITI_FLOWS).optional(),
    environment: environmentSchema.optional(),
    reference_id: z.string().min(1).optional(),
    widget_session_id: z.string().min(1).nullable().optional(),
    customer_token: storedTokenSchema.nullable().optional(),
    widget_result: z.record(z.string(), z.unknown()).nullable().optional(),
    online_order_id: z.string().min(1).nullable().optional(),
    authorization_id: z.string().min(1).nullable().optional(),
    cart_id: z.string().min(1).nullable().optional(),
    amount: decimalAmountSchema.nullable().optional(),
    account_number: z
      .string()
      .regex(/^\d{1,20}$/)
      .nullable()
      .optional(),
    release_state: z.enum(FLEXITI_RELEASE_STATES).nullable().optional(),
    release_error: z
      .string()
      .transform((s) => s.slice(0, 500))
      .nullable()
      .optional(),
    authorization_attempted_at: z.date().nullable().optional(),
    in_review_since: z.date().nullable().optional(),
    financing_options: financingOfferSchema.nullable().optional(),
    financing_choice: financingChoiceSchema.nullable().optional(),
    sku_data: skuDataSnapshotSchema.nullable().optional(),
    accepted_at: z.date().nullable().optional(),
    reconciled_at: z.date().nullable().optional(),
    context_nonce: z
      .string()
      .regex(/^[0-9a-f]{32}$/)
      .nullable()
      .optional(),
  })
  .strict()

export const callLogEntrySchema = z
  .object({
    payment_id: z.string().min(1).nullable().optional(),
    payment_session_id: z.string().min(1).nullable().optional(),
    operation: z.string().min(1).max(64),
    reference_id: z.string().min(1),
    outcome: z.enum(FLEXITI_CALL_OUTCOMES),
    http_status: z.number().int().min(0).max(999).nullable().optional(),
    error_code: z
      .string()
      .transform((s) => s.slice(0, 200))
      .nullable()
      .optional(),
    amount: decimalAmountSchema.nullable().optional(),
    flexiti_id: z.string().max(200).nullable().optional(),
    /** truncated to 2000 characters rather than refused: an audit row must not be lost */
    message: z
      .string()
      .transform((s) => s.slice(0, 2000))
      .nullable()
      .optional(),
  })
  .strict()

export const callLogFilterSchema = z
  .object({
    payment_id: z.string().min(1).optional(),
    payment_session_id: z.string().min(1).optional(),
  })
  .strict()
  .refine((f) => !!f.payment_id || !!f.payment_session_id, {
    message: "payment_id or payment_session_id is required",
  })

/** "a.b: message; c: message" for error messages. */
export function formatZodError(error: z.ZodError): string {
  return error.issues.map((i) => `${i.path.length ? i.path.join(".") + ": " : ""}${i.message}`).join("; ")
}
