import { calculateInterestResponseSchema, CalculateInterestResponse, financingOptionSchema } from "../../../flexiti/schemas"
import { RuntimeConfig } from "../../../lib/config/resolver"
import { chooseFinancing } from "../widget-flow"

function plans(promotional: Array<{ plan_id: number; terms: number[] }> | undefined): CalculateInterestResponse {
  return calculateInterestResponseSchema.parse({
    account_number: 12345678901234,
    amount: 1260,
    regular_purchase: { term_amount: 50, air: 29.99 },
    ...(promotional
      ? { promotional_purchase: promotional.map((p) => ({ plan_id: p.plan_id, terms: p.terms.map((term) => ({ term, term_amount: 1260 / term })) })) }
      : {}),
  })
}

function config(defaults: { defaultPlanId?: number; defaultTerm?: number } = {}): RuntimeConfig {
  // chooseFinancing reads only these two fields
  return { ...defaults } as unknown as RuntimeConfig
}

const offered = [
  { plan_id: 10, terms: [6, 12] },
  { plan_id: 20, terms: [12, 24, 36] },
]

describe("chooseFinancing", () => {
  it("uses the configured plan and term when offered", () => {
    const choice = chooseFinancing(plans(offered), config({ defaultPlanId: 20, defaultTerm: 24 }))
    expect(choice).toEqual({ transaction_type: "promotional_purchase", plan_id: 20, term: 24 })
    expect(financingOptionSchema.safeParse(choice).success).toBe(true)
  })

  it("configured plan offered, configured term not: the plan's first term", () => {
    expect(chooseFinancing(plans(offered), config({ defaultPlanId: 20, defaultTerm: 48 }))).toEqual({
      transaction_type: "promotional_purchase",
      plan_id: 20,
      term: 12,
    })
  })

  it("configured plan not offered: first plan, with the configured term when that plan has it", () => {
    expect(chooseFinancing(plans(offered), config({ defaultPlanId: 99, defaultTerm: 12 }))).toEqual({
      transaction_type: "promotional_purchase",
      plan_id: 10,
      term: 12,
    })
  })

  it("nothing configured: first promotional plan's first term", () => {
    expect(chooseFinancing(plans(offered), config())).toEqual({ transaction_type: "promotional_purchase", plan_id: 10, term: 6 })
    expect(chooseFinancing(plans([...offered].reverse()), config())).toEqual({
      transaction_type: "promotional_purchase",
      plan_id: 20,
      term: 12,
    })
  })

  it("configured plan not offered and no configured term: first plan's first term", () => {
    expect(chooseFinancing(plans(offered), config({ defaultPlanId: 99 }))).toEqual({
      transaction_type: "promotional_purchase",
      plan_id: 10,
      term: 6,
    })
  })

  it("no promotional plans: regular purchase", () => {
    const regular = { transaction_type: "regular_purchase" }
    expect(chooseFinancing(plans([]), config({ defaultPlanId: 10, defaultTerm: 6 }))).toEqual(regular)
    expect(chooseFinancing(plans(undefined), config())).toEqual(regular)
    expect(financingOptionSchema.safeParse(chooseFinancing(plans([]), config())).success).toBe(true)
  })

  it("a single plan without terms: regular purchase, never a promotional option without a term", () => {
    expect(chooseFinancing(plans([{ plan_id: 10, terms: [] }]), config())).toEqual({ transaction_type: "regular_purchase" })
  })
  it("skips a promotional plan that offers no term", () => {
    expect(chooseFinancing(plans([{ plan_id: 10, terms: [] }, { plan_id: 20, terms: [12] }]), config())).toEqual({
      transaction_type: "promotional_purchase",
      plan_id: 20,
      term: 12,
    })
  })
})
