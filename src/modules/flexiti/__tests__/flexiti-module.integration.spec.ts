import fs from "node:fs"
import path from "node:path"
import { moduleIntegrationTestRunner } from "@medusajs/test-utils"
import type { Knex } from "@medusajs/framework/mikro-orm/knex"
import { FLEXITI_MODULE, FLEXITI_SETTINGS_DEFAULTS, FLEXITI_SETTINGS_SINGLETON_ID } from "../schema"
import { decryptSecret } from "../crypto"
import FlexitiModuleService, { MISSING_ENCRYPTION_KEY_MESSAGE } from "../service"
import { readCheckout, writeCheckout } from "../stores/checkout-store"
import { claimMovement, completeMovement, listMovements, releaseClaim } from "../stores/movement-store"
import { appendCallLog } from "../stores/call-log-store"
import { eligibleProvinces } from "../../../lib/checkout-rules"
import { toDollars } from "../../../lib/money"
import { readCredentials } from "../stores/credential-store"
import { readSettings } from "../stores/settings-store"
import { readSyncedProvinces } from "../stores/i18n-store"

jest.setTimeout(60_000)

const KEY_HEX = "a1b2c3d4e5f60718293a4b5c6d7e8f90a1b2c3d4e5f60718293a4b5c6d7e8f90"
const SECRET = "cs_live_SUPER-secret-value-123"
const TOKEN = { accessToken: "at_abc", refreshToken: "rt_def", scope: "customer", expiresAt: 1_900_000_000_000 }

const MODULE_DIR = path.resolve(__dirname, "..")

