import { z } from "zod"
import { dollarAmount, langSchema, numericId, positiveDollarAmount, provinceCode, skuDataSchema } from "./common"

/* ----------------------------- widget/init ----------------------------- */

export const personalInformationSchema = z.object({
  first_name: z.string().min(1).max(80),
  last_name: z.string().min(1).max(80),
  // INFERENCE (README, "Assumptions about the Flexiti API"): optional, the cart has no date of birth.
  dob: z
    .string()
    .regex(/^\d{4}-\d{2}-\d{2}$/)
    .optional(),
  postal_code: z.string().min(3).max(10),
})

export const widgetInitRequestSchema = z
  .object({
    flow: z.enum(["purchase", "apply"]),
    customer_identification: z
      .object({
        account_number: z.number().int().positive().optional(),
        vcc_number: z.string().max(16).optional(),
        personal_information: personalInformationSchema.optional(),
      })
      .optional(),
    lang: langSchema.optional(),
    tos_agreement: z.boolean().optional(),
    email: z.string().email().max(100).optional(),
    phone_number: z
      .string()
      .regex(/^\d{10}$/)
      .optional(),
    address_1: z.string().max(250).optional(),
    address_2: z.string().max(100).optional(),
    city: z.string().max(100).optional(),
    province: provinceCode.optional(),
    postal_code: z.string().max(10).optional(),
    account_type: z.enum(["consumer", "business"]).optional(),
  })
  .refine((r) => r.flow !== "apply" || r.tos_agreement === true, {
    message: "tos_agreement must be true for the apply flow",
    path: ["tos_agreement"],
  })
  .refine((r) => r.flow !== "apply" || !!r.email, { message: "email is required for the apply flow", path: ["email"] })
export type WidgetInitRequest = z.infer<typeof widgetInitRequestSchema>

export const widgetInitResponseSchema = z.object({ redirection_url: z.string().url() })
export type WidgetInitResponse = z.infer<typeof widgetInitResponseSchema>

/* ----------------------------- widget events ----------------------------- */

export const widgetSuccessEventDataSchema = z.object({
  accountNumber: z.number().int().positive().nullable(),
  verified: z.boolean(),
  action: z.enum(["apply", "purchase", "activation", "retry"]).nullable(),
  mfaOptionSelected: z.enum(["sms", "email", "security_question", "security_answer"]).nullable().optional(),
  widget_session_id: z.string().min(1),
  customerId: z.string().nullable().optional(),
  accountType: z.enum(["business", "consumer"]).nullable().optional(),
})
export type WidgetSuccessEventData = z.infer<typeof widgetSuccessEventDataSchema>

export const widgetFailureEventDataSchema = z.object({ error: z.number().int(), message: z.string() })
export type WidgetFailureEventData = z.infer<typeof widgetFailureEventDataSchema>

export const widgetMessageSchema = z.discriminatedUnion("eventType", [
  z.object({ eventType: z.literal("flx-success"), eventData: widgetSuccessEventDataSchema }),
  z.object({ eventType: z.literal("flx-failure"), eventData: widgetFailureEventDataSchema }),
  z.object({ eventType: z.literal("flx-cancel"), eventData: z.unknown().optional() }),
])
export type WidgetMessage = z.infer<typeof widgetMessageSchema>

/* ----------------------------- authorization ----------------------------- */

export const transactionTypeSchema = z.enum(["promotional_purchase", "regular_purchase"])
export type TransactionType = z.infer<typeof transactionTypeSchema>

export const financingOptionSchema = z
  .object({
    transaction_type: transactionTypeSchema,
    plan_id: z.number().int().positive().optional(),
    term: z.number().int().positive().optional(),
  })
  .refine((f) => f.transaction_type !== "promotional_purchase" || f.plan_id !== undefined, {
    message: "plan_id is required for a promotional purchase",
    path: ["plan_id"],
  })
export type FinancingOption = z.infer<typeof financingOptionSchema>

export const authorizationCreateRequestSchema = z.object({
  account_number: z.number().int().positive(),
  vcc_number: z.string().max(16).optional(),
  reference: z.string().max(40).optional(),
  financing_option: financingOptionSchema,
  amount: positiveDollarAmount,
  auto_capture: z.boolean(),
  verification_code: z.string().optional(),
  sku_data: skuDataSchema.optional(),
})
export type AuthorizationCreateRequest = z.infer<typeof authorizationCreateRequestSchema>

