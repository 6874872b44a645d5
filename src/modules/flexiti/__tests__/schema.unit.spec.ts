import fs from "node:fs"
import path from "node:path"
import { FLEXITI_SCHEMA, FLEXITI_SETTINGS_DEFAULTS } from "../schema"
import { CANADIAN_PROVINCES } from "../../../lib/vocabulary"
import { FlexitiCallLog, FlexitiCheckout, FlexitiCredential, FlexitiSettings } from "../models"
import { updateSettingsSchema, decimalAmountSchema } from "../validation"

const MODELS = {
  settings: FlexitiSettings,
  credential: FlexitiCredential,
  checkout: FlexitiCheckout,
  callLog: FlexitiCallLog,
} as const

describe("flexiti schema constants", () => {
  it.each(Object.keys(MODELS) as (keyof typeof MODELS)[])("%s: the model's properties are exactly the constant's columns", (name) => {
    const constant = FLEXITI_SCHEMA[name]
    const model = MODELS[name] as unknown as { schema: Record<string, unknown>; parse(): { tableName: string } }
    const modelKeys = Object.keys(model.schema).sort()
    const columns = [...Object.values(constant.columns)].sort()
    expect(modelKeys).toEqual(columns)
    expect(model.parse().tableName).toBe(constant.table)
  })

  it("the committed migration creates every table and column", () => {
    const dir = path.join(__dirname, "..", "migrations")
    const sql = fs
      .readdirSync(dir)
      .filter((f) => /^Migration\d+\.ts$/.test(f))
      .map((f) => fs.readFileSync(path.join(dir, f), "utf8"))
      .join("\n")
    for (const t of Object.values(FLEXITI_SCHEMA)) {
      expect(sql).toContain(`create table if not exists "${t.table}"`)
      for (const c of Object.values(t.columns)) {
        expect(sql).toContain(`"${c}"`)
      }
    }
  })

  it("defaults list the 13 provinces and territories", () => {
    expect(FLEXITI_SETTINGS_DEFAULTS.allowed_provinces).toHaveLength(13)
    expect(new Set(FLEXITI_SETTINGS_DEFAULTS.allowed_provinces)).toEqual(new Set(CANADIAN_PROVINCES))
  })
})

describe("flexiti settings validation", () => {
  it("normalises amounts to 2 decimals and rejects bad ones", () => {
    expect(decimalAmountSchema.parse("100")).toBe("100.00")
    expect(decimalAmountSchema.parse("99.5")).toBe("99.50")
    expect(decimalAmountSchema.parse(" 0.01 ")).toBe("0.01")
    expect(decimalAmountSchema.parse(250)).toBe("250.00")
    for (const bad of ["-1", "1.005", "abc", "", "1e3", "1,00"]) {
      expect(decimalAmountSchema.safeParse(bad).success).toBe(false)
    }
  })

  it("upper-cases and de-duplicates provinces, rejects unknown ones", () => {
    expect(updateSettingsSchema.parse({ allowed_provinces: ["on", "QC", "ON"] }).allowed_provinces).toEqual(["ON", "QC"])
    expect(updateSettingsSchema.safeParse({ allowed_provinces: ["XX"] }).success).toBe(false)
    expect(updateSettingsSchema.safeParse({ allowed_provinces: ["Ontario"] }).success).toBe(false)
  })

  it("normalises storefront origins and rejects paths", () => {
    expect(updateSettingsSchema.parse({ storefront_origins: ["https://Shop.example.com/", "http://localhost:8000"] }).storefront_origins).toEqual([
      "https://shop.example.com",
      "http://localhost:8000",
    ])
    expect(updateSettingsSchema.safeParse({ storefront_origins: ["https://a.com/path"] }).success).toBe(false)
    expect(updateSettingsSchema.safeParse({ storefront_origins: ["ftp://a.com"] }).success).toBe(false)
  })

  it("rejects unknown keys", () => {
    expect(updateSettingsSchema.safeParse({ nope: 1 }).success).toBe(false)
  })
})
