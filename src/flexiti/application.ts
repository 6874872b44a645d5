import { z } from "zod"
import { personalInformationSchema, provinceCode } from "./schemas"

/**
 * A Flexiti application from a checkout (SDK Init Method, the fields marked "if apply"): the
 * applicant's names and postal code, contact data for Flexiti's verification, address, account
 * type and the terms agreement, which must be true. POST /apply repeats the same data with the
 * application's widget_session_id (APPLY_REQUEST in assumptions.ts).
 */
export const applicationDataSchema = z.object({
  customer_identification: z.object({ personal_information: personalInformationSchema }),
  tos_agreement: z.literal(true, { error: "the applicant must agree to Flexiti's terms (tos_agreement true)" }),
  email: z.email().max(100),
  /** "number (10)", a mobile number for the SMS verification */
  phone_number: z.number().int().min(1_000_000_000).max(9_999_999_999),
  address_1: z.string().min(1).max(250),
  address_2: z.string().max(100).optional(),
  city: z.string().min(1).max(100),
  province: provinceCode,
  account_type: z.enum(["consumer", "business"]),
})
export type ApplicationData = z.infer<typeof applicationDataSchema>

export const applyRequestSchema = applicationDataSchema.extend({ widget_session_id: z.string().min(1) })
export type ApplyRequest = z.infer<typeof applyRequestSchema>

/**
 * POST /apply's approval (an inference: README, "Assumptions about the Flexiti API"): the new account's number is what the
 * purchase needs; everything else is optional and kept as sent.
 */
export const applyAnswerSchema = z.looseObject({
  account_number: z.coerce.number().int().positive(),
  customer_id: z.union([z.string(), z.number()]).nullish(),
  apply_status: z.string().nullish(),
})
export type ApplyAnswer = z.infer<typeof applyAnswerSchema>

/** POST /apply's refusals (Error Overview, apply codes): a decline, or a review still under way. */
export function applicationRefusal(code: string | undefined): "declined" | "pending" | undefined {
  if (!code) return undefined
  if (code.startsWith("application_declined")) return "declined"
  if (code.startsWith("application_marked_pending")) return "pending"
  return undefined
}
