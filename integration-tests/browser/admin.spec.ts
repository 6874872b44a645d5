import axios from "axios"
import type { Browser, Page } from "playwright-core"
import AxeBuilder from "@axe-core/playwright"
import { launchChromium, screenshot, screenshotOf } from "../fixtures/browser"
import { DemoStack, startDemoStack } from "../fixtures/demo-stack"
import { placeFlexitiOrderOverHttp } from "../fixtures/store-api"

jest.setTimeout(420 * 1000)

/** What the Checkout form sends: the editable settings, never the record's id or dates. */
const EDITABLE_SETTINGS = ["allowed_provinces", "auto_capture", "default_lang", "flow", "max_amount", "min_amount", "storefront_origins"]

async function openSettings(page: Page, admin: string) {
  await page.goto(`${admin}/settings/flexiti`)
  await page.waitForSelector('[data-testid="flexiti-settings"]')
}

/** Picks an option of a Medusa UI Select by its visible name. */
async function pick(page: Page, testId: string, option: string) {
  await page.click(`[data-testid="${testId}"]`)
  await page.getByRole("option", { name: option, exact: true }).click()
}

/** Clicks a button and returns the admin route's answer to the POST it makes. */
async function clickAndAnswer(page: Page, testId: string, path: string) {
  const [response] = await Promise.all([
    page.waitForResponse((r) => r.url().endsWith(path) && r.request().method() === "POST"),
    page.click(`[data-testid="${testId}"]`),
  ])
  return response
}

/** Counts the POSTs the page makes to a route while `fn` runs (a form that refuses locally makes none). */
async function postsDuring(page: Page, path: string, fn: () => Promise<void>) {
  let posts = 0
  const count = (r: { url(): string; method(): string }) => {
    if (r.url().endsWith(path) && r.method() === "POST") posts++
  }
  page.on("request", count)
  try {
    await fn()
  } finally {
    page.off("request", count)
  }
  return posts
}

/** Medusa's own payment section of the order page: the card under its "Payments" heading. */
const medusaPaymentSection = (page: Page) =>
  page.getByRole("heading", { level: 2, name: "Payments", exact: true }).locator("xpath=ancestor::div[contains(@class, 'shadow-elevation-card-rest')][1]")

/** Clicks one of the panel's buttons and confirms its prompt; returns what the prompt said. */
async function confirmPanelAction(page: Page, testId: string) {
  await page.click(`[data-testid="${testId}"]`)
  const dialog = page.getByRole("alertdialog")
  const said = await dialog.textContent()
  await dialog.getByRole("button", { name: "Confirm" }).click()
  return said ?? ""
}

const textIs = (page: Page, testId: string, text: string) =>
  page.waitForFunction(([id, t]) => document.querySelector(`[data-testid="${id}"]`)?.textContent === t, [testId, text] as const)

