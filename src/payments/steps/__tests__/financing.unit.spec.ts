import { calculateInterestResponseSchema, CalculateInterestResponse, financingOptionSchema } from "../../../flexiti/schemas"
import { financingChoiceSchema } from "../../../api/store/flexiti/payment-sessions/[id]/financing/route"
import { financingOfferSchema } from "../../../modules/flexiti/validation"
import type { FlexitiFinancingOffer } from "../../../modules/flexiti/types"
import {
  availableCreditOf,
  financingForAuthorization,
  financingOptionOf,
  findOffered,
  fitsAvailableCredit,
  offeredOptions,
  preselectedOption,
} from "../financing"

function plans(promotional: Array<{ plan_id: number; terms: number[] }> | undefined, regular = true): CalculateInterestResponse {
  return calculateInterestResponseSchema.parse({
    account_number: 12345678901234,
    amount: 1260,
    customer: { air: 31.99 },
    ...(regular ? { regular_purchase: { term_amount: 37.8, air: 29.99, fees: [{ description: "Annual fee", amount: 49, type: "annual" }] } } : {}),
    ...(promotional
      ? {
          promotional_purchase: promotional.map((p) => ({
            plan_id: p.plan_id,
            plan_name: `Plan ${p.plan_id}`,
            terms: p.terms.map((term) => ({ term, term_amount: 1260 / term })),
          })),
        }
      : {}),
  })
}

const offered = [
  { plan_id: 10, terms: [6, 12] },
  { plan_id: 20, terms: [12, 24, 36] },
]

const offer = (p: CalculateInterestResponse): FlexitiFinancingOffer => ({ amount: "1260.00", fetched_at: "2026-11-26T00:00:00Z", options: offeredOptions(p) })

describe("offeredOptions", () => {
  it("lists every term of every plan, then the revolving purchase, amounts in dollars", () => {
    const options = offeredOptions(plans(offered))
    expect(options.map((o) => [o.transaction_type, o.plan_id, o.term])).toEqual([
      ["promotional_purchase", 10, 6],
      ["promotional_purchase", 10, 12],
      ["promotional_purchase", 20, 12],
      ["promotional_purchase", 20, 24],
      ["promotional_purchase", 20, 36],
      ["regular_purchase", null, null],
    ])
    expect(options[1]).toMatchObject({ monthly_amount: "105.00", total: "1260.00", plan_name: "Plan 10", annual_rate: null, fees: [] })
    // 1260 / 36 = 35.00; the total is monthly × months in exact decimals
    expect(options[4]).toMatchObject({ monthly_amount: "35.00", total: "1260.00" })
    expect(options[5]).toMatchObject({ monthly_amount: "37.80", total: null, annual_rate: 29.99 })
    expect(options[5].fees).toEqual([{ description: "Annual fee", amount: "49.00", type: "annual", message: null }])
    expect(financingOfferSchema.safeParse(offer(plans(offered))).success).toBe(true)
  })

  it("multiplies a monthly amount with cents exactly (no float drift)", () => {
    const [option] = offeredOptions(
      calculateInterestResponseSchema.parse({
        account_number: 1,
        amount: 100,
        promotional_purchase: [{ plan_id: 2, terms: [{ term: 3, term_amount: 33.34 }] }],
      })
    )
    expect(option.total).toBe("100.02")
  })

  it("offers no revolving purchase when Flexiti lists none", () => {
    expect(offeredOptions(plans(offered, false)).every((o) => o.transaction_type === "promotional_purchase")).toBe(true)
    expect(offeredOptions(plans([], false))).toEqual([])
  })
})

describe("preselectedOption (the picker's default, never applied without the shopper)", () => {
  const options = offeredOptions(plans(offered))
  const key = (o?: { plan_id: number | null; term: number | null; transaction_type: string }) => o && [o.transaction_type, o.plan_id, o.term]

  it("the store's default plan and term when offered", () => {
    expect(key(preselectedOption(options, { planId: 20, term: 24 }))).toEqual(["promotional_purchase", 20, 24])
  })
  it("default plan offered, its term not: the plan's first term", () => {
    expect(key(preselectedOption(options, { planId: 20, term: 48 }))).toEqual(["promotional_purchase", 20, 12])
  })
  it("default plan not offered: the first plan, with the default term when it has it", () => {
    expect(key(preselectedOption(options, { planId: 99, term: 12 }))).toEqual(["promotional_purchase", 10, 12])
  })
  it("nothing configured: the first promotional term", () => {
    expect(key(preselectedOption(options, {}))).toEqual(["promotional_purchase", 10, 6])
  })
  it("only a revolving purchase: that", () => {
    expect(key(preselectedOption(offeredOptions(plans([])), { planId: 10, term: 6 }))).toEqual(["regular_purchase", null, null])
    expect(preselectedOption([], {})).toBeUndefined()
  })
})

