/** The public part of a Flexiti payment's data, as the provider stores it (src/providers/flexiti/types.ts). */
export interface FlexitiPaymentSummary {
  authorization_id?: number
  account_number_masked?: string
  flow?: "widget" | "hosted"
  reference_id?: string
  transaction_type?: string
  plan_id?: number | null
  term?: number | null
  authorized_amount?: string
  released_amount?: string
  authorization_status?: string
  captures?: { capture_id: number; amount: string; returned: string; refunded: string; date: string }[]
  refunds?: { medusa_refund_id: string; amount: string; method: string }[]
}

export const FLEXITI_PROVIDER_ID = "pp_flexiti_flexiti"

/** Sums 2-decimal dollar strings in integer cents, so the widget never adds floats. */
export function sumDollars(values: (string | undefined)[]): string {
  const cents = values.reduce((total, v) => total + Math.round(Number(v ?? "0") * 100), 0)
  return (cents / 100).toFixed(2)
}