const checked = async (page: Page, testId: string) => (await page.getAttribute(`[data-testid="${testId}"]`, "aria-checked")) === "true"

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
  }, 700 * 1000)

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
    // amounts as Medusa's order page writes them, inputs named by visible labels
    expect(await page.textContent('[data-testid="flexiti-captured-total"]')).toBe("$500.00 CAD")
    expect(await page.textContent('[data-testid="flexiti-authorized-total"]')).toBe("$1,260.00 CAD")
    expect(await page.getByLabel("Capture (CAD)").getAttribute("data-testid")).toBe("flexiti-capture-amount")
    expect(await page.getByLabel("Refund (CAD)").getAttribute("data-testid")).toBe("flexiti-refund-amount")
    expect(await page.textContent('[data-testid="flexiti-history"]')).toMatch(/Capture\s*\$500\.00 CAD/)
    await screenshot(page, "admin-order-widget-captured")

    const { data } = await axios.get(`${stack.sandbox}/__sandbox/authorizations`, { params: { client_id: client.client_id, reference: sessionId } })
    expect(data.authorizations[0].captures.map((c: { amount: number }) => c.amount)).toEqual([500])
  })

  it("after a partial capture, a refund and Release remaining, Medusa's payment section agrees with the panel", async () => {
    const { order, sessionId } = await placeFlexitiOrderOverHttp(stack)
    await page.goto(`${stack.admin}/orders/${order.id}`)
    await page.waitForSelector('[data-testid="flexiti-order-widget"]')
    await page.fill('[data-testid="flexiti-capture-amount"]', "400")
    await confirmPanelAction(page, "flexiti-capture")
    await textIs(page, "flexiti-captured-total", "$400.00 CAD")
    await page.fill('[data-testid="flexiti-refund-amount"]', "100")
    await confirmPanelAction(page, "flexiti-refund")
    // within Flexiti's return window the money back is a return of the capture
    await textIs(page, "flexiti-returned-total", "$100.00 CAD")
    const said = await confirmPanelAction(page, "flexiti-release")
    expect(said).toMatch(/Release \$860\.00 CAD\? .*Medusa records it as captured for the \$400\.00 CAD captured/)
    await page.waitForSelector('[data-testid="flexiti-released-badge"]')
    await textIs(page, "flexiti-released-total", "$860.00 CAD")
    expect(await page.textContent('[data-testid="flexiti-remaining-total"]')).toBe("$0.00 CAD")

    const { data } = await axios.get(`${stack.sandbox}/__sandbox/authorizations`, { params: { client_id: client.client_id, reference: sessionId } })
    const [authorization] = data.authorizations
    expect(authorization).toMatchObject({ status: "closed", released_amount: 860 })
    expect(authorization.captures.map((c: { amount: number }) => c.amount)).toEqual([400])
    expect(authorization.captures.flatMap((c: { returns: { amount: number }[] }) => c.returns.map((r) => r.amount))).toEqual([100])

    // Medusa's own section, as an accountant reads it after a reload: captured 400, 100 refunded, nothing canceled or pending
    await page.reload()
    await page.waitForSelector('[data-testid="flexiti-released-badge"]')
    const section = medusaPaymentSection(page)
    await section.getByText("Partially refunded").waitFor()
    const medusa = (await section.innerText()).replace(/\s+/g, " ")
    expect(medusa).toMatch(/Captured/)
    expect(medusa).toMatch(/\$400\.00/)
    expect(medusa).toMatch(/Refund .*- ?\$100\.00/)
    expect(medusa).toMatch(/Total paid by customer \$ ?300\.00/)
    expect(medusa).not.toMatch(/Canceled|1,260|ready to be captured|Total pending/i)

    // The order's total is unchanged: Medusa's summary still shows the released part outstanding (README).
    expect((await page.locator("main").innerText()).replace(/\s+/g, " ")).toMatch(/Paid Total \$ ?300\.00 CAD .*Outstanding amount \$ ?860\.00 CAD/)
    await screenshotOf(page.locator('[data-testid="flexiti-order-widget"]'), "admin-order-panel")
    await screenshotOf(section, "admin-order-page")
  })

  /** axe-core on the plugin's own part of an admin page (Medusa's dashboard is not the plugin's): no serious or critical violations. */
  async function expectPluginAccessible(url: string, selector: string, what: string) {
    // A page in a context of its own: axe-core opens a page beside it in the same context.
    const context = await browser.newContext({ viewport: { width: 1440, height: 1000 }, storageState: await page.context().storageState() })
    try {
      const own = await context.newPage()
      await own.goto(url)
      await own.waitForSelector(selector)
      await own.waitForLoadState("networkidle")
      const result = await new AxeBuilder({ page: own }).include(selector).analyze()
      expect(result.passes.length).toBeGreaterThan(5) // axe did run on the plugin's part
      const bad = result.violations.filter((v) => v.impact === "serious" || v.impact === "critical")
      expect({ what, violations: bad.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`) }).toEqual({ what, violations: [] })
    } finally {
      await context.close()
    }
  }

  it("has no serious or critical accessibility violations in Settings → Flexiti and the order's Flexiti panel (axe-core)", async () => {
    await expectPluginAccessible(`${stack.admin}/settings/flexiti`, '[data-testid="flexiti-settings"]', "Settings → Flexiti")
    const { order } = await placeFlexitiOrderOverHttp(stack)
    await expectPluginAccessible(`${stack.admin}/orders/${order.id}`, '[data-testid="flexiti-order-widget"]', "order panel")
  })

  it("shows a refund Flexiti did not answer, with what is known, and resolves it as done after a prompt", async () => {
    const { order, sessionId } = await placeFlexitiOrderOverHttp(stack, { transaction_type: "regular_purchase" })
    await page.goto(`${stack.admin}/orders/${order.id}`)
    await page.waitForSelector('[data-testid="flexiti-order-widget"]')
    await page.fill('[data-testid="flexiti-capture-amount"]', "1260")
    await page.click('[data-testid="flexiti-capture"]')
    await page.getByRole("button", { name: "Confirm" }).click()
    await page.waitForFunction(() => document.querySelector('[data-testid="flexiti-captured-total"]')?.textContent === "$1,260.00 CAD")

    // Flexiti applies the account refund, and its answer is lost.
    await axios.post(`${stack.sandbox}/__sandbox/faults`, { lose_answer_next: [{ path_contains: "/refund", method: "POST" }] })
    await page.fill('[data-testid="flexiti-refund-amount"]', "100")
    await page.click('[data-testid="flexiti-refund"]')
    await page.getByRole("button", { name: "Confirm" }).click()
    await page.waitForSelector('[data-testid="flexiti-unanswered-refund"]')
    expect(await page.textContent('[data-testid="flexiti-unanswered-refund-amount"]')).toBe("$100.00 CAD")
    expect(await page.textContent('[data-testid="flexiti-unanswered-refund-reference"]')).toMatch(/^[0-9a-f]{32}$/)
    expect(await page.textContent('[data-testid="flexiti-unanswered-refunds"]')).toMatch(/Refund to account/)
    expect(await page.isDisabled('[data-testid="flexiti-refund"]')).toBe(true)
    await page.locator('[data-testid="flexiti-unanswered-refunds"]').scrollIntoViewIfNeeded()
    await screenshot(page, "admin-order-widget-unanswered-refund", { fullPage: false })

    await page.click('[data-testid="flexiti-refund-done"]')
    const dialog = page.getByRole("alertdialog")
    expect(await dialog.textContent()).toMatch(/refund to account of \$100\.00 CAD .* was applied/)
    await dialog.getByRole("button", { name: "Confirm" }).click()
    await page.waitForSelector('[data-testid="flexiti-unanswered-refunds"]', { state: "detached" })
    await page.waitForFunction(() => document.querySelector('[data-testid="flexiti-refunded-total"]')?.textContent === "$100.00 CAD")
    expect(await page.textContent('[data-testid="flexiti-history"]')).toMatch(/Unanswered refund resolved by an admin/)

    const { data } = await axios.get(`${stack.sandbox}/__sandbox/authorizations`, { params: { client_id: client.client_id, reference: sessionId } })
    expect(data.authorizations[0].captures.flatMap((c: { refunds: { amount: number }[] }) => c.refunds.map((r) => r.amount))).toEqual([100])
  })

  it("saves the checkout settings as loaded, and changed values are there after a reload", async () => {
    await openSettings(page, stack.admin)
    const asLoaded = await clickAndAnswer(page, "flexiti-save-settings", "/admin/flexiti/settings")
    expect(asLoaded.status()).toBe(200)
    expect(Object.keys(asLoaded.request().postDataJSON()).sort()).toEqual(EDITABLE_SETTINGS)

    const captureBefore = await checked(page, "flexiti-auto-capture")
    const quebecBefore = await checked(page, "flexiti-province-QC")
    await pick(page, "flexiti-flow", "Hosted (Online API, redirect)")
    await page.click('[data-testid="flexiti-auto-capture"]')
    await pick(page, "flexiti-default-lang", "Français")
    await page.fill('[data-testid="flexiti-min-amount"]', "150.5")
    await page.fill('[data-testid="flexiti-max-amount"]', "9000.25")
    await page.fill('[data-testid="flexiti-storefront-origins"]', "https://shop.example.ca\nhttps://boutique.example.ca")
    await page.click('[data-testid="flexiti-province-QC"]')
    const changed = await clickAndAnswer(page, "flexiti-save-settings", "/admin/flexiti/settings")
    expect(changed.status()).toBe(200)

    await page.reload()
    await page.waitForSelector('[data-testid="flexiti-settings"]')
    expect(await page.textContent('[data-testid="flexiti-flow"]')).toBe("Hosted (Online API, redirect)")
    expect(await checked(page, "flexiti-auto-capture")).toBe(!captureBefore)
    expect(await page.textContent('[data-testid="flexiti-default-lang"]')).toBe("Français")
    expect(await page.inputValue('[data-testid="flexiti-min-amount"]')).toBe("150.50")
    expect(await page.inputValue('[data-testid="flexiti-max-amount"]')).toBe("9000.25")
    expect(await page.inputValue('[data-testid="flexiti-storefront-origins"]')).toBe("https://shop.example.ca\nhttps://boutique.example.ca")
    expect(await checked(page, "flexiti-province-QC")).toBe(!quebecBefore)
  })

  it("says next to each field why a checkout setting cannot be saved, and keeps the saved ones", async () => {
    await openSettings(page, stack.admin)
    const posts = await postsDuring(page, "/admin/flexiti/settings", async () => {
      await page.fill('[data-testid="flexiti-min-amount"]', "12.345")
      await page.fill('[data-testid="flexiti-storefront-origins"]', "https://shop.example.ca/checkout")
      await page.click('[data-testid="flexiti-save-settings"]')
      expect(await page.textContent('[data-testid="flexiti-min-amount-error"]')).toMatch(/at most 2 decimals/)
      expect(await page.textContent('[data-testid="flexiti-storefront-origins-error"]')).toMatch(/keep only https:\/\/shop\.example\.ca/)

      await page.fill('[data-testid="flexiti-min-amount"]', "500")
      await page.fill('[data-testid="flexiti-max-amount"]', "100")
      await page.click('[data-testid="flexiti-save-settings"]')
      expect(await page.textContent('[data-testid="flexiti-max-amount-error"]')).toMatch(/at least the minimum/)
    })
    expect(posts).toBe(0)

    await page.reload()
    await page.waitForSelector('[data-testid="flexiti-settings"]')
    expect(await page.inputValue('[data-testid="flexiti-min-amount"]')).toBe("150.50")
    expect(await page.inputValue('[data-testid="flexiti-max-amount"]')).toBe("9000.25")
  })

  it("saves the credentials as loaded: the sandbox box ticked, the secret kept", async () => {
    await openSettings(page, stack.admin)
    expect(await checked(page, "flexiti-development-endpoint")).toBe(true)
    expect(await page.inputValue('[data-testid="flexiti-pos-base-url"]')).toBe(stack.sandbox)
    expect(await page.inputValue('[data-testid="flexiti-client-secret"]')).toBe("")
    const saved = await clickAndAnswer(page, "flexiti-save-credentials", "/admin/flexiti/credentials/training")
    expect(saved.status()).toBe(200)
    expect(saved.request().postDataJSON()).toEqual({ client_id: client.client_id, pos_base_url: stack.sandbox, development_endpoint: true })
    expect(JSON.stringify(await saved.json())).not.toContain(client.client_secret)

    // the stored secret still works
    await page.click('[data-testid="flexiti-test-connection"]')
    await page.waitForSelector('[data-testid="flexiti-test-result"][data-ok="true"]')
  })

  it("says in the admin's words what is wrong with a base URL, and asks for the secret again before a new host", async () => {
    await openSettings(page, stack.admin)
    const posts = await postsDuring(page, "/admin/flexiti/credentials/training", async () => {
      await page.fill('[data-testid="flexiti-pos-base-url"]', "http://127.0.0.1:4999")
      expect(await page.textContent("#flexiti-client-secret-hint")).toMatch(/enter the client secret again/)
      await page.click('[data-testid="flexiti-save-credentials"]')
      expect(await page.textContent('[data-testid="flexiti-client-secret-error"]')).toMatch(/Enter the client secret again/)

      await page.fill('[data-testid="flexiti-pos-base-url"]', "127.0.0.1:4191")
      await page.click('[data-testid="flexiti-save-credentials"]')
      const malformed = await page.textContent('[data-testid="flexiti-pos-base-url-error"]')
      expect(malformed).toMatch(/Not a complete web address/)
      expect(malformed).not.toMatch(/Invalid input|pos_base_url/)
    })
    expect(posts).toBe(0)

    // another host, not marked as a sandbox: the server refuses and the form says why next to the field
    await page.fill('[data-testid="flexiti-pos-base-url"]', "https://flexiti.example.com")
    await page.uncheck('[data-testid="flexiti-development-endpoint"]')
    await page.fill('[data-testid="flexiti-client-secret"]', "typed-again")
    const refused = await clickAndAnswer(page, "flexiti-save-credentials", "/admin/flexiti/credentials/training")
    expect(refused.status()).toBe(400)
    const reason = await page.textContent('[data-testid="flexiti-pos-base-url-error"]')
    expect(reason).toMatch(/not Flexiti's own https address.*"sandbox or development server" box/)
    expect(reason).not.toMatch(/pos_base_url|development_endpoint/)

    await page.reload()
    await page.waitForSelector('[data-testid="flexiti-settings"]')
    expect(await page.inputValue('[data-testid="flexiti-pos-base-url"]')).toBe(stack.sandbox)
    expect(await checked(page, "flexiti-development-endpoint")).toBe(true)
    await screenshot(page, "admin-settings")
  })

  it("asks before going live, and refuses Production until its credentials passed Test connection", async () => {
    await openSettings(page, stack.admin)
    await pick(page, "flexiti-environment", "Production")
    const dialog = page.getByRole("alertdialog")
    expect(await dialog.textContent()).toMatch(/shoppers apply for real Flexiti credit/)
    await dialog.getByRole("button", { name: "Cancel" }).click()
    expect(await page.textContent('[data-testid="flexiti-environment"]')).toBe("Training")

    await pick(page, "flexiti-environment", "Production")
    const refused = await Promise.all([
      page.waitForResponse((r) => r.url().endsWith("/admin/flexiti/settings") && r.request().method() === "POST"),
      page.getByRole("alertdialog").getByRole("button", { name: "Switch to Production" }).click(),
    ])
    expect(refused[0].status()).toBe(400)
    expect(await page.textContent('[data-testid="flexiti-environment-refusal"]')).toMatch(/Cannot switch to Production yet: save the production client id/)
    await page.reload()
    await page.waitForSelector('[data-testid="flexiti-settings"]')
    expect(await page.textContent('[data-testid="flexiti-environment"]')).toBe("Training")
  })
})
