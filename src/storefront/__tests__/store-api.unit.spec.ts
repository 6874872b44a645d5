import { asLowAsText, calculatorPath, eligibilityMessages, fetchCalculator, FlexitiStoreError, storeRequest } from "../store-api"

function fakeFetch(status: number, body: unknown) {
  const calls: { url: string; init: RequestInit }[] = []
  const fn = (async (url: string, init: RequestInit) => {
    calls.push({ url, init })
    return { ok: status < 400, status, json: async () => body } as Response
  }) as unknown as typeof fetch
  return { fn, calls }
}

describe("calculator answers", () => {
  it("shows the monthly amount, the Quebec text, or nothing", () => {
    expect(asLowAsText({ available: true, quebec: false, amount: "1250.00", monthly_payment: "104.17", months: 12 }, "en")).toBe(
      "As low as $104.17/month for 12 months with Flexiti"
    )
    expect(asLowAsText({ available: true, quebec: false, amount: "1250.00", monthly_payment: "104.17", months: 12 }, "fr")?.replace(/\s/g, " ")).toBe(
      "À partir de 104,17 $ par mois pendant 12 mois avec Flexiti"
    )
    expect(asLowAsText({ available: true, quebec: true, amount: "1250.00" }, "fr")).toBe("Financement offert avec Flexiti")
    // the server had no monthly amount from Flexiti in time: the offer still shows, without a figure
    expect(asLowAsText({ available: true, quebec: false, amount: "1250.00", monthly_payment: null, months: null }, "en")).toBe(
      "Financing available with Flexiti"
    )
    expect(asLowAsText({ available: false, reason: "below_minimum" }, "en")).toBeNull()
    expect(asLowAsText(null, "en")).toBeNull()
    expect(asLowAsText({ available: true, quebec: false, amount: "1", monthly_payment: "0", months: 12 }, "en")).toBeNull()
    expect(asLowAsText({ available: true, quebec: false, amount: "1", monthly_payment: "5", months: 0 }, "en")).toBeNull()
  })

  it("builds the calculator query", () => {
    expect(calculatorPath(1250, "fr", "QC")).toBe("/store/flexiti/calculator?amount=1250&lang=fr&province=QC")
    expect(calculatorPath("99.5")).toBe("/store/flexiti/calculator?amount=99.5")
  })

  it("asks the store with the publishable key and rounds to cents", async () => {
    const { fn, calls } = fakeFetch(200, { available: true, quebec: true, amount: "10.13" })
    const answer = await fetchCalculator({ baseUrl: "https://api.shop.ca/", publishableKey: "pk_1", fetch: fn, amount: 10.125, lang: "en" })
    expect(answer.available).toBe(true)
    expect(calls[0].url).toBe("https://api.shop.ca/store/flexiti/calculator?amount=10.13&lang=en")
    expect((calls[0].init.headers as Record<string, string>)["x-publishable-api-key"]).toBe("pk_1")
  })

  it("keeps the line hidden when the store fails or is unreachable", async () => {
    expect((await fetchCalculator({ baseUrl: "x", fetch: fakeFetch(500, { message: "boom" }).fn, amount: 500 })).available).toBe(false)
    const offline = (async () => {
      throw new TypeError("Failed to fetch")
    }) as unknown as typeof fetch
    expect(await fetchCalculator({ baseUrl: "x", fetch: offline, amount: 500 })).toEqual({ available: false, reason: "network" })
    expect(await fetchCalculator({ baseUrl: "x", fetch: offline, amount: 0 })).toEqual({ available: false, reason: "below_minimum" })
  })
})

describe("eligibility answers", () => {
  it("picks the shopper's language", () => {
    const answer = {
      eligible: false,
      reasons: [{ code: "currency_not_cad", message_en: "CAD only", message_fr: "CAD seulement" }],
    }
    expect(eligibilityMessages(answer, "fr")).toEqual(["CAD seulement"])
    expect(eligibilityMessages(answer, "en")).toEqual(["CAD only"])
    expect(eligibilityMessages({ eligible: true, reasons: [] }, "en")).toEqual([])
  })
})

describe("storeRequest", () => {
  it("posts JSON and surfaces Medusa's message on errors", async () => {
    const { fn, calls } = fakeFetch(400, { type: "invalid_data", message: "Flexiti financing is available in Canadian dollars only" })
    const error = await storeRequest({ baseUrl: "https://api", fetch: fn }, "/store/x", { a: 1 }).catch((e) => e)
    expect(error).toBeInstanceOf(FlexitiStoreError)
    expect(error.message).toMatch(/Canadian dollars/)
    expect(error.status).toBe(400)
    expect(calls[0].init.method).toBe("POST")
    expect(calls[0].init.body).toBe('{"a":1}')
  })

  it("uses a JS SDK instance when given", async () => {
    const seen: unknown[] = []
    const sdk = { client: { fetch: async <T>(path: string, init?: unknown) => (seen.push([path, init]), { ok: 1 } as T) } }
    expect(await storeRequest({ sdk }, "/store/y", { b: 2 })).toEqual({ ok: 1 })
    expect(seen).toEqual([["/store/y", { method: "POST", body: { b: 2 } }]])
  })
})
