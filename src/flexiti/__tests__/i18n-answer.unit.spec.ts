import { i18nResponseSchema } from "../schemas/pos"

/**
 * The i18n answer as the POS API documents it ("GET /client-id/{client_id}/i18n", success
 * response): label maps keyed by code and, at the top level, the disclosure texts. Read cleanly
 * from the documentation's example (which prints the texts as "..."); nested maps shortened.
 */
const documented = {
  salutations: { mr: "Mr.", ms: "Ms.", mrs: "Mrs.", mss: "Miss." },
  provinces: { AB: "Alberta", NL: "Newfoundland & Labrador", QC: "Quebec", YT: "Yukon Territory" },
  security_ids: { "4": "What is the name of your favourite childhood friend?" },
  govid_types: { CADL: "Driver's Licence" },
  govid_issued_bys: { option_depends: { CADL: { AB: "Alberta" } } },
  occupation_ids: { options: { FE: "Full-time Employment" } },
  transaction_types: { promotional_purchase: "Financed Purchase", regular_purchase: "Revolving Purchase" },
  plan_ids: { "1": "90 Days Grace, Equal Payments Regular Interest", "5": "Equal Payments, No Interest" },
  qcpa_disclosure: "...",
  insurance: "...",
  insurance_tc: "...",
  annual_fees: "...",
  housing_type: { Rent: "Rent", Owned: "Owned", Relatives: "Lives with Relatives", Other: "Other" },
}

describe("i18n answer (client reading)", () => {
  it("reads the disclosure texts from the answer's top level, and the label maps", () => {
    const read = i18nResponseSchema.parse(documented)
    expect(read.disclosures).toEqual({ qcpa_disclosure: "...", insurance: "...", insurance_tc: "...", annual_fees: "..." })
    expect(read.provinces).toEqual(documented.provinces)
    expect(read.plan_ids["5"]).toBe("Equal Payments, No Interest")
    expect(read.transaction_types.regular_purchase).toBe("Revolving Purchase")
  })

  it("keeps any other top-level text Flexiti adds as a disclosure, and ignores empty texts", () => {
    const read = i18nResponseSchema.parse({ ...documented, promo_terms: "Promotional terms apply.", insurance: "  " })
    expect(read.disclosures.promo_terms).toBe("Promotional terms apply.")
    expect(read.disclosures).not.toHaveProperty("insurance")
  })

  it("tolerates an answer with any documented key missing (the docs mark none required)", () => {
    for (const key of Object.keys(documented)) {
      const answer: Record<string, unknown> = { ...documented }
      delete answer[key]
      const read = i18nResponseSchema.parse(answer)
      expect(read.provinces).toEqual(key === "provinces" ? {} : documented.provinces)
      expect(Object.keys(read.disclosures)).not.toContain(key)
    }
    expect(i18nResponseSchema.parse({})).toEqual({ salutations: {}, provinces: {}, transaction_types: {}, plan_ids: {}, disclosures: {} })
  })

  it("skips a map entry that is not text instead of failing the whole sync", () => {
    const read = i18nResponseSchema.parse({ ...documented, provinces: { ON: "Ontario", XX: { nested: true }, YY: 3 } })
    expect(read.provinces).toEqual({ ON: "Ontario" })
  })
})
