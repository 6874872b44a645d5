import { runInNewContext } from "node:vm"
import { ACCOUNT, APPLICATION_BODY, Kit, ONLINE, POS, startKit, widgetEvent } from "./sandbox-test-kit"

interface FakeElement {
  textContent: string
  value: string
  innerHTML: string
  hidden?: boolean
  onclick?: () => void
  appendChild(): void
}

/**
 * Runs a hosted page's inline script against a minimal DOM, with fetch going to the real sandbox,
 * and records what it posts to its parent and where it navigates.
 */
function runPage(html: string, origin: string, hash: string) {
  const script = /<script>([\s\S]*)<\/script>/.exec(html)?.[1] ?? ""
  const elements = new Map<string, FakeElement>()
  const element = (id: string): FakeElement => {
    if (!elements.has(id)) elements.set(id, { textContent: "", value: "", innerHTML: "", appendChild: () => undefined })
    return elements.get(id) as FakeElement
  }
  const posted: unknown[] = []
  const top = { location: { href: "" } }
  runInNewContext(script, {
    location: { hash },
    URLSearchParams,
    JSON,
    Number,
    fetch: (url: string, init?: RequestInit) => fetch(origin + url, init),
    document: { documentElement: {}, getElementById: element, createElement: () => element(`new-${Math.random()}`) },
    window: { parent: { postMessage: (message: unknown) => posted.push(message) }, top, location: top.location },
  })
  return { element, posted, top }
}

const settle = () => new Promise((resolve) => setTimeout(resolve, 150))

describe("sandbox hosted pages (script behaviour)", () => {
  let kit: Kit
  beforeAll(async () => {
    kit = await startKit({
      clients: [{ client_id: "sandbox-client", client_secret: "sandbox-secret", success_url: "https://shop.example/ok" }],
    })
  })
  afterAll(() => kit.sandbox.close())
  beforeEach(() => kit.sandbox.reset())

  it("widget page: Approve marks the session approved and posts a valid flx-success", async () => {
    const customer = (await kit.token("customer")).access_token
    const init = await kit.call("POST", `${POS()}/widget/init`, customer, {
      flow: "purchase",
      lang: "fr",
      customer_identification: { account_number: ACCOUNT },
    })
    const url = new URL(init.data.redirection_url)
    const page = runPage((await kit.http.get("/")).data, kit.sandbox.url, url.hash)
    await settle()
    expect(page.element("flx-approve").textContent).toBe("Approuver")
    page.element("flx-approve").onclick?.()
    await settle()
    expect(page.posted).toHaveLength(1)
    const event = widgetEvent(page.posted[0])
    expect(event).toMatchObject({ eventType: "flx-success", eventData: { verified: true, action: "purchase" } })
    const sessionId = new URLSearchParams(url.hash.split("?")[1]).get("widget_session_id")
    expect((await kit.http.get(`/__sandbox/widget-sessions/${sessionId}`)).data.status).toBe("approved")

    page.element("flx-cancel").onclick?.()
    page.element("flx-fail").onclick?.()
    expect(widgetEvent(page.posted[1]).eventType).toBe("flx-cancel")
    expect(widgetEvent(page.posted[2]).eventType).toBe("flx-failure")
  })

  it("widget page: an application is filled in as a test applicant and posts null/true/apply; a purchase widget offers to apply", async () => {
    const customer = (await kit.token("customer")).access_token
    const start = async (body: Record<string, unknown>) => {
      const init = await kit.call("POST", `${POS()}/widget/init`, customer, body)
      const page = runPage((await kit.http.get("/")).data, kit.sandbox.url, new URL(init.data.redirection_url).hash)
      await settle()
      return page
    }
    const application = await start({ flow: "apply", ...APPLICATION_BODY })
    expect(application.element("flx-apply-box").hidden).toBe(false)
    expect(application.element("flx-apply").textContent).toBe("Apply")
    application.element("flx-applicant").value = "D-NO_HIT"
    application.element("flx-apply").onclick?.()
    await settle()
    // The widget only collects the application: the decision comes with the merchant's POST /apply.
    expect(application.posted).toEqual([
      { eventType: "flx-success", eventData: expect.objectContaining({ accountNumber: null, verified: true, action: "apply" }) },
    ])

    const purchase = await start({ flow: "purchase", customer_identification: { account_number: ACCOUNT } })
    expect(purchase.element("flx-purchase-box").hidden).toBe(false)
    expect(purchase.element("flx-apply-box").hidden).toBeUndefined()
    purchase.element("flx-new").onclick?.()
    await settle()
    expect(purchase.posted).toEqual([
      { eventType: "flx-success", eventData: expect.objectContaining({ accountNumber: null, verified: false, action: "apply" }) },
    ])
    // No account exists yet in either event: the docs' example (an account holder's) gives no
    // value for customerId and accountType here, so null is allowed.
    const noAccountYet = { mayBeNull: ["customerId", "accountType"] }
    widgetEvent(application.posted[0], noAccountYet)
    widgetEvent(purchase.posted[0], noAccountYet)
  })

  it("online page: Apply as a pending test applicant lands on the success URL with a PENDING notification", async () => {
    const merchant = (await kit.token("merchant")).access_token
    const address = { first_name: "A", last_name: "B", address_1: "1 King St", address_2: "", city: "Toronto", province: "ON", postal_code: "M5V 2T6" }
    const init = await kit.call("POST", `${ONLINE}/online/v2/client-id/sandbox-client/systems/init`, merchant, {
      lang: "en",
      flow: "apply/buy",
      amount_requested: 120,
      merchant_orderid: "cart_10",
      billing_information: address,
      shipping_information: address,
    })
    const page = runPage((await kit.http.get("/online/")).data, kit.sandbox.url, new URL(init.data.redirection_url).hash)
    await settle()
    page.element("flx-applicant").value = "P-CREDIT"
    page.element("flx-apply").onclick?.()
    await settle()
    expect(page.top.location.href).toBe(`https://shop.example/ok?orderId=${init.data.online_order_id}&merchant_orderid=cart_10`)
    const order = await kit.http.get(`/__sandbox/online-orders/${init.data.online_order_id}`)
    expect(order.data.notification.purchase.status).toBe("PENDING")
  })

  it("online page: Approve completes the order and navigates the top window to the success URL", async () => {
    const merchant = (await kit.token("merchant")).access_token
    const init = await kit.call("POST", `${ONLINE}/online/v2/client-id/sandbox-client/systems/init`, merchant, {
      lang: "en",
      flow: "apply",
      amount_requested: 120,
      merchant_orderid: "cart_9",
    })
    const page = runPage((await kit.http.get("/online/")).data, kit.sandbox.url, new URL(init.data.redirection_url).hash)
    await settle()
    page.element("flx-approve").onclick?.()
    await settle()
    expect(page.top.location.href).toBe(`https://shop.example/ok?orderId=${init.data.online_order_id}&merchant_orderid=cart_9`)
  })
})
