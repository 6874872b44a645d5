import { z } from "zod"
import { langSchema, positiveDollarAmount, provinceCode } from "./common"

/* ----------------------------- systems/init ----------------------------- */

export const addressInformationSchema = z.object({
  first_name: z.string().min(1),
  last_name: z.string().min(1),
  address_1: z.string().min(1),
  // "Yes if Flow is Buy or Apply/Buy" like the other parts: sent empty when there is none.
  address_2: z.string(),
  city: z.string().min(1),
  province: provinceCode,
  postal_code: z.string().min(3).max(10),
})
export type AddressInformation = z.infer<typeof addressInformationSchema>

/** Exact flow strings are OPEN (the docs print "Apply", "Buy", "Apply/Buy"); ours live in assumptions.ts ONLINE_FLOW_VALUES. */
export const onlineFlowSchema = z.enum(["buy", "apply", "apply/buy"])

export const systemsInitRequestSchema = z
  .object({
    merchant_orderid: z.string().max(100).optional(),
    is_guest: z.boolean().optional(),
    customer_id: z.string().max(20).optional(),
    vcc: z.string().optional(),
    has_previous_purchase: z.boolean().optional(),
    lang: langSchema,
    flow: onlineFlowSchema,
    amount_requested: positiveDollarAmount,
    salutation: z.string().optional(),
    email: z.string().email().optional(),
    phone_number: z.string().optional(),
    fname: z.string().optional(),
    mname: z.string().optional(),
    lname: z.string().optional(),
    dob: z.string().optional(),
    address_1: z.string().optional(),
    address_2: z.string().optional(),
    city: z.string().optional(),
    province: provinceCode.optional(),
    postal_code: z.string().optional(),
    billing_information: addressInformationSchema.optional(),
    shipping_information: addressInformationSchema.optional(),
  })
  .refine((r) => r.flow === "apply" || (!!r.billing_information && !!r.shipping_information), {
    message: "billing_information and shipping_information are required for the buy flows",
    path: ["billing_information"],
  })
  // customer_id: "Required for Buy Flow if VCC is not provided" (and vcc the other way round).
  .refine((r) => r.flow !== "buy" || !!r.customer_id || !!r.vcc, {
    message: "the Buy flow needs the shopper's Flexiti customer_id or vcc; use apply/buy otherwise",
    path: ["customer_id"],
  })
export type SystemsInitRequest = z.infer<typeof systemsInitRequestSchema>

export const systemsInitResponseSchema = z.object({
  online_order_id: z.number().int().positive(),
  redirection_url: z.string().url(),
})
export type SystemsInitResponse = z.infer<typeof systemsInitResponseSchema>

/* ----------------------------- notifications ----------------------------- */

/**
 * Online API Endpoints Reference example: transaction_id, flow, callback_url, apply{customer_id, apply_status}, date.
 * INFERENCE (assumptions.ts HOSTED_PURCHASE_NOTIFICATION): a buy flow adds
 * purchase{status, authorization_id, account_number, amount, merchant_orderid}.
 */
export const notificationSchema = z.looseObject({
  transaction_id: z.number().int(),
  flow: z.string(),
  callback_url: z.string().nullable().optional(),
  date: z.string(),
  merchant_orderid: z.string().nullable().optional(),
  apply: z.looseObject({ customer_id: z.number().int().nullable().optional(), apply_status: z.string() }).nullable().optional(),
  purchase: z
    .looseObject({
      status: z.string(),
      authorization_id: z.number().int().positive().nullable().optional(),
      account_number: z.number().int().positive().nullable().optional(),
      amount: z.number().nullable().optional(),
      auto_capture: z.boolean().optional(),
    })
    .nullable()
    .optional(),
})
export type Notification = z.infer<typeof notificationSchema>

/* ----------------------------- payment-calculator ----------------------------- */

export const paymentCalculatorQuerySchema = z.object({
  price: z.coerce.number().positive(),
  lang: langSchema.default("en"),
})

export const paymentCalculatorResponseSchema = z.looseObject({
  htmlRender: z.string().optional(),
  paymentPlan: z.object({ monthlyPayment: z.string(), months: z.string() }).nullable(),
})
export type PaymentCalculatorResponse = z.infer<typeof paymentCalculatorResponseSchema>
