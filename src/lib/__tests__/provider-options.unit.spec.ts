import { parseProviderOptions } from "../config/provider-options"

function errorOf(options: Record<string, unknown>): string {
  try {
    parseProviderOptions(options)
  } catch (e) {
    return (e as Error).message
  }
  throw new Error(`expected ${JSON.stringify(options)} to be rejected`)
}

describe("parseProviderOptions", () => {
  it("accepts no options at all", () => {
    expect(parseProviderOptions({})).toEqual({})
    expect(parseProviderOptions()).toEqual({})
  })

  it("accepts a full valid configuration", () => {
    const full = {
      environment: "merchant_integration",
      flow: "hosted",
      auto_capture: true,
      default_lang: "fr",
      min_amount: 100,
      max_amount: "10000.50",
      allowed_provinces: ["ON", "QC"],
      client_id: "id",
      client_secret: "secret",
      pos_base_url: "http://127.0.0.1:4010",
      online_base_url: "https://onlineapi-training.flexiti.fi",
      default_plan_id: 12,
      default_term: 24,
      timeout_ms: 30_000,
    }
    // Amounts are kept as decimal strings; everything else comes back as given.
    expect(parseProviderOptions(full)).toEqual({ ...full, min_amount: "100" })
  })

  it("accepts environment-variable strings for booleans and numbers", () => {
    expect(parseProviderOptions({ auto_capture: "false", default_plan_id: "5", default_term: "12", timeout_ms: "20000" })).toEqual({
      auto_capture: false,
      default_plan_id: 5,
      default_term: 12,
      timeout_ms: 20_000,
    })
    expect(parseProviderOptions({ auto_capture: "true" }).auto_capture).toBe(true)
  })

  it("amounts become strings", () => {
    expect(parseProviderOptions({ min_amount: 99.95 }).min_amount).toBe("99.95")
    expect(parseProviderOptions({ max_amount: "250" }).max_amount).toBe("250")
  })

  it("drops undefined and empty-string values (unset env vars)", () => {
    const parsed = parseProviderOptions({
      environment: "",
      client_id: undefined,
      client_secret: undefined,
      pos_base_url: "",
      online_base_url: undefined,
      min_amount: "",
    })
    expect(parsed).toEqual({})
  })

  it("an empty client_secret with no client_id is not an error", () => {
    expect(parseProviderOptions({ client_id: undefined, client_secret: "" })).toEqual({})
  })

  it("keeps defined values next to dropped ones", () => {
    expect(parseProviderOptions({ client_id: "abc", client_secret: undefined, flow: "" })).toEqual({ client_id: "abc" })
  })

  describe("names the bad field", () => {
    it("environment", () => {
      const message = errorOf({ environment: "staging" })
      expect(message).toMatch(/^Invalid Flexiti provider options: /)
      expect(message).toMatch(/\benvironment: /)
    })

    it("flow", () => {
      expect(errorOf({ flow: "redirect" })).toMatch(/\bflow: /)
    })

    it("min_amount with 3 decimals", () => {
      const message = errorOf({ min_amount: "10.005" })
      expect(message).toMatch(/\bmin_amount: must be a dollar amount with at most 2 decimals/)
    })

    it("min_amount given as a 3-decimal number", () => {
      expect(errorOf({ min_amount: 10.005 })).toMatch(/\bmin_amount: must be a dollar amount/)
    })

    it("max_amount that is not an amount", () => {
      expect(errorOf({ max_amount: "ten" })).toMatch(/\bmax_amount: must be a dollar amount/)
      expect(errorOf({ max_amount: "-5" })).toMatch(/\bmax_amount: /)
    })

    it("min_amount above max_amount", () => {
      expect(errorOf({ min_amount: "500", max_amount: "100" })).toMatch(/\bmin_amount: min_amount must not exceed max_amount/)
    })

    it("min above max compares numerically, not as strings", () => {
      // "100" < "99.95" as strings
      expect(errorOf({ min_amount: "100", max_amount: "99.95" })).toMatch(/min_amount must not exceed max_amount/)
      expect(parseProviderOptions({ min_amount: "9", max_amount: "10" })).toEqual({ min_amount: "9", max_amount: "10" })
      expect(parseProviderOptions({ min_amount: "100", max_amount: "100.00" })).toEqual({ min_amount: "100", max_amount: "100.00" })
    })

    it("allowed_provinces", () => {
      const message = errorOf({ allowed_provinces: ["ontario"] })
      expect(message).toMatch(/\ballowed_provinces\.0: provinces are 2-letter codes such as ON/)
      expect(errorOf({ allowed_provinces: ["ON", "qc"] })).toMatch(/\ballowed_provinces\.1: /)
    })

    it("client_secret without client_id", () => {
      expect(errorOf({ client_secret: "s3cret" })).toMatch(/\bclient_id: client_secret is set without client_id/)
    })

    it("does not echo the secret in the error", () => {
      expect(errorOf({ client_secret: "s3cret-value" })).not.toContain("s3cret-value")
    })

    it("pos_base_url", () => {
      expect(errorOf({ pos_base_url: "not a url" })).toMatch(/\bpos_base_url: must be a URL/)
    })

    it("online_base_url", () => {
      expect(errorOf({ online_base_url: "nope" })).toMatch(/\bonline_base_url: must be a URL/)
    })

    it("default_lang, auto_capture, default_plan_id, timeout_ms", () => {
      expect(errorOf({ default_lang: "de" })).toMatch(/\bdefault_lang: /)
      expect(errorOf({ auto_capture: "yes" })).toMatch(/\bauto_capture: /)
      expect(errorOf({ default_plan_id: 1.5 })).toMatch(/\bdefault_plan_id: /)
      expect(errorOf({ default_term: 0 })).toMatch(/\bdefault_term: /)
      expect(errorOf({ timeout_ms: 120_001 })).toMatch(/\btimeout_ms: /)
    })

    it("names every bad field at once", () => {
      const message = errorOf({ environment: "staging", flow: "redirect", pos_base_url: "not a url" })
      expect(message).toMatch(/\benvironment: /)
      expect(message).toMatch(/\bflow: /)
      expect(message).toMatch(/\bpos_base_url: /)
    })
  })
})