moduleIntegrationTestRunner<FlexitiModuleService>({
  moduleName: FLEXITI_MODULE,
  resolve: MODULE_DIR,
  // build the schema from the committed migration, not from the models
  pathToMigrations: path.join(MODULE_DIR, "migrations"),
  testSuite: ({ service, MikroOrmWrapper }) => {
    const knex = (): Knex => MikroOrmWrapper.forkManager().getConnection().getKnex() as unknown as Knex
    const savedKey = process.env.FLEXITI_ENCRYPTION_KEY

    beforeEach(() => {
      process.env.FLEXITI_ENCRYPTION_KEY = KEY_HEX
    })
    afterAll(() => {
      if (savedKey === undefined) {
        delete process.env.FLEXITI_ENCRYPTION_KEY
      } else {
        process.env.FLEXITI_ENCRYPTION_KEY = savedKey
      }
    })

    describe("settings", () => {
      it("runs on the committed migration", async () => {
        const applied = await knex()("mikro_orm_migrations").select("name")
        const committed = fs
          .readdirSync(path.join(MODULE_DIR, "migrations"))
          .filter((f) => /^Migration\d+\.ts$/.test(f))
          .map((f) => f.replace(/\.ts$/, ""))
          .sort()
        expect(applied.map((r: { name: string }) => r.name).sort()).toEqual(committed)
      })

      it("creates the singleton with the defaults once", async () => {
        const a = await service.getSettings()
        expect(a).toMatchObject(FLEXITI_SETTINGS_DEFAULTS)
        expect(a.id).toMatch(/^flxset_/)
        const [b] = await Promise.all([service.getSettings(), service.getSettings()])
        expect(b.id).toBe(a.id)
        const rows = await knex()("flexiti_settings").select("id")
        expect(rows).toHaveLength(1)
      })

      it("validates and applies updates", async () => {
        const updated = await service.updateSettings({
          active_environment: "production",
          flow: "hosted",
          auto_capture: true,
          default_lang: "fr",
          min_amount: "250",
          max_amount: "5000.5",
          allowed_provinces: ["on", "QC"],
          storefront_origins: ["https://shop.example.ca/"],
        })
        expect(updated).toMatchObject({
          active_environment: "production",
          flow: "hosted",
          auto_capture: true,
          default_lang: "fr",
          min_amount: "250.00",
          max_amount: "5000.50",
          allowed_provinces: ["ON", "QC"],
          storefront_origins: ["https://shop.example.ca"],
        })
        expect((await service.getSettings()).max_amount).toBe("5000.50")

        await expect(service.updateSettings({ min_amount: "6000" })).rejects.toThrow(/min_amount \(6000.00\) must not exceed max_amount \(5000.50\)/)
        await expect(service.updateSettings({ min_amount: "1.001" })).rejects.toThrow(/min_amount/)
        await expect(service.updateSettings({ max_amount: "-5" })).rejects.toThrow(/max_amount/)
        await expect(service.updateSettings({ allowed_provinces: ["ZZ"] })).rejects.toThrow(/allowed_provinces/)
        await expect(service.updateSettings({ allowed_provinces: [] })).rejects.toThrow(/at least one/)
        await expect(service.updateSettings({ active_environment: "prod" as never })).rejects.toThrow(/active_environment/)
        expect((await service.getSettings()).min_amount).toBe("250.00")
      })

      it("readSettings returns defaults on an empty table without inserting, then the row", async () => {
        const defaults = await readSettings(knex())
        expect(defaults).toEqual({ id: FLEXITI_SETTINGS_SINGLETON_ID, created_at: null, updated_at: null, ...FLEXITI_SETTINGS_DEFAULTS })
        expect(await knex()("flexiti_settings").count("* as n")).toEqual([{ n: "0" }])

        await service.updateSettings({ auto_capture: true, allowed_provinces: ["BC"] })
        const read = await readSettings(knex())
        expect(read).toMatchObject({ auto_capture: true, allowed_provinces: ["BC"], min_amount: "100.00" })

        // soft-deleted rows are ignored
        await knex()("flexiti_settings").update({ deleted_at: new Date() })
        expect((await readSettings(knex())).auto_capture).toBe(false)
      })
    })

    it("refuses the hosted flow for an environment with no Online API host saved", async () => {
      await expect(service.updateSettings({ active_environment: "merchant_integration", flow: "hosted" })).rejects.toThrow(/Online API base URL/)
      await service.setCredentials({ environment: "merchant_integration", client_id: "c", online_base_url: "https://onlineapi-mi.flexiti.fi" })
      await expect(service.updateSettings({ active_environment: "merchant_integration", flow: "hosted" })).resolves.toMatchObject({ flow: "hosted" })
    })

    describe("credentials", () => {
      it("stores the secret encrypted and never returns it in the status", async () => {
        const status = await service.setCredentials({
          environment: "training",
          client_id: "client-1",
          client_secret: SECRET,
          pos_base_url: "http://127.0.0.1:4010/",
          development_endpoint: true,
        })
        expect(status).toEqual({
          environment: "training",
          client_id: "client-1",
          secret_set: true,
          secret_set_at: expect.any(Date),
          secret_readable: true,
          pos_base_url: "http://127.0.0.1:4010",
          online_base_url: null,
        })

        const [raw] = await knex()("flexiti_credential").select("*")
        expect(raw.id).toMatch(/^flxcred_/)
        expect(JSON.stringify(raw)).not.toContain(SECRET)
        expect(JSON.stringify(raw)).not.toContain(SECRET.slice(-4) + '"')
        expect(raw.client_secret_encrypted).toMatch(/^v1:/)
        expect(decryptSecret(raw.client_secret_encrypted, KEY_HEX)).toBe(SECRET)

        const all = await service.getCredentialStatus()
        expect(all.map((s) => s.environment)).toEqual(["training", "merchant_integration", "production"])
        expect(all[1]).toEqual({
          environment: "merchant_integration",
          client_id: null,
          secret_set: false,
          secret_set_at: null,
          secret_readable: null,
          pos_base_url: null,
          online_base_url: null,
        })
        const serialised = JSON.stringify([status, all, await service.getCredentialStatus("training")])
        expect(serialised).not.toContain(SECRET)
        expect(serialised).not.toContain("v1:")
        expect(serialised).not.toContain("client_secret")
      })

      it("moves a stored secret to another host only when the secret is entered again", async () => {
        await service.setCredentials({ environment: "training", client_id: "a", client_secret: SECRET, pos_base_url: "https://posapi-training.flexiti.fi" })
        await expect(
          service.setCredentials({ environment: "training", client_id: "a", pos_base_url: "http://attacker.example", development_endpoint: true })
        ).rejects.toThrow(/client secret again/)
        expect((await readCredentials(knex(), "training"))!.pos_base_url).toBe("https://posapi-training.flexiti.fi")
        // unchanged URL: no secret needed
        await service.setCredentials({ environment: "training", client_id: "a2", pos_base_url: "https://posapi-training.flexiti.fi" })
        // with the secret typed again the admin may point it at a sandbox
        await service.setCredentials({
          environment: "training",
          client_id: "a",
          client_secret: SECRET,
          pos_base_url: "http://127.0.0.1:4010",
          development_endpoint: true,
        })
        expect((await readCredentials(knex(), "training"))!.pos_base_url).toBe("http://127.0.0.1:4010")
      })

      it("allows plain http or another host only for an endpoint marked as development, never in production", async () => {
        await expect(
          service.setCredentials({ environment: "training", client_id: "a", client_secret: SECRET, pos_base_url: "http://127.0.0.1:4010" })
        ).rejects.toThrow(/development_endpoint/)
        await expect(
          service.setCredentials({ environment: "training", client_id: "a", client_secret: SECRET, pos_base_url: "https://evil.example" })
        ).rejects.toThrow(/flexiti.fi/)
        await expect(
          service.setCredentials({
            environment: "production",
            client_id: "a",
            client_secret: SECRET,
            pos_base_url: "http://127.0.0.1:4010",
            development_endpoint: true,
          })
        ).rejects.toThrow(/production must use/)
        await expect(service.setCredentials({ environment: "training", client_id: "a", client_secret: "x".repeat(513) })).rejects.toThrow(/512/)
        expect(await readCredentials(knex(), "training")).toBeUndefined()
      })

      it("keeps the secret when omitted, clears it with null, replaces it when given", async () => {
        await service.setCredentials({ environment: "production", client_id: "a", client_secret: SECRET })
        const first = await service.getCredentialStatus("production")

        await service.setCredentials({ environment: "production", client_id: "b" })
        const kept = await readCredentials(knex(), "production")
        expect(kept).toEqual({
          client_id: "b",
          client_secret: SECRET,
          pos_base_url: null,
          online_base_url: null,
        })
        expect((await service.getCredentialStatus("production")).secret_set_at).toEqual(first.secret_set_at)

        await service.setCredentials({ environment: "production", client_id: "b", client_secret: "other" })
        expect((await readCredentials(knex(), "production"))!.client_secret).toBe("other")
        expect((await service.resolveCredentials("production"))!.client_secret).toBe("other")

        const cleared = await service.setCredentials({
          environment: "production",
          client_id: "b",
          client_secret: null,
        })
        expect(cleared).toMatchObject({ secret_set: false, secret_set_at: null, online_base_url: null })
        expect((await readCredentials(knex(), "production"))!.client_secret).toBeUndefined()

        const rows = await knex()("flexiti_credential").select("id")
        expect(rows).toHaveLength(1)
      })

      it("refuses to store a secret without FLEXITI_ENCRYPTION_KEY", async () => {
        delete process.env.FLEXITI_ENCRYPTION_KEY
        await expect(service.setCredentials({ environment: "training", client_id: "c", client_secret: SECRET })).rejects.toThrow(MISSING_ENCRYPTION_KEY_MESSAGE)
        expect(await knex()("flexiti_credential").select("id")).toHaveLength(0)

        // a client id alone can be saved without the key
        const status = await service.setCredentials({ environment: "training", client_id: "c" })
        expect(status.secret_set).toBe(false)

        process.env.FLEXITI_ENCRYPTION_KEY = "not-a-valid-key"
        await expect(service.setCredentials({ environment: "training", client_id: "c", client_secret: SECRET })).rejects.toThrow(/64 hex characters/)
      })

      it("reports an unreadable secret after a key change, and the reader refuses it", async () => {
        await service.setCredentials({ environment: "training", client_id: "c", client_secret: SECRET })
        process.env.FLEXITI_ENCRYPTION_KEY = "ff".repeat(32)
        expect(await service.getCredentialStatus("training")).toMatchObject({
          secret_set: true,
          secret_readable: false,
        })
        await expect(readCredentials(knex(), "training")).rejects.toThrow(/wrong FLEXITI_ENCRYPTION_KEY/)
        await expect(readCredentials(knex(), "training", KEY_HEX)).resolves.toMatchObject({
          client_secret: SECRET,
        })
      })

      it("readCredentials skips soft-deleted rows and unknown environments", async () => {
        await service.setCredentials({ environment: "training", client_id: "c", client_secret: SECRET })
        expect(await readCredentials(knex(), "merchant_integration")).toBeUndefined()
        await knex()("flexiti_credential").update({ deleted_at: new Date() })
        expect(await readCredentials(knex(), "training")).toBeUndefined()
        await expect(readCredentials(knex(), "prod" as never)).rejects.toThrow()
      })

      it("rejects invalid input", async () => {
        await expect(service.setCredentials({ environment: "training", client_id: "" })).rejects.toThrow(/client_id/)
        await expect(service.setCredentials({ environment: "training", client_id: "x", pos_base_url: "ftp://x" })).rejects.toThrow(/pos_base_url/)
      })
    })

    describe("checkout", () => {
      it("stores the customer token encrypted and returns it decrypted", async () => {
        const saved = await service.saveCheckout({
          payment_session_id: "payses_1",
          flow: "widget",
          environment: "training",
          reference_id: "ref-1",
          widget_session_id: "ws-1",
          customer_token: TOKEN,
        })
        expect(saved).toMatchObject({
          payment_session_id: "payses_1",
          flow: "widget",
          environment: "training",
          reference_id: "ref-1",
          widget_session_id: "ws-1",
          customer_token: TOKEN,
          widget_result: null,
          authorization_id: null,
        })
        expect(saved.id).toMatch(/^flxchk_/)

        const [raw] = await knex()("flexiti_checkout").select("*")
        expect(JSON.stringify(raw)).not.toContain("at_abc")
        expect(JSON.stringify(raw)).not.toContain("rt_def")
        expect(raw.customer_token_encrypted).toMatch(/^v1:/)

        const updated = await service.saveCheckout({
          payment_session_id: "payses_1",
          widget_result: { event: "flx-success", data: [1, 2] },
          online_order_id: "oo-9",
        })
        expect(updated).toMatchObject({
          customer_token: TOKEN,
          widget_result: { event: "flx-success", data: [1, 2] },
          online_order_id: "oo-9",
          widget_session_id: "ws-1",
        })
        expect(await service.getCheckout("payses_1")).toEqual(updated)
        expect(await service.getCheckout("nope")).toBeUndefined()

        const cleared = await service.saveCheckout({ payment_session_id: "payses_1", customer_token: null })
        expect(cleared.customer_token).toBeNull()
      })

      it("requires flow, environment and reference_id to create, and a key for a token", async () => {
        await expect(service.saveCheckout({ payment_session_id: "payses_2" })).rejects.toThrow(/required to create/)
        delete process.env.FLEXITI_ENCRYPTION_KEY
        await expect(
          service.saveCheckout({
            payment_session_id: "payses_2",
            flow: "widget",
            environment: "training",
            reference_id: "r",
            customer_token: TOKEN,
          })
        ).rejects.toThrow(/FLEXITI_ENCRYPTION_KEY must be set/)
      })

      it("reader: writeCheckout upserts by payment_session_id and interoperates with the service", async () => {
        const created = await writeCheckout(knex(), {
          payment_session_id: "payses_3",
          flow: "widget",
          environment: "merchant_integration",
          reference_id: "ref-3",
          customer_token: TOKEN,
          widget_result: { list: ["a", "b"] },
        })
        expect(created.id).toMatch(/^flxchk_/)
        expect(created.customer_token).toEqual(TOKEN)
        expect(created.widget_result).toEqual({ list: ["a", "b"] })

        const rotated = { ...TOKEN, accessToken: "at_new", expiresAt: TOKEN.expiresAt + 1 }
        const updated = await writeCheckout(knex(), {
          payment_session_id: "payses_3",
          customer_token: rotated,
          authorization_id: "auth-1",
        })
        expect(updated).toMatchObject({
          id: created.id,
          reference_id: "ref-3",
          customer_token: rotated,
          authorization_id: "auth-1",
          widget_result: { list: ["a", "b"] },
        })
        expect(updated.updated_at.getTime()).toBeGreaterThanOrEqual(created.updated_at.getTime())

        // no-op write returns the stored state
        expect(await writeCheckout(knex(), { payment_session_id: "payses_3" })).toEqual(updated)

        // the service sees what the reader wrote, and vice versa
        expect(await service.getCheckout("payses_3")).toEqual(await readCheckout(knex(), "payses_3"))
        await service.saveCheckout({ payment_session_id: "payses_3", online_order_id: "oo-3" })
        expect((await readCheckout(knex(), "payses_3"))!.online_order_id).toBe("oo-3")

        const raw = await knex()("flexiti_checkout").where({ payment_session_id: "payses_3" })
        expect(raw).toHaveLength(1)
        expect(JSON.stringify(raw)).not.toContain("at_new")

        await expect(writeCheckout(knex(), { payment_session_id: "payses_4" })).rejects.toThrow(/required to create/)
        expect(await readCheckout(knex(), "payses_4")).toBeUndefined()
      })

      it("checkout store: the Flexiti account number is stored encrypted and read back", async () => {
        await writeCheckout(knex(), {
          payment_session_id: "payses_acct",
          flow: "widget",
          environment: "training",
          reference_id: "r",
          account_number: "4111222233334444",
          amount: toDollars("1260.00"),
          cart_id: "cart_1",
        })
        const raw = await knex()("flexiti_checkout").where({ payment_session_id: "payses_acct" }).first()
        expect(JSON.stringify(raw)).not.toContain("4111222233334444")
        expect(await readCheckout(knex(), "payses_acct")).toMatchObject({ account_number: "4111222233334444", amount: "1260.00", cart_id: "cart_1" })
      })

      it("movement store: one claim per content key, even when claimed at once", async () => {
        const movement = {
          payment_session_id: "payses_m",
          kind: "capture" as const,
          content_key: "payses_m:capture:504.00",
          amount: toDollars("504.00"),
          capture_id: null,
          medusa_id: "capt_1",
        }
        const claims = await Promise.all([1, 2, 3, 4, 5].map(() => claimMovement(knex(), movement)))
        expect(claims.filter((c) => c.claimed)).toHaveLength(1)
        const loser = claims.find((c) => !c.claimed) as { claimed: false; existing: { state: string } }
        expect(loser.existing.state).toBe("pending")

        await completeMovement(knex(), movement.content_key, { flexiti_id: "77", capture_id: "77" })
        await releaseClaim(knex(), movement.content_key) // a done movement is never given back
        expect(await listMovements(knex(), "payses_m")).toEqual([
          expect.objectContaining({ state: "done", flexiti_id: "77", medusa_id: "capt_1", amount: "504.00" }),
        ])

        const refund = { ...movement, kind: "return" as const, content_key: "payses_m:refund:77:100.00:return", amount: toDollars("100.00") }
        expect(await claimMovement(knex(), refund)).toEqual({ claimed: true })
        await releaseClaim(knex(), refund.content_key)
        expect(await claimMovement(knex(), refund)).toEqual({ claimed: true })
      })

      it("reader: concurrent creates of one session end in one row", async () => {
        const write = {
          payment_session_id: "payses_5",
          flow: "hosted" as const,
          environment: "training" as const,
          reference_id: "ref-5",
        }
        await Promise.all([writeCheckout(knex(), write), writeCheckout(knex(), { ...write, widget_session_id: "ws" }), writeCheckout(knex(), write)])
        expect(await knex()("flexiti_checkout").where({ payment_session_id: "payses_5" })).toHaveLength(1)
      })

      it("reader: soft-deleted checkouts are ignored and a new one can be created", async () => {
        await writeCheckout(knex(), {
          payment_session_id: "payses_6",
          flow: "widget",
          environment: "training",
          reference_id: "old",
        })
        await knex()("flexiti_checkout").update({ deleted_at: new Date() })
        expect(await readCheckout(knex(), "payses_6")).toBeUndefined()
        const fresh = await writeCheckout(knex(), {
          payment_session_id: "payses_6",
          flow: "widget",
          environment: "training",
          reference_id: "new",
        })
        expect(fresh.reference_id).toBe("new")
      })
    })

    describe("call log", () => {
      it("logs calls through the service and the reader, and lists them", async () => {
        const first = await service.logCall({
          payment_session_id: "payses_7",
          operation: "authorize",
          reference_id: "ref-7",
          outcome: "success",
          http_status: 200,
          amount: "125.5",
          flexiti_id: "auth-7",
        })
        expect(first).toMatchObject({ amount: "125.50", payment_id: null, outcome: "success" })
        expect(first.id).toMatch(/^flxlog_/)

        const second = await appendCallLog(knex(), {
          payment_id: "pay_7",
          payment_session_id: "payses_7",
          operation: "capture",
          reference_id: "ref-7b",
          outcome: "failure",
          http_status: 422,
          error_code: "E42",
          message: "x".repeat(5000),
        })
        expect(second.id).toMatch(/^flxlog_/)
        expect(second.message).toHaveLength(2000)

        const bySession = await service.listCallLog({ payment_session_id: "payses_7" })
        expect(bySession.map((r) => r.operation)).toEqual(["authorize", "capture"])
        const byPayment = await service.listCallLog({ payment_id: "pay_7" })
        expect(byPayment).toHaveLength(1)
        expect(byPayment[0]).toMatchObject({ error_code: "E42", http_status: 422, outcome: "failure" })

        await expect(service.listCallLog({})).rejects.toThrow(/payment_id or payment_session_id/)
        await expect(service.logCall({ operation: "x", reference_id: "r", outcome: "maybe" as never })).rejects.toThrow(/outcome/)
        await expect(appendCallLog(knex(), { operation: "x", reference_id: "r", outcome: "success", amount: "1.234" })).rejects.toThrow(/amount/)
      })
    })

    describe("i18n", () => {
      const labels = (provinces: Record<string, string>) => ({
        plan_ids: { "5": "Equal Payments, No Interest" },
        provinces,
        transaction_types: { promotional_purchase: "Financed Purchase" },
        disclosures: {},
      })

      it("stores both languages, counts them and replaces them on the next sync", async () => {
        expect(await service.getLastI18nSync("training")).toBeNull()
        expect(await service.syncedProvinces("training")).toBeUndefined()
        expect(await readSyncedProvinces(knex(), "training")).toBeUndefined()

        const sync = await service.saveI18n({
          environment: "training",
          labels: { en: labels({ ON: "Ontario", QC: "Quebec" }), fr: labels({ ON: "Ontario", QC: "Québec" }) },
          reference_id: "a".repeat(32),
        })
        expect(sync).toMatchObject({ environment: "training", outcome: "success", reference_id: "a".repeat(32) })
        expect(sync.counts).toEqual({
          en: { plan_ids: 1, provinces: 2, transaction_types: 1, disclosures: 0 },
          fr: { plan_ids: 1, provinces: 2, transaction_types: 1, disclosures: 0 },
        })
        const snapshot = await service.getI18n("training")
        expect(snapshot.labels.fr?.provinces.QC).toBe("Québec")
        expect(snapshot.last_sync?.id).toBe(sync.id)
        expect(await readSyncedProvinces(knex(), "training")).toEqual(["ON", "QC"])
        expect(await readSyncedProvinces(knex(), "production")).toBeUndefined()

        await service.saveI18n({ environment: "training", labels: { en: labels({ ON: "Ontario" }), fr: labels({ ON: "Ontario" }) } })
        expect(await service.syncedProvinces("training")).toEqual(["ON"])
        expect(await knex()("flexiti_i18n").whereNull("deleted_at")).toHaveLength(2)
      })

      it("records a failed sync without touching the labels", async () => {
        await service.saveI18n({ environment: "training", labels: { en: labels({ ON: "Ontario" }) } })
        const failed = await service.recordI18nSync({ environment: "training", outcome: "failure", error_code: "invalid_client", message: "no" })
        expect((await service.getLastI18nSync("training"))?.id).toBe(failed.id)
        expect((await service.getLastI18nSync("training", "success"))?.outcome).toBe("success")
        expect((await service.getI18n("training")).labels.en?.provinces).toEqual({ ON: "Ontario" })
      })

      it("refuses allowed provinces Flexiti does not list once synced", async () => {
        await service.updateSettings({ allowed_provinces: ["NU"] })
        await service.saveI18n({ environment: "training", labels: { en: labels({ ON: "Ontario", QC: "Quebec" }) } })
        await expect(service.updateSettings({ allowed_provinces: ["ON", "NU"] })).rejects.toThrow(/NU is not in the provinces Flexiti lists/)
        expect((await service.updateSettings({ allowed_provinces: ["QC"] })).allowed_provinces).toEqual(["QC"])
        // another environment, never synced: any Canadian province
        expect((await service.updateSettings({ active_environment: "production", allowed_provinces: ["NU"] })).allowed_provinces).toEqual(["NU"])
      })

      it("eligibility is allowed ∩ synced", () => {
        expect(eligibleProvinces(["ON", "QC", "NU"], undefined)).toEqual(["ON", "QC", "NU"])
        expect(eligibleProvinces(["ON", "QC", "NU"], ["ON", "QC"])).toEqual(["ON", "QC"])
      })
    })
  },
})
