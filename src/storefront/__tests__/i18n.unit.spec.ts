import { FLEXITI_TEXTS, flexitiText, formatCad, normalizeLang } from "../i18n"

const placeholders = (s: string) => (s.match(/\{\w+\}/g) ?? []).sort()

describe("storefront i18n", () => {
  it("has every key in English and French, non-empty, with the same placeholders", () => {
    const en = FLEXITI_TEXTS.en
    const fr = FLEXITI_TEXTS.fr
    expect(Object.keys(fr).sort()).toEqual(Object.keys(en).sort())
    for (const key of Object.keys(en) as (keyof typeof en)[]) {
      expect(en[key].trim()).not.toBe("")
      expect(fr[key].trim()).not.toBe("")
      expect(placeholders(fr[key])).toEqual(placeholders(en[key]))
    }
  })

  it("gives the Quebec texts the issue asks for", () => {
    expect(flexitiText("en", "quebec")).toBe("Financing available with Flexiti")
    expect(flexitiText("fr", "quebec")).toBe("Financement offert avec Flexiti")
  })

  it("fills placeholders and falls back to English", () => {
    expect(flexitiText("en", "asLowAs", { amount: "$10.00", months: 12 })).toBe("As low as $10.00/month for 12 months with Flexiti")
    expect(flexitiText("fr-CA", "asLowAs", { amount: "10,00 $", months: 12 })).toBe("À partir de 10,00 $ par mois pendant 12 mois avec Flexiti")
    expect(flexitiText("de", "close")).toBe("Close")
    expect(flexitiText(undefined, "orderFailed")).toBe("The order could not be placed: {message}")
    expect(normalizeLang("FR")).toBe("fr")
  })

  it("formats Canadian dollars per language", () => {
    expect(formatCad(104.17, "en")).toBe("$104.17")
    expect(formatCad("1250", "fr").replace(/\s/g, " ")).toBe("1 250,00 $")
  })
})