/** Transactions Endpoints show the status values opened and closed; the rest of this shape is INFERENCE (assumptions.ts). */
export const authorizationStatusSchema = z.string()

export const captureRecordSchema = z.object({
  capture_id: z.number().int().positive(),
  amount: dollarAmount,
  reference: z.string().nullable().optional(),
  date: z.string(),
  returned_amount: dollarAmount.optional(),
})
export type CaptureRecord = z.infer<typeof captureRecordSchema>

export const authorizationSchema = z.looseObject({
  authorization_id: z.number().int().positive(),
  account_number: z.number().int().positive(),
  reference: z.string().nullable().optional(),
  status: authorizationStatusSchema,
  transaction_type: transactionTypeSchema,
  plan_id: z.number().int().nullable().optional(),
  term: z.number().int().nullable().optional(),
  amount: dollarAmount,
  captured_amount: dollarAmount,
  released_amount: dollarAmount,
  remaining_authorization_amount: dollarAmount,
  auto_capture: z.boolean().optional(),
  creation_date: z.string(),
  captures: z.array(captureRecordSchema).default([]),
  annual_rates: z.unknown().optional(),
})
export type Authorization = z.infer<typeof authorizationSchema>

export const authorizationListQuerySchema = z.object({
  account_number: numericId.optional(),
  transaction_type: transactionTypeSchema.optional(),
  authorization_status: z.string().optional(),
  creation_date_from: z.string().optional(),
  creation_date_to: z.string().optional(),
  reference: z.string().optional(),
  page_number: z.coerce.number().int().positive().optional(),
  page_size: z.coerce.number().int().positive().max(100).optional(),
})
export const authorizationListResponseSchema = z.looseObject({ authorizations: z.array(authorizationSchema) })

/* ----------------------------- capture / release / return / refund ----------------------------- */

export const captureRequestSchema = z.object({
  amount: positiveDollarAmount,
  reference: z.string().max(40).optional(),
  sku_data: skuDataSchema.optional(),
})
export type CaptureRequest = z.infer<typeof captureRequestSchema>

export const captureResponseSchema = z.looseObject({
  capture_id: z.number().int().positive(),
  authorization_id: z.number().int().positive(),
  amount: dollarAmount,
  reference: z.string().nullable().optional(),
  date: z.string(),
  remaining_authorization_amount: dollarAmount,
})
export type CaptureResponse = z.infer<typeof captureResponseSchema>

export const releaseRequestSchema = z.object({
  // INFERENCE: omitted amount releases everything that remains (README, "Assumptions about the Flexiti API").
  amount: positiveDollarAmount.optional(),
  reference: z.string().max(40).optional(),
})
export type ReleaseRequest = z.infer<typeof releaseRequestSchema>

export const releaseResponseSchema = z.looseObject({
  authorization_id: z.number().int().positive(),
  released_amount: dollarAmount,
  remaining_authorization_amount: dollarAmount,
  status: authorizationStatusSchema,
})
export type ReleaseResponse = z.infer<typeof releaseResponseSchema>

export const returnRequestSchema = z.object({
  reference: z.string().max(40).optional(),
  vcc_number: z.string().max(16).optional(),
  full_return: z.boolean(),
  amount: positiveDollarAmount,
  sku_data: skuDataSchema.optional(),
})
export type ReturnRequest = z.infer<typeof returnRequestSchema>

/**
 * The return response fields listed on the Transactions Endpoints page, with no Required column.
 * Only return_id is needed (the plugin records it as the movement's id); the rest is read when sent.
 */
export const returnResponseSchema = z.looseObject({
  return_id: z.number().int().positive(),
  reference: z.string().nullable().optional(),
  capture_id: z.number().int().positive().optional(),
  date: z.string().optional(),
  amount: dollarAmount.optional(),
  remaining_capture_amount: dollarAmount.optional(),
  remaining_authorization_amount: dollarAmount.optional(),
})
export type ReturnResponse = z.infer<typeof returnResponseSchema>

