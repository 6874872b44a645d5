import axios from "axios"
import type { Browser, Page } from "playwright-core"
import { launchChromium, screenshot } from "../fixtures/browser"
import { DemoStack, startDemoStack } from "../fixtures/demo-stack"
import { placeFlexitiOrderOverHttp } from "../fixtures/store-api"

jest.setTimeout(420 * 1000)

describe("a store admin sets up Flexiti and captures an order (headless Chromium)", () => {
  let stack: DemoStack
  let browser: Browser
  let page: Page
  const client = { client_id: "browser-admin", client_secret: `secret-${Date.now()}` }

  beforeAll(async () => {
    stack = await startDemoStack({ medusa: 9191, sandbox: 4191, storefront: 8191 })
    // New credentials the admin will type in; the sandbox knows them, the store does not yet.
    await axios.post(`${stack.sandbox}/__sandbox/clients`, client)
    browser = await launchChromium()
    page = await browser.newPage({ viewport: { width: 1440, height: 1000 } })
    page.setDefaultTimeout(120_000)
  }, 400 * 1000)

  afterAll(async () => {
    await browser?.close()
    await stack?.stop()
  })

  it("logs into the admin", async () => {
    await page.goto(`${stack.admin}/login`)
    await page.fill('input[name="email"]', stack.admin_email)
    await page.fill('input[name="password"]', stack.admin_password)
    await page.click('button[type="submit"]')
    await page.waitForURL((url) => !url.pathname.includes("/login"))
  })

  it("saves credentials, tests the connection against the sandbox and syncs plans", async () => {
    await page.goto(`${stack.admin}/settings/flexiti`)
    await page.waitForSelector('[data-testid="flexiti-settings"]')
    await page.fill('[data-testid="flexiti-client-id"]', client.client_id)
    await page.fill('[data-testid="flexiti-client-secret"]', client.client_secret)
    await page.fill('[data-testid="flexiti-pos-base-url"]', stack.sandbox)
    await page.check('[data-testid="flexiti-development-endpoint"]')
    await page.click('[data-testid="flexiti-save-credentials"]')
    // Saved: the write-only field is emptied and the button is usable again.
    await page.waitForFunction(() => {
      const secret = document.querySelector<HTMLInputElement>('[data-testid="flexiti-client-secret"]')
      const save = document.querySelector<HTMLButtonElement>('[data-testid="flexiti-save-credentials"]')
      return secret?.value === "" && save?.disabled === false
    })
    await page.waitForSelector('[data-testid="flexiti-secret-set"]')
    // The secret is never shown back (checked as a boolean: a failure must not print it).
    expect((await page.content()).includes(client.client_secret)).toBe(false)

    await page.click('[data-testid="flexiti-test-connection"]')
    await page.waitForSelector('[data-testid="flexiti-test-result"][data-ok="true"]')

    await page.click('[data-testid="flexiti-sync"]')
    await page.waitForSelector('[data-testid="flexiti-sync-result"][data-outcome="success"]')
    const plans = await page.textContent('[data-testid="flexiti-plans"]')
    expect(plans).toMatch(/Equal Payments, No Interest/)
    expect(plans).toMatch(/sans intérêt/i)
    await screenshot(page, "admin-settings-flexiti")

    const counters = (await axios.get(`${stack.sandbox}/__sandbox/counters`)).data
    expect(counters.token_requests.merchant).toBeGreaterThan(0)
  })

  it("captures part of a Flexiti order from the order widget", async () => {
    const { order, sessionId } = await placeFlexitiOrderOverHttp(stack)
    await page.goto(`${stack.admin}/orders/${order.id}`)
    await page.waitForSelector('[data-testid="flexiti-order-widget"]')
    await page.fill('[data-testid="flexiti-capture-amount"]', "500")
    await page.click('[data-testid="flexiti-capture"]')
    await page.getByRole("button", { name: "Confirm" }).click()
    await page.waitForFunction(() => /500/.test(document.querySelector('[data-testid="flexiti-captured-total"]')?.textContent ?? ""))
    await screenshot(page, "admin-order-widget-captured")

    const { data } = await axios.get(`${stack.sandbox}/__sandbox/authorizations`, { params: { client_id: client.client_id, reference: sessionId } })
    expect(data.authorizations[0].captures.map((c: { amount: number }) => c.amount)).toEqual([500])
  })
})