describe("the choice an authorization uses", () => {
  const several = offer(plans(offered))

  it("finds only an offered option", () => {
    expect(findOffered(several, { transaction_type: "promotional_purchase", plan_id: 20, term: 36 })).toMatchObject({ plan_id: 20, term: 36 })
    expect(findOffered(several, { transaction_type: "promotional_purchase", plan_id: 10, term: 36 })).toBeUndefined()
    expect(findOffered(several, { transaction_type: "promotional_purchase", plan_id: 99, term: 12 })).toBeUndefined()
    expect(findOffered(several, { transaction_type: "regular_purchase" })).toMatchObject({ transaction_type: "regular_purchase" })
    expect(findOffered(offer(plans(offered, false)), { transaction_type: "regular_purchase" })).toBeUndefined()
    expect(findOffered(null, { transaction_type: "regular_purchase" })).toBeUndefined()
  })

  it("uses the recorded choice", () => {
    const choice = { transaction_type: "promotional_purchase" as const, plan_id: 20, term: 24, chosen_at: "x" }
    const decision = financingForAuthorization({ financing_options: several, financing_choice: choice })
    expect(decision.kind === "chosen" && financingOptionOf(decision.option)).toEqual({ transaction_type: "promotional_purchase", plan_id: 20, term: 24 })
  })

  it("several options and no choice: the shopper must choose, the store's default is not applied", () => {
    expect(financingForAuthorization({ financing_options: several, financing_choice: null })).toEqual({ kind: "choice_required" })
    expect(financingForAuthorization({ financing_options: null, financing_choice: null })).toEqual({ kind: "choice_required" })
  })

  it("a recorded choice Flexiti did not offer is not used", () => {
    const forged = { transaction_type: "promotional_purchase" as const, plan_id: 10, term: 36, chosen_at: "x" }
    expect(financingForAuthorization({ financing_options: several, financing_choice: forged })).toEqual({ kind: "choice_required" })
  })

  it("exactly one option offered: that one, without asking", () => {
    const one = offer(plans([{ plan_id: 10, terms: [12] }], false))
    const decision = financingForAuthorization({ financing_options: one, financing_choice: null })
    expect(decision.kind === "chosen" && financingOptionOf(decision.option)).toEqual({ transaction_type: "promotional_purchase", plan_id: 10, term: 12 })
    const onlyRevolving = financingForAuthorization({ financing_options: offer(plans([])), financing_choice: null })
    expect(onlyRevolving.kind === "chosen" && financingOptionSchema.parse(financingOptionOf(onlyRevolving.option))).toEqual({
      transaction_type: "regular_purchase",
    })
  })
})

describe("POST …/financing body", () => {
  const ok = (body: unknown) => financingChoiceSchema.safeParse(body).success
  it("accepts a plan and term, or a revolving purchase", () => {
    expect(ok({ cart_id: "cart_1", transaction_type: "promotional_purchase", plan_id: 5, term: 12 })).toBe(true)
    expect(ok({ cart_id: "cart_1", transaction_type: "regular_purchase" })).toBe(true)
  })
  it("refuses a promotional purchase without plan or term, a revolving one with them, and anything else", () => {
    expect(ok({ cart_id: "cart_1", transaction_type: "promotional_purchase", plan_id: 5 })).toBe(false)
    expect(ok({ cart_id: "cart_1", transaction_type: "regular_purchase", plan_id: 5, term: 12 })).toBe(false)
    expect(ok({ cart_id: "cart_1", transaction_type: "promotional_purchase", plan_id: "5", term: 12 })).toBe(false)
    expect(ok({ cart_id: "cart_1", transaction_type: "promotional_purchase", plan_id: 5, term: 1.5 })).toBe(false)
    expect(ok({ cart_id: "cart_1", transaction_type: "layaway" })).toBe(false)
    expect(ok({ transaction_type: "regular_purchase" })).toBe(false)
    expect(ok({ cart_id: "cart_1", transaction_type: "regular_purchase", authorization_id: 1 })).toBe(false)
  })
})

describe("the available credit (calculate-interest customer.available_credit) against each option", () => {
  const withCredit = (available_credit: number | undefined) =>
    calculateInterestResponseSchema.parse({
      account_number: 12345678901234,
      amount: 1260,
      customer: { air: 31.99, ...(available_credit === undefined ? {} : { available_credit }) },
      regular_purchase: { term_amount: 37.8, air: 29.99 },
      // 12 × 110.01 = 1320.12: a plan with interest costs more than the amount
      promotional_purchase: [
        { plan_id: 5, terms: [{ term: 6, term_amount: 210 }] },
        { plan_id: 2, terms: [{ term: 12, term_amount: 110.01 }] },
      ],
    })
  const fits = (credit: number | undefined) => {
    const p = withCredit(credit)
    const stored = financingOfferSchema.parse({
      amount: "1260.00",
      fetched_at: "2026-12-04T00:00:00Z",
      options: offeredOptions(p),
      available_credit: availableCreditOf(p),
    })
    return stored.options.map((o) => fitsAvailableCredit(o as never, stored as never))
  }

  it("is kept in dollars; missing means unknown, negative means none", () => {
    expect(availableCreditOf(withCredit(50))).toBe("50.00")
    expect(availableCreditOf(withCredit(undefined))).toBeNull()
    expect(availableCreditOf(withCredit(-12.5))).toBe("0.00")
  })

  it("compares the amount plus the plan's interest (its total) for a financed plan, the amount for a revolving purchase", () => {
    expect(fits(10000)).toEqual([true, true, true])
    expect(fits(1320.12)).toEqual([true, true, true])
    expect(fits(1320.11)).toEqual([true, false, true])
    expect(fits(1260)).toEqual([true, false, true])
    expect(fits(1259.99)).toEqual([false, false, false])
    expect(fits(0)).toEqual([false, false, false])
    expect(fits(undefined)).toEqual([null, null, null])
  })
})