export const accountRefundRequestSchema = z.object({
  reference: z.string().max(40).optional(),
  amount: positiveDollarAmount,
  vcc_number: z.string().max(16).optional(),
  capture_id: z.number().int().positive(),
  sku_data: skuDataSchema.optional(),
})
export type AccountRefundRequest = z.infer<typeof accountRefundRequestSchema>

/** "Success response is an empty object {}" (Transactions Endpoints). */
export const accountRefundResponseSchema = z.looseObject({})

/* ----------------------------- customers ----------------------------- */

export const customerLookupQuerySchema = z
  .object({
    vcc_number: z.string().optional(),
    account_number: numericId.optional(),
    customer_id: z.string().optional(),
  })
  .refine((q) => !!(q.vcc_number || q.account_number || q.customer_id), {
    message: "one of vcc_number, account_number or customer_id is required",
  })

export const customerAccountSchema = z.looseObject({
  customer_id: z.string(),
  account_number: z.number().int().positive(),
  account_status: z.string(),
  account_status_reason_code: z.string().optional(),
  account_type: z.enum(["consumer", "business"]),
  credit_limit: dollarAmount.optional(),
  available_credit: dollarAmount.optional(),
  first_name: z.string().optional(),
  last_name: z.string().optional(),
  card_ending_in: z.string().optional(),
  preferred_language: z.string().optional(),
})
export type CustomerAccount = z.infer<typeof customerAccountSchema>
export const customerLookupResponseSchema = customerAccountSchema

export const calculateInterestRequestSchema = z.object({ amount: positiveDollarAmount })

export const feeSchema = z.looseObject({
  description: z.string().optional(),
  amount: z.number().optional(),
  type: z.string().optional(),
  message: z.string().optional(),
})

export const calculateInterestResponseSchema = z.looseObject({
  account_number: z.number().int().positive(),
  account_type: z.enum(["consumer", "business"]).optional(),
  amount: dollarAmount,
  customer: z
    .looseObject({
      air: z.number().optional(),
      available_credit: z.number().optional(),
      first_name: z.string().optional(),
      last_name: z.string().optional(),
      category_type: z.string().optional(),
    })
    .optional(),
  regular_purchase: z
    .looseObject({ term_amount: z.number().optional(), air: z.number().optional(), verify: z.boolean().optional(), fees: z.array(feeSchema).optional() })
    .nullable()
    .optional(),
  promotional_purchase: z
    .array(
      z.looseObject({
        plan_id: z.number().int(),
        plan_name: z.string().optional(),
        terms: z.array(
          z.looseObject({
            term: z.number().int(),
            term_amount: z.number(),
            fees: z.array(feeSchema).optional(),
            annual_rates: z.unknown().optional(),
          })
        ),
      })
    )
    .default([]),
})
export type CalculateInterestResponse = z.infer<typeof calculateInterestResponseSchema>

/* ----------------------------- i18n ----------------------------- */

/**
 * GET i18n answers application-form values and customer-facing texts (POS API, "GET
 * /client-id/{client_id}/i18n"): label maps keyed by code (`provinces`, `plan_ids`,
 * `transaction_types`, `salutations`, …) and, at the top level, the disclosure texts
 * (`qcpa_disclosure`, `insurance`, `insurance_tc`, `annual_fees`). The docs mark no field of the
 * answer required, so every key is optional and unknown keys are kept. A map entry that is not
 * text is skipped rather than failing the sync.
 */
const labelMap = z
  .record(z.string(), z.unknown())
  .transform((map) => Object.fromEntries(Object.entries(map).filter((e): e is [string, string] => typeof e[1] === "string")))

export const i18nResponseSchema = z
  .looseObject({
    salutations: labelMap.optional(),
    provinces: labelMap.optional(),
    transaction_types: labelMap.optional(),
    plan_ids: labelMap.optional(),
  })
  .transform((answer) => ({
    salutations: answer.salutations ?? {},
    provinces: answer.provinces ?? {},
    transaction_types: answer.transaction_types ?? {},
    plan_ids: answer.plan_ids ?? {},
    /** every top-level text of the answer: the documented disclosure keys and any other text Flexiti adds */
    disclosures: Object.fromEntries(Object.entries(answer).filter((e): e is [string, string] => typeof e[1] === "string" && e[1].trim() !== "")),
  }))
export type I18nResponse = z.output<typeof i18nResponseSchema>
