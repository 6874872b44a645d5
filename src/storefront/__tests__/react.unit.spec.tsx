import { renderToStaticMarkup } from "react-dom/server"
import { FlexitiAsLowAs, FlexitiButton } from "../react"

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
