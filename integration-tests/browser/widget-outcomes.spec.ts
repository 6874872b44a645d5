import axios from "axios"
import type { Browser, Frame, Page } from "playwright-core"
import { clickInFrame, launchChromium, screenshot } from "../fixtures/browser"
import { DemoStack, startDemoStack } from "../fixtures/demo-stack"
import { shopUntilPayment as shop } from "../fixtures/demo-shop"
import { SANDBOX_TEST_ACCOUNTS } from "../../src/sandbox"

jest.setTimeout(420 * 1000)

/**
 * Each documented outcome of Flexiti's purchase widget (Widget Communication Events), on the demo
 * storefront with the kit: a shopper new to Flexiti applies without leaving the checkout
 * (approved, pending, declined, as Flexiti's test applicants), an existing shopper's purchase is
 * refused, an account needs activation first.
 */
describe("every widget outcome has a path for the shopper (headless Chromium)", () => {
  let stack: DemoStack
  let browser: Browser

  beforeAll(async () => {
    // Ports apart from storefront-checkout.spec.ts, so both can run at once.
    stack = await startDemoStack({ medusa: 9297, sandbox: 4297, storefront: 8297 })
    browser = await launchChromium()
  }, 400 * 1000)

  afterAll(async () => {
    await browser?.close()
    await stack?.stop()
  })

  async function adminGet(path: string, params: Record<string, unknown>) {
    const { data: auth } = await axios.post(`${stack.backend}/auth/user/emailpass`, { email: stack.admin_email, password: stack.admin_password })
    return (await axios.get(`${stack.backend}${path}`, { params, headers: { authorization: `Bearer ${auth.token}` } })).data
  }
  const latestOrder = async () =>
    (await adminGet("/admin/orders", { fields: "id,display_id,*payment_collections,*payment_collections.payments", order: "-created_at", limit: 1 })).orders[0]
  /** Flexiti's ledger in the sandbox: every authorization of the demo's merchant. */
  const sandboxAuthorizations = async () =>
    (await axios.get(`${stack.sandbox}/__sandbox/authorizations`, { params: { client_id: "demo-store" } })).data.authorizations as {
      authorization_id: number
      reference: string
      account_number: number
      amount: number
      status: string
    }[]
  const widgetSession = async (id: string) => (await axios.get(`${stack.sandbox}/__sandbox/widget-sessions/${id}`)).data

  const shopUntilPayment = (province?: string) => shop(browser, stack, province)

  /** The Flexiti page in the modal once `ready` shows in it (a new iframe each time the kit opens one). */
  async function flexitiFrame(page: Page, ready: string): Promise<Frame> {
    await page.waitForSelector('[data-testid="flexiti-modal"]')
    const handle = await page.waitForSelector('[data-testid="flexiti-iframe"]')
    const frame = (await handle.contentFrame())!
    await frame.waitForSelector(ready)
    return frame
  }
  const click = (page: Page, frame: Frame, selector: string) => clickInFrame(page, '[data-testid="flexiti-iframe"]', frame, selector)
  const sessionIdOf = (frame: Frame) => new URL(frame.url().replace("/#/", "/")).searchParams.get("widget_session_id")!

  async function openPurchaseWidget(page: Page) {
    await page.click('[data-testid="pay-flexiti"]')
    return flexitiFrame(page, "#flx-approve")
  }

  async function confirmPreselectedPlan(page: Page) {
    await page.waitForSelector('[data-testid="flexiti-plan-picker"]')
    await page.click('[data-testid="flexiti-plan-confirm"]')
  }

  /** The purchase widget says "no account yet"; the shopper agrees to Flexiti's terms and applies as `applicant`. */
  async function applyAs(page: Page, applicant: string) {
    await click(page, await openPurchaseWidget(page), "#flx-new")
    await page.waitForSelector('[data-testid="flexiti-step"]')
    // The terms agreement is the shopper's own: the kit does not apply before it is given.
    expect(await page.isDisabled('[data-testid="flexiti-step-confirm"]')).toBe(true)
    await page.check('[data-testid="flexiti-step-consent"]')
    await screenshot(page, "storefront-apply-consent")
    await page.click('[data-testid="flexiti-step-confirm"]')
    const application = await flexitiFrame(page, "#flx-apply")
    const applicationId = sessionIdOf(application)
    expect((await widgetSession(applicationId)).flow).toBe("apply")
    await application.selectOption("#flx-applicant", applicant)
    await click(page, application, "#flx-apply")
    return applicationId
  }

  async function messageOf(page: Page) {
    await page.waitForFunction(() => !!document.querySelector('[data-testid="payment-message"]')?.textContent)
    return page.textContent('[data-testid="payment-message"]')
  }

  /** Medusa placed no order and the cart is still open; the shopper can start paying again. */
  async function cartStillUsable(page: Page, orderBefore: { id: string } | undefined) {
    expect((await latestOrder())?.id).toBe(orderBefore?.id)
    const cartId = await page.getAttribute("#cart", "data-cart-id")
    const { data } = await axios.get(`${stack.backend}/store/carts/${cartId}`, { headers: { "x-publishable-api-key": stack.publishable_key } })
    expect(data.cart.completed_at).toBeNull()
    await openPurchaseWidget(page)
  }

  it("a new shopper approved by Flexiti (A-RR_L) confirms the new account, chooses a plan and gets the order", async () => {
    const page = await shopUntilPayment()
    const applicationId = await applyAs(page, "A-RR_L")
    // Flexiti's approval opens the purchase widget for the new account, in the same checkout.
    const purchase = await flexitiFrame(page, "#flx-approve")
    const opened = await widgetSession(applicationId)
    expect(opened).toMatchObject({ status: "account_opened", applicant: "A-RR_L" })
    expect(await purchase.inputValue("#flx-account")).toBe(String(opened.account_number))
    await click(page, purchase, "#flx-approve")
    await confirmPreselectedPlan(page)
    await page.waitForSelector('[data-testid="order-confirmation"]:not([hidden])')
    await screenshot(page, "storefront-new-shopper-order")
    const order = await latestOrder()
    expect(await page.textContent('[data-testid="order-confirmation"]')).toContain(String(order.display_id))
    const payment = order.payment_collections[0].payments[0]
    expect(payment.data.authorization_status).toBe("opened")
    const ledger = (await sandboxAuthorizations()).filter((a) => a.reference === payment.data.session_id)
    expect(ledger).toMatchObject([{ account_number: opened.account_number, status: "opened" }])
    await page.close()
  })

  it.each([
    ["P-CREDIT", "in_review", /will send you its decision by email/],
    ["D-NO_HIT", "declined", /^Thank you for applying\. Flexiti is unable to approve your application at this time\./],
  ])("a new shopper applying as %s (Flexiti: %s) reads Flexiti's decision; no order, the cart still usable", async (applicant, status, message) => {
    const orderBefore = await latestOrder()
    const ledgerBefore = await sandboxAuthorizations()
    const page = await shopUntilPayment()
    const applicationId = await applyAs(page, applicant)
    expect(await messageOf(page)).toMatch(message)
    await screenshot(page, `storefront-application-${status}`)
    expect((await widgetSession(applicationId)).status).toBe(status)
    expect(await sandboxAuthorizations()).toEqual(ledgerBefore)
    await cartStillUsable(page, orderBefore)
    await page.close()
  })

  it("an existing shopper whose purchase Flexiti refuses (numeric/false/purchase) is sent to another payment method", async () => {
    const orderBefore = await latestOrder()
    const ledgerBefore = await sandboxAuthorizations()
    const page = await shopUntilPayment()
    await click(page, await openPurchaseWidget(page), "#flx-decline")
    expect(await messageOf(page)).toBe("Flexiti could not approve this purchase; choose another payment method.")
    expect(await sandboxAuthorizations()).toEqual(ledgerBefore)
    await cartStillUsable(page, orderBefore)
    await page.close()
  })

  it("an account that needs activation gets Flexiti's activation link, and the shopper comes back and pays", async () => {
    const page = await shopUntilPayment()
    const first = await openPurchaseWidget(page)
    const firstId = sessionIdOf(first)
    await first.fill("#flx-account", String(SANDBOX_TEST_ACCOUNTS.notActivated.account_number))
    await click(page, first, "#flx-approve")
    await page.waitForSelector('[data-testid="flexiti-step"]')
    expect(await page.getAttribute('[data-testid="flexiti-step-link"]', "href")).toBe("https://my.flexiti.com/index")
    expect(await page.textContent('[data-testid="flexiti-step-text"]')).toMatch(/must be activated/)
    await screenshot(page, "storefront-activation")
    expect(await sandboxAuthorizations().then((l) => l.filter((a) => a.account_number === SANDBOX_TEST_ACCOUNTS.notActivated.account_number))).toEqual([])
    // Back from Flexiti's portal: "try again" opens a new Flexiti session.
    await page.click('[data-testid="flexiti-step-confirm"]')
    const again = await flexitiFrame(page, "#flx-approve")
    expect(sessionIdOf(again)).not.toBe(firstId)
    expect((await widgetSession(firstId)).status).toBe("activation_required")
    await click(page, again, "#flx-approve")
    await confirmPreselectedPlan(page)
    await page.waitForSelector('[data-testid="order-confirmation"]:not([hidden])')
    const payment = (await latestOrder()).payment_collections[0].payments[0]
    expect((await sandboxAuthorizations()).filter((a) => a.reference === payment.data.session_id)).toMatchObject([
      { account_number: SANDBOX_TEST_ACCOUNTS.approved.account_number, status: "opened" },
    ])
    await page.close()
  })
})
