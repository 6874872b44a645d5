import { renderToStaticMarkup } from "react-dom/server"
import { FlexitiAsLowAs, FlexitiButton, FlexitiPlanPicker } from "../react"

describe("React layer (server render)", () => {
  it("renders the pay button in the shopper's language, without touching the DOM", () => {
    const html = renderToStaticMarkup(<FlexitiButton cartId="cart_1" lang="fr" baseUrl="https://api" publishableKey="pk" onOrder={() => undefined} />)
    expect(html).toContain('data-testid="flexiti-button"')
    expect(html).toContain("Payer avec Flexiti")
    expect(html).not.toContain("flexiti-error")
  })

  it("renders nothing for 'as low as' until the calculator answered", () => {
    expect(renderToStaticMarkup(<FlexitiAsLowAs amount={1250} lang="en" baseUrl="https://api" publishableKey="pk" />)).toBe("")
  })
})

describe("FlexitiPlanPicker (server render)", () => {
  const option = (key: string, term: number | null) => ({
    key,
    transaction_type: (term ? "promotional_purchase" : "regular_purchase") as "promotional_purchase" | "regular_purchase",
    plan_id: term ? 5 : null,
    term,
    label: term ? "Equal Payments, No Interest" : "Revolving Purchase",
    transaction_type_label: "",
    monthly_amount: term ? (1260 / term).toFixed(2) : "37.80",
    months: term,
    total: term ? "1260.00" : null,
    annual_rate: term ? null : 29.99,
    fees: [],
  })
  const financing = {
    payment_session_id: "payses_1",
    amount: "1260.00",
    lang: "en" as const,
    options: [option("promotional_purchase:5:6", 6), option("promotional_purchase:5:12", 12), option("regular_purchase", null)],
    preselected: "promotional_purchase:5:12",
    chosen: null,
    disclosures: [{ code: "annual_fees", text: "An annual fee may apply to your account." }],
    disclosures_synced: true,
  }

  it("a labelled radio per option, the store's default checked, the disclosures and a confirm button", () => {
    const html = renderToStaticMarkup(<FlexitiPlanPicker financing={financing} lang="en" onConfirm={() => undefined} onCancel={() => undefined} />)
    expect(html.match(/type="radio"/g)).toHaveLength(3)
    const checked = (html.match(/<input[^>]*>/g) ?? []).filter((tag) => tag.includes('checked=""'))
    expect(checked).toHaveLength(1)
    expect(checked[0]).toContain('value="promotional_purchase:5:12"')
    expect(html).toContain('<label for="flexiti-plan-1">')
    expect(html).toContain("$105.00/month for 12 months")
    expect(html).toContain("Annual interest rate 29.99%")
    expect(html).toContain("An annual fee may apply to your account.")
    expect(html).toContain("Confirm and place order")
  })

  it("an option over the account's available credit is disabled, marked, and never checked first", () => {
    const some = { ...financing, options: financing.options.map((o) => ({ ...o, within_available_credit: o.term !== 12 })) }
    const html = renderToStaticMarkup(<FlexitiPlanPicker financing={some} lang="en" onConfirm={() => undefined} onCancel={() => undefined} />)
    const inputs = html.match(/<input[^>]*>/g) ?? []
    expect(inputs.filter((tag) => tag.includes('disabled=""')).map((tag) => tag.match(/value="([^"]+)"/)![1])).toEqual(["promotional_purchase:5:12"])
    expect(inputs.filter((tag) => tag.includes('checked=""')).map((tag) => tag.match(/value="([^"]+)"/)![1])).toEqual(["promotional_purchase:5:6"])
    expect(html).toContain("More than your available Flexiti credit")
  })

  it("says the disclosures could not be loaded, in the shopper's language, when the store never synced them", () => {
    const unsynced = { ...financing, disclosures: [], disclosures_synced: false }
    const en = renderToStaticMarkup(<FlexitiPlanPicker financing={unsynced} lang="en" onConfirm={() => undefined} onCancel={() => undefined} />)
    expect(en).toContain('data-disclosure="not_synced"')
    expect(en).toContain("could not be loaded by the store")
    const fr = renderToStaticMarkup(<FlexitiPlanPicker financing={unsynced} lang="fr" onConfirm={() => undefined} onCancel={() => undefined} />)
    expect(fr).toContain("n&#x27;a pas pu charger les divulgations")
    // synced but Flexiti has no text for this shopper: no box at all
    const none = renderToStaticMarkup(
      <FlexitiPlanPicker financing={{ ...financing, disclosures: [] }} lang="en" onConfirm={() => undefined} onCancel={() => undefined} />
    )
    expect(none).not.toContain("flexiti-plan-disclosures")
  })

  it("in French", () => {
    const html = renderToStaticMarkup(<FlexitiPlanPicker financing={financing} lang="fr" onConfirm={() => undefined} onCancel={() => undefined} />)
    expect(html).toContain("Choisissez votre plan Flexiti")
    expect(html).toMatch(/105,00\s\$ par mois pendant 12 mois/)
  })
})
