import axios from "axios"
import AxeBuilder from "@axe-core/playwright"
import type { Browser, Frame, Page } from "playwright-core"
import { clickInFrame, launchChromium, screenshot } from "../fixtures/browser"
import { DemoStack, startDemoStack } from "../fixtures/demo-stack"

jest.setTimeout(420 * 1000)

/**
 * The shopper's path on the demo storefront with the storefront kit: no dead ends (a closed plan
 * picker keeps Flexiti's approval, too little credit is told before confirming), busy buttons,
 * focus on the result, a modal that closes from the keyboard, the demo in French and at 375 px,
 * a second payment method, and no serious or critical accessibility violations (axe-core).
 */
describe("the shopper's path on the demo storefront (headless Chromium)", () => {
  let stack: DemoStack
  let browser: Browser

  beforeAll(async () => {
    // ports apart from the other browser specs', so they may run side by side
    stack = await startDemoStack({ medusa: 9473, sandbox: 4473, storefront: 8473 })
    browser = await launchChromium()
  }, 400 * 1000)

  afterAll(async () => {
    await browser?.close()
    await stack?.stop()
  })

  async function adminToken() {
    const { data } = await axios.post(`${stack.backend}/auth/user/emailpass`, { email: stack.admin_email, password: stack.admin_password })
    return data.token as string
  }

  async function latestOrder() {
    const { data } = await axios.get(`${stack.backend}/admin/orders`, {
      params: { fields: "id,display_id,created_at,*payment_collections,*payment_collections.payments", order: "-created_at", limit: 1 },
      headers: { authorization: `Bearer ${await adminToken()}` },
    })
    return data.orders[0]
  }

  async function sandboxAuthorizations(reference: string) {
    const { data } = await axios.get(`${stack.sandbox}/__sandbox/authorizations`, { params: { client_id: "demo-store", reference } })
    return data.authorizations as { plan_id: number | null; term: number | null; status: string }[]
  }

  /** A page in a context of its own: axe-core opens a page beside it in the same context. */
  const newPage = async (viewport?: { width: number; height: number }) => (await browser.newContext(viewport ? { viewport } : {})).newPage()

  /** A shopper with the sofa in the cart, at the payment step, Flexiti chosen (as demo-shop's fixture). */
  async function shop(province = "ON") {
    const page = await newPage()
    await page.goto(stack.storefront)
    await page.selectOption('[data-testid="province"]', province)
    await page.click('[data-testid="add-sofa"]')
    await page.waitForSelector("#cart:not([hidden])")
    await page.click('[data-testid="checkout-continue"]')
    await page.waitForSelector("#payment:not([hidden])")
    await page.check('[data-testid="choose-flexiti"]')
    return page
  }

  const click = (page: Page, frame: Frame, selector: string) => clickInFrame(page, '[data-testid="flexiti-iframe"]', frame, selector)

  async function openModal(page: Page): Promise<Frame> {
    await page.click('[data-testid="pay-flexiti"]')
    await page.waitForSelector('[data-testid="flexiti-modal"]')
    const frame = (await (await page.waitForSelector('[data-testid="flexiti-iframe"]')).contentFrame())!
    await frame.waitForSelector("#flx-approve")
    return frame
  }

  /** Approves in the widget as `account` (a sandbox account number), or the default approved account. */
  async function approveAs(page: Page, frame: Frame, account?: number) {
    if (account) await frame.fill("#flx-account", String(account))
    await click(page, frame, "#flx-approve")
  }

  const activeTestId = (page: Page) => page.evaluate(() => document.activeElement?.getAttribute("data-testid") ?? document.activeElement?.tagName)

  /** Records every value `attribute` takes on elements matching `selector` from now on (busy states may be short). */
  async function watchAttribute(page: Page, selector: string, attribute: string) {
    await page.evaluate(
      ([sel, attr]) => {
        const seen: string[] = ((window as unknown as { __seen: string[] }).__seen = [])
        new MutationObserver((records) => {
          for (const r of records) {
            const el = r.target as Element
            if (r.type === "attributes" && r.attributeName === attr && el.matches(sel)) seen.push(`${el.getAttribute(attr)}|${el.textContent}`)
          }
        }).observe(document.body, { subtree: true, attributes: true, attributeFilter: [attr] })
      },
      [selector, attribute]
    )
    return () => page.evaluate(() => (window as unknown as { __seen: string[] }).__seen)
  }

  /** axe-core on the page as it is now: no serious or critical violations (Flexiti's own page in the iframe is not the store's). */
  async function expectAccessible(page: Page, what: string) {
    const result = await new AxeBuilder({ page }).exclude('[data-testid="flexiti-iframe"]').analyze()
    expect(result.passes.length).toBeGreaterThan(10) // axe did run on the store's page
    const bad = result.violations.filter((v) => v.impact === "serious" || v.impact === "critical")
    expect({ what, violations: bad.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`) }).toEqual({ what, violations: [] })
  }

  it("closing the plan picker keeps the approval: Pay with Flexiti reopens the plans, the choice places the order; buttons show they wait and focus lands on the confirmation", async () => {
    const page = await shop()
    const payBusy = await watchAttribute(page, '[data-testid="pay-flexiti"]', "aria-busy")
    const frame = await openModal(page)
    expect(await payBusy()).toContainEqual(expect.stringMatching(/^true\|Opening Flexiti/))
    const widgetSession = new URL(frame.url().replace("/#/", "/")).searchParams.get("widget_session_id")
    await approveAs(page, frame)
    await page.waitForSelector('[data-testid="flexiti-plan-picker"]')
    await expectAccessible(page, "plan picker")
    await page.keyboard.press("Escape")
    await page.waitForSelector('[data-testid="flexiti-plan-picker"]', { state: "detached" })
    expect(await page.textContent('[data-testid="payment-message"]')).toMatch(/approval is kept/i)
    expect(await page.getAttribute('[data-testid="payment-message"]', "class")).toBe("info")
    expect(await activeTestId(page)).toBe("payment-message")

    // Paying again: the plans of the same approval, without Flexiti's window
    await page.click('[data-testid="pay-flexiti"]')
    await page.waitForSelector('[data-testid="flexiti-plan-picker"]')
    expect(await page.$('[data-testid="flexiti-modal"]')).toBeNull()
    await page.check('[data-testid="flexiti-plan-option"][value="promotional_purchase:5:12"]')
    const confirmBusy = await watchAttribute(page, '[data-testid="flexiti-plan-confirm"]', "aria-busy")
    await page.click('[data-testid="flexiti-plan-confirm"]')
    await page.waitForSelector('[data-testid="order-confirmation"]:not([hidden])')
    expect(await confirmBusy()).toContainEqual("true|Placing your order…")
    expect(await activeTestId(page)).toBe("confirmation-title")
    await screenshot(page, "storefront-confirmation-focused")
    await expectAccessible(page, "order confirmation")

    const order = await latestOrder()
    expect(await page.textContent('[data-testid="confirmation-title"]')).toContain(String(order.display_id))
    const payment = order.payment_collections[0].payments[0]
    expect(payment.provider_id).toBe("pp_flexiti_flexiti")
    expect(payment.data.widget_session_id ?? widgetSession).toBe(widgetSession)
    expect(await sandboxAuthorizations(payment.data.session_id)).toMatchObject([{ plan_id: 5, term: 12, status: "opened" }])
    await page.close()
  })

  it("an account whose available credit covers no plan is told right after Flexiti's approval, before any plan is confirmed; nothing is authorized", async () => {
    const before = await latestOrder()
    const page = await shop()
    const frame = await openModal(page)
    await approveAs(page, frame, 10000000000002) // the sandbox's lowCredit account: 50.00 available
    await page.waitForSelector('[data-testid="payment-message"].error')
    expect(await page.$('[data-testid="flexiti-plan-picker"]')).toBeNull()
    expect(await page.textContent('[data-testid="payment-message"]')).toMatch(/available credit does not cover this order.*Choose another payment method/)
    expect(await activeTestId(page)).toBe("payment-message")
    await screenshot(page, "storefront-credit-too-low")
    expect((await latestOrder())?.id).toBe(before?.id)
    const cartId = await page.getAttribute("#cart", "data-cart-id")
    const { data } = await axios.get(`${stack.backend}/store/carts/${cartId}`, { headers: { "x-publishable-api-key": stack.publishable_key } })
    expect(data.cart.completed_at).toBeNull()
    await page.close()
  })

  it("plans over the available credit are shown but cannot be chosen; one within it places the order", async () => {
    const account = 10000000000090
    await axios.post(`${stack.sandbox}/__sandbox/accounts`, { client_id: "demo-store", account_number: account, credit_limit: 5000, available_credit: 1300 })
    const page = await shop()
    await approveAs(page, await openModal(page), account)
    await page.waitForSelector('[data-testid="flexiti-plan-picker"]')
    // 1,260.00 with plan 2's 9.99% over 24 or 36 months is more than 1,300.00; plan 5 (no interest) and revolving are not
    const state = await page.$$eval('[data-testid="flexiti-plan-option"]', (radios) =>
      radios.map((r) => [(r as HTMLInputElement).value, (r as HTMLInputElement).disabled])
    )
    expect(state).toEqual([
      ["promotional_purchase:5:6", false],
      ["promotional_purchase:5:12", false],
      ["promotional_purchase:2:24", true],
      ["promotional_purchase:2:36", true],
      ["regular_purchase", false],
    ])
    expect(await page.textContent('[data-testid="flexiti-plan-picker"]')).toContain("More than your available Flexiti credit")
    await screenshot(page, "storefront-plans-over-credit")
    await page.click('[data-testid="flexiti-plan-confirm"]')
    await page.waitForSelector('[data-testid="order-confirmation"]:not([hidden])')
    const payment = (await latestOrder()).payment_collections[0].payments[0]
    expect(await sandboxAuthorizations(payment.data.session_id)).toMatchObject([{ plan_id: 5, term: 6, status: "opened" }])
    await page.close()
  })

  it("the modal closes from the keyboard while focus is inside Flexiti's page: Shift+Tab reaches the Close button", async () => {
    const page = await shop()
    const frame = await openModal(page)
    await expectAccessible(page, "Flexiti modal")
    // focus inside Flexiti's (cross-origin) page, where the store never sees Esc
    await click(page, frame, "#flx-account")
    expect(await frame.evaluate(() => document.activeElement?.id)).toBe("flx-account")
    expect(await activeTestId(page)).toBe("flexiti-iframe")
    for (let i = 0; i < 12 && (await activeTestId(page)) !== "flexiti-close"; i++) await page.keyboard.press("Shift+Tab")
    expect(await activeTestId(page)).toBe("flexiti-close")
    expect(await page.textContent('[data-testid="flexiti-close"]')).toBe("Close")
    await page.keyboard.press("Enter")
    await page.waitForSelector('[data-testid="flexiti-modal"]', { state: "detached" })
    expect(await page.textContent('[data-testid="payment-message"]')).toMatch(/closed/i)
    expect(await activeTestId(page)).toBe("payment-message")

    // and forward: Tab past the end of Flexiti's page comes back to Close
    const again = await openModal(page)
    await click(page, again, "#flx-account")
    for (let i = 0; i < 20 && (await activeTestId(page)) !== "flexiti-close"; i++) await page.keyboard.press("Tab")
    expect(await activeTestId(page)).toBe("flexiti-close")
    await page.keyboard.press("Enter")
    await page.waitForSelector('[data-testid="flexiti-modal"]', { state: "detached" })
    await page.close()
  })

  it("in French at 375 px: every label in French, no horizontal overflow, and the second payment method places an order", async () => {
    const page = await newPage({ width: 375, height: 740 })
    await page.goto(stack.storefront)
    await page.waitForSelector('[data-testid="add-sofa"]')
    await page.selectOption('[data-testid="lang"]', "fr")
    await page.waitForFunction(() => document.querySelector('[data-testid="add-sofa"]')?.textContent === "Ajouter au panier")
    const fits = () => page.evaluate(() => document.documentElement.scrollWidth)
    expect(await fits()).toBeLessThanOrEqual(375)
    const language = await page.locator("header label").nth(1).boundingBox()
    expect(language!.x + language!.width).toBeLessThanOrEqual(375)
    expect(await page.locator("header label").nth(1).textContent()).toMatch(/^Langue/)
    await expectAccessible(page, "products (fr, 375 px)")

    await page.click('[data-testid="add-sofa"]')
    await page.waitForSelector("#cart:not([hidden])")
    await page.click('[data-testid="checkout-continue"]')
    await page.waitForSelector("#payment:not([hidden])")
    const text = (selector: string) => page.textContent(selector).then((t) => t?.trim())
    expect(await text("#cart-title")).toBe("Panier")
    expect(await text("#address-form h3")).toBe("Adresse de livraison")
    expect(await text("#payment-title")).toBe("Paiement")
    expect(await text('[data-testid="checkout-continue"]')).toBe("Continuer vers le paiement")
    const english = await page.evaluate(() => {
      const words = [
        "Cart",
        "Shipping address",
        "Payment",
        "Continue to payment",
        "Email",
        "First name",
        "Last name",
        "City",
        "Postal code",
        "Language",
        "Place order",
      ]
      const visible = document.body.innerText
      return words.filter((w) => new RegExp(`(^|\\n)${w}(\\n|$| )`).test(visible))
    })
    expect(english).toEqual([])
    expect(await fits()).toBeLessThanOrEqual(375)
    await page.check('[data-testid="choose-flexiti"]')
    await expectAccessible(page, "payment step (fr, 375 px)")
    await screenshot(page, "storefront-fr-375-payment")

    // The other method the messages point to: Medusa's system provider
    await page.check('[data-testid="choose-manual"]')
    expect(await page.isHidden('[data-testid="pay-flexiti"]')).toBe(true)
    expect(await text('[data-testid="place-manual"]')).toBe("Passer la commande")
    await page.click('[data-testid="place-manual"]')
    await page.waitForSelector('[data-testid="order-confirmation"]:not([hidden])')
    expect(await text('[data-testid="confirmation-title"]')).toMatch(/^Merci! Votre commande #\d+ est passée\.$/)
    expect(await activeTestId(page)).toBe("confirmation-title")
    expect(await fits()).toBeLessThanOrEqual(375)
    const order = await latestOrder()
    expect(order.payment_collections[0].payments[0].provider_id).toBe("pp_system_default")
    await page.close()
  })

  it("an application Flexiti is reviewing is shown as information, not as an error", async () => {
    const page = await shop()
    await click(page, await openModal(page), "#flx-new")
    await page.waitForSelector('[data-testid="flexiti-step"]')
    await page.check('[data-testid="flexiti-step-consent"]')
    await expectAccessible(page, "apply step dialog")
    await page.click('[data-testid="flexiti-step-confirm"]')
    await page.waitForSelector('[data-testid="flexiti-modal"]')
    const application = (await (await page.waitForSelector('[data-testid="flexiti-iframe"]')).contentFrame())!
    await application.waitForSelector("#flx-apply")
    await application.selectOption("#flx-applicant", "P-REVIEW_MISC")
    await click(page, application, "#flx-apply")
    await page.waitForSelector('[data-testid="payment-message"].info')
    expect(await page.textContent('[data-testid="payment-message"]')).toMatch(/reviewing your application/)
    const color = await page.$eval('[data-testid="payment-message"]', (el) => getComputedStyle(el).color)
    expect(color).not.toBe("rgb(180, 35, 24)") // the error red
    await screenshot(page, "storefront-pending-info")
    await page.close()
  })
})
