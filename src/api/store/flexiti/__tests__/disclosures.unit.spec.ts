import { disclosuresFor } from "../financing-view"

const synced = { annual_fees: "Annual fee.", qcpa_disclosure: "Quebec CPA.", insurance: "Insurance.", insurance_tc: "Insurance terms." }

describe("disclosures a shopper sees", () => {
  it("a shopper outside Quebec sees every text but Quebec's consumer-protection disclosure", () => {
    expect(disclosuresFor(synced, false).map((d) => d.code)).toEqual(["annual_fees", "insurance", "insurance_tc"])
  })

  it("a Quebec shopper sees Quebec's disclosure first, then the others", () => {
    const shown = disclosuresFor(synced, true)
    expect(shown[0]).toEqual({ code: "qcpa_disclosure", text: "Quebec CPA." })
    expect(shown.map((d) => d.code).slice(1)).toEqual(["annual_fees", "insurance", "insurance_tc"])
  })

  it("nothing synced, nothing shown", () => {
    expect(disclosuresFor({}, true)).toEqual([])
  })
})
