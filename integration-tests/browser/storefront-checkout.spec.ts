import axios from "axios"
import type { Browser, Frame, Page } from "playwright-core"
import { clickInFrame, launchChromium, screenshot } from "../fixtures/browser"
import { DemoStack, startDemoStack } from "../fixtures/demo-stack"
import { shopUntilPayment as shop } from "../fixtures/demo-shop"

jest.setTimeout(420 * 1000)

describe("a shopper pays with Flexiti on the demo storefront (headless Chromium)", () => {
  let stack: DemoStack
  let browser: Browser

  beforeAll(async () => {
    // The store takes orders while Flexiti reviews an application (provider option pending_orders).
    process.env.FLEXITI_PENDING_ORDERS = "true"
    stack = await startDemoStack()
    browser = await launchChromium()
  }, 400 * 1000)

  afterAll(async () => {
    delete process.env.FLEXITI_PENDING_ORDERS
    await browser?.close()
    await stack?.stop()
  })

  async function adminToken() {
    const { data } = await axios.post(`${stack.backend}/auth/user/emailpass`, { email: stack.admin_email, password: stack.admin_password })
    return data.token as string
  }

  async function latestOrder() {
    const token = await adminToken()
    const { data } = await axios.get(`${stack.backend}/admin/orders`, {
      params: { fields: "id,display_id,created_at,*payment_collections,*payment_collections.payments", order: "-created_at", limit: 1 },
      headers: { authorization: `Bearer ${token}` },
    })
    return data.orders[0] // undefined before the first order
  }

  const shopUntilPayment = (province?: string) => shop(browser, stack, province)

  const clickInWidget = (page: Page, frame: Frame, selector: string) => clickInFrame(page, '[data-testid="flexiti-iframe"]', frame, selector)

  async function openModal(page: Page): Promise<Frame> {
    await page.click('[data-testid="pay-flexiti"]')
    await page.waitForSelector('[data-testid="flexiti-modal"]')
    // The Flexiti page inside the modal's iframe. (Frame handles, not frameLocator: the latter
    // fails under jest's VM context with "Object not disposable".)
    const handle = await page.waitForSelector('[data-testid="flexiti-iframe"]')
    const frame = (await handle.contentFrame())!
    await frame.waitForSelector("#flx-approve")
    return frame
  }

  /** The kit's plan picker after the widget's approval: confirms the option `key` with the keyboard. */
  async function choosePlan(page: Page, key: string) {
    await page.waitForSelector('[data-testid="flexiti-plan-picker"]')
    const focused = () => page.evaluate(() => (document.activeElement as HTMLInputElement | null)?.value)
    // focus starts on the selected option (the store's default); arrow keys move the selection
    for (let i = 0; i < 6 && (await focused()) !== key; i++) await page.keyboard.press("ArrowDown")
    expect(await focused()).toBe(key)
    expect(await page.isChecked(`[data-testid="flexiti-plan-option"][value="${key}"]`)).toBe(true)
    await page.keyboard.press("Tab")
    expect(await page.evaluate(() => document.activeElement?.getAttribute("data-testid"))).toBe("flexiti-plan-confirm")
    await page.keyboard.press("Enter")
    await page.waitForSelector('[data-testid="flexiti-plan-picker"]', { state: "detached" })
  }

  async function sandboxAuthorizations(reference: string) {
    const { data } = await axios.get(`${stack.sandbox}/__sandbox/authorizations`, { params: { client_id: "demo-store", reference } })
    return data.authorizations as { plan_id: number | null; term: number | null; transaction_type: string; status: string }[]
  }

  async function applyAs(page: Page, frame: Frame, applicant: string) {
    await frame.selectOption("#flx-applicant", applicant)
    await clickInWidget(page, frame, "#flx-apply")
  }

  it("shows 'as low as' to an Ontario shopper and no instalment amount to a Quebec shopper", async () => {
    const page = await browser.newPage()
    await page.goto(stack.storefront)
    const sofa = page.locator('[data-testid="as-low-as-sofa"]')
    await page.waitForFunction(() => !!document.querySelector('[data-testid="as-low-as-sofa"]')?.textContent)
    await screenshot(page, "storefront-ontario-as-low-as")
    expect(await sofa.textContent()).toMatch(/\$\s?\d/)
    await page.selectOption('[data-testid="province"]', "QC")
    await page.waitForFunction(() => !/\d/.test(document.querySelector('[data-testid="as-low-as-sofa"]')?.textContent ?? "1"))
    expect(await sofa.textContent()).toMatch(/Flexiti/)
    expect(await sofa.textContent()).not.toMatch(/\d/)
    await screenshot(page, "storefront-quebec-no-amount")
    expect(await page.locator('[data-testid="as-low-as-reading-lamp"]').textContent()).toBe("") // below the minimum
    await page.close()
  })

  it("approves in the Flexiti widget and sees the order confirmation; the order has an authorized payment", async () => {
    const page = await shopUntilPayment()
    const frame = await openModal(page)
    await clickInWidget(page, frame, "#flx-approve")
    await page.waitForSelector('[data-testid="flexiti-plan-picker"]')
    expect(await page.getAttribute('[data-testid="flexiti-plan-picker"]', "role")).toBe("dialog")
    // the store's default (the first promotional term) is preselected, never applied by itself
    expect(await page.isChecked('[data-testid="flexiti-plan-option"][value="promotional_purchase:5:6"]')).toBe(true)
    const picker = await page.textContent('[data-testid="flexiti-plan-picker"]')
    expect(picker).toContain("Equal Payments, No Interest") // Flexiti's synced plan label
    expect(picker).toMatch(/\$105\.00\/month for 12 months/)
    expect(await page.textContent('[data-testid="flexiti-plan-disclosures"]')).toMatch(/annual fee/i)
    await screenshot(page, "storefront-plan-picker")
    await choosePlan(page, "promotional_purchase:5:12")
    await page.waitForSelector('[data-testid="order-confirmation"]:not([hidden])')
    await screenshot(page, "storefront-order-confirmation")
    const confirmation = await page.textContent('[data-testid="order-confirmation"]')
    const order = await latestOrder()
    expect(confirmation).toContain(String(order.display_id))
    const payment = order.payment_collections[0].payments[0]
    expect(payment.provider_id).toBe("pp_flexiti_flexiti")
    expect(payment.data.authorization_status).toBe("opened")
    expect(payment.captured_at).toBeNull()
    expect(await sandboxAuthorizations(payment.data.session_id)).toMatchObject([
      { transaction_type: "promotional_purchase", plan_id: 5, term: 12, status: "opened" },
    ])
    await page.close()
  })

  it("a decline shows a clear message and places no order", async () => {
    const before = await latestOrder()
    const page = await shopUntilPayment()
    const frame = await openModal(page)
    await clickInWidget(page, frame, "#flx-decline")
    await page.waitForFunction(() => !!document.querySelector('[data-testid="payment-message"]')?.textContent)
    await screenshot(page, "storefront-declined")
    expect(await page.textContent('[data-testid="payment-message"]')).toMatch(/could not approve this purchase/i)
    expect((await latestOrder())?.id).toBe(before?.id)
    await page.close()
  })

  it("cancel brings the shopper back to payment, and a second try succeeds", async () => {
    const page = await shopUntilPayment()
    let frame = await openModal(page)
    await clickInWidget(page, frame, "#flx-cancel")
    await page.waitForSelector('[data-testid="flexiti-modal"]', { state: "detached" })
    expect(await page.textContent('[data-testid="payment-message"]')).toMatch(/closed/i)
    frame = await openModal(page)
    await clickInWidget(page, frame, "#flx-approve")
    await choosePlan(page, "promotional_purchase:5:6")
    await page.waitForSelector('[data-testid="order-confirmation"]:not([hidden])')
    await page.close()
  })

  it("ignores flx-success posted from another origin", async () => {
    const before = await latestOrder()
    const page = await shopUntilPayment()
    const frame = await openModal(page)
    void frame // the real widget is loaded (openModal waited for it)
    const widgetSessionId = await page.evaluate(() => {
      const src = document.querySelector<HTMLIFrameElement>('[data-testid="flexiti-iframe"]')!.src
      return new URL(src.replace("/#/", "/")).searchParams.get("widget_session_id")
    })
    // The storefront's own origin is not Flexiti's: the kit must ignore this message.
    await page.evaluate((id) => {
      window.postMessage(
        {
          eventType: "flx-success",
          eventData: { accountNumber: 10000000000001, verified: true, action: "purchase", mfaOptionSelected: "sms", widget_session_id: id },
        },
        "*"
      )
    }, widgetSessionId)
    await page.waitForTimeout(1500)
    expect(await page.locator('[data-testid="flexiti-modal"]').count()).toBe(1)
    expect(await page.isHidden('[data-testid="order-confirmation"]')).toBe(true)
    expect((await latestOrder())?.id).toBe(before?.id)
    await screenshot(page, "storefront-foreign-message-ignored")
    await page.close()
  })
  it("keeps keyboard focus inside the modal and closes it with Escape", async () => {
    const page = await shopUntilPayment()
    await openModal(page)
    const focusInModal = () => page.evaluate(() => !!document.activeElement?.closest('[data-testid="flexiti-modal"]'))
    expect(await page.getAttribute('[data-testid="flexiti-modal"]', "role")).toBe("dialog")
    expect(await page.getAttribute('[data-testid="flexiti-modal"]', "aria-modal")).toBe("true")
    await page.focus('[data-testid="flexiti-close"]')
    for (let i = 0; i < 4; i++) {
      await page.keyboard.press("Shift+Tab")
      // Focus may enter Flexiti's iframe; from the store page's view it is still the modal's iframe.
      expect(await focusInModal()).toBe(true)
    }
    await page.focus('[data-testid="flexiti-close"]')
    await page.keyboard.press("Escape")
    await page.waitForSelector('[data-testid="flexiti-modal"]', { state: "detached" })
    expect(await page.textContent('[data-testid="payment-message"]')).toMatch(/closed/i)
    // focus lands on the result: the message saying Flexiti was closed
    expect(await page.evaluate(() => document.activeElement?.getAttribute("data-testid"))).toBe("payment-message")
    await page.close()
  })

  it("hosted flow: Flexiti's page in the modal returns to the store, which places the order", async () => {
    const token = await adminToken()
    const admin = { headers: { authorization: `Bearer ${token}` } }
    await axios.post(`${stack.backend}/admin/flexiti/settings`, { flow: "hosted" }, admin)
    try {
      const page = await shopUntilPayment()
      const frame = await openModal(page)
      expect(frame.url()).toContain("/online/")
      await clickInWidget(page, frame, "#flx-approve")
      await page.waitForSelector('[data-testid="order-confirmation"]:not([hidden])')
      await screenshot(page, "storefront-hosted-confirmation")
      const order = await latestOrder()
      expect(await page.textContent('[data-testid="order-confirmation"]')).toContain(String(order.display_id))
      expect(order.payment_collections[0].payments[0].data.flow).toBe("hosted")
      await page.close()
    } finally {
      await axios.post(`${stack.backend}/admin/flexiti/settings`, { flow: "widget" }, admin)
    }
  })

  it("hosted flow, pending_orders: a P-CREDIT applicant's order is placed awaiting Flexiti, then authorized by the reconciler", async () => {
    const token = await adminToken()
    const admin = { headers: { authorization: `Bearer ${token}` } }
    await axios.post(`${stack.backend}/admin/flexiti/settings`, { flow: "hosted" }, admin)
    try {
      const page = await shopUntilPayment()
      await applyAs(page, await openModal(page), "P-CREDIT")
      await page.waitForSelector('[data-testid="order-confirmation"]:not([hidden])')
      const order = await latestOrder()
      expect(await page.textContent('[data-testid="order-confirmation"]')).toContain(String(order.display_id))
      expect(order.payment_collections[0].payments).toEqual([]) // awaiting Flexiti: no payment yet

      // Flexiti approves the application; the admin's "Reconcile now" authorizes the order.
      const application = await pendingApplication("P-CREDIT")
      await axios.post(`${stack.sandbox}/__sandbox/applications/${application.application_id}/decision`, { decision: "approved" })
      const { data } = await axios.post(`${stack.backend}/admin/flexiti/reconcile`, { grace_minutes: 0 }, admin)
      expect(data.reconcile.reviews).toMatchObject([{ outcome: "authorized" }])
      const [payment] = (await latestOrder()).payment_collections[0].payments
      expect(payment.provider_id).toBe("pp_flexiti_flexiti")
      expect(await sandboxAuthorizations(data.reconcile.reviews[0].payment_session_id)).toMatchObject([{ status: "opened" }])
      await page.close()
    } finally {
      await axios.post(`${stack.backend}/admin/flexiti/settings`, { flow: "widget" }, admin)
    }
  })

  /** The sandbox's pending application of a hosted order (application ids count up from 700001). */
  async function pendingApplication(applicant: string) {
    for (let id = 700001; id < 700050; id++) {
      const res = await axios.get(`${stack.sandbox}/__sandbox/applications/${id}`, { validateStatus: () => true })
      if (res.status === 404) break
      if (res.data.applicant === applicant && res.data.decision === "pending" && res.data.online_order_id) return res.data as { application_id: number }
    }
    throw new Error(`no pending ${applicant} application of a hosted order`)
  }
})
