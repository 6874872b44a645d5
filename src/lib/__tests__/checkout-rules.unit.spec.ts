import { EligibilityFacts, evaluateEligibility } from "../checkout-rules"

const limits = { minAmount: "100.00", maxAmount: "10000.00", allowedProvinces: ["ON", "QC"] }
const ok: EligibilityFacts = { currency_code: "cad", total: 1260, province: "ON", enabled_in_region: true, completed: false }
const codes = (facts: Partial<EligibilityFacts>) => evaluateEligibility({ ...ok, ...facts }, limits).map((r) => r.code)

describe("eligibility rules (same as the provider's)", () => {
  it("accepts a CAD cart in range in an allowed province, or without a province", () => {
    expect(codes({})).toEqual([])
    expect(codes({ province: undefined })).toEqual([])
    expect(codes({ total: "100" })).toEqual([])
    expect(codes({ total: 10000 })).toEqual([])
  })

  it("names every failing rule", () => {
    expect(codes({ currency_code: "usd" })).toEqual(["currency_not_cad"])
    expect(codes({ total: 99.99 })).toEqual(["amount_below_minimum"])
    expect(codes({ total: "10000.01" })).toEqual(["amount_above_maximum"])
    expect(codes({ province: "BC" })).toEqual(["province_not_allowed"])
    expect(codes({ enabled_in_region: false })).toEqual(["not_enabled_in_region"])
    expect(codes({ completed: true, currency_code: "usd", total: 5, province: "AB" })).toEqual([
      "cart_completed",
      "currency_not_cad",
      "amount_below_minimum",
      "province_not_allowed",
    ])
  })

  it("explains in English and French with the limits formatted per language", () => {
    const [above] = evaluateEligibility({ ...ok, total: 12510 }, limits)
    expect(above.message_en).toBe("Flexiti financing is available for orders up to $10,000.00.")
    expect(above.message_fr.replace(/\s/g, " ")).toBe("Le financement Flexiti est offert pour les commandes jusqu'à 10 000,00 $.")
    const [usd] = evaluateEligibility({ ...ok, currency_code: "usd" }, limits)
    expect(usd.message_en).toContain("USD")
    expect(usd.message_fr).toContain("USD")
  })
})
