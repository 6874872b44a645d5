import { medusaIntegrationTestRunner } from "@medusajs/test-utils"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import { SANDBOX_TEST_ACCOUNTS } from "../../src/sandbox"
import { adminHeaders, ONTARIO_ADDRESS, SeededStore, seedStore } from "../fixtures/store"
import { useFlexitiSandbox } from "../fixtures/sandbox"
import { withoutEnvCredentials } from "../fixtures/env-credentials"

jest.setTimeout(180 * 1000)

const flexiti = useFlexitiSandbox()
const ACCOUNT = SANDBOX_TEST_ACCOUNTS.approved.account_number
const REF = /^[0-9a-f]{32}$/

medusaIntegrationTestRunner({
  inApp: true,
  env: {},
  testSuite: ({ api, getContainer }) => {
    let admin: { headers: Record<string, string> }

    beforeEach(async () => {
      admin = await adminHeaders(getContainer())
    })

    const call = (method: "get" | "post", url: string, body?: unknown, headers?: { headers: Record<string, string> }) =>
      (method === "get" ? api.get(url, headers) : api.post(url, body ?? {}, headers)).catch((e: any) => e.response)

    const knex = () => getContainer().resolve(ContainerRegistrationKeys.PG_CONNECTION)

    it("answers 401 without an admin session on every route", async () => {
      const routes: ["get" | "post", string][] = [
        ["get", "/admin/flexiti/settings"],
        ["post", "/admin/flexiti/settings"],
        ["post", "/admin/flexiti/credentials/training"],
        ["get", "/admin/flexiti/trust-urls"],
        ["post", "/admin/flexiti/test-connection"],
        ["get", "/admin/flexiti/i18n"],
        ["post", "/admin/flexiti/i18n/sync"],
        ["get", "/admin/flexiti/payments/pay_123"],
        ["post", "/admin/flexiti/payments/pay_123/release"],
      ]
      for (const [method, url] of routes) {
        const res = await call(method, url, {})
        expect([url, res.status]).toEqual([url, 401])
      }
    })

    it("answers bad input with a 400 naming the problem", async () => {
      const flow = await call("post", "/admin/flexiti/settings", { flow: "carrier-pigeon" }, admin)
      expect(flow.status).toBe(400)
      expect(flow.data.message).toMatch(/flow/)

      const range = await call("post", "/admin/flexiti/settings", { min_amount: "500", max_amount: "100" }, admin)
      expect(range.status).toBe(400)
      expect(range.data.message).toMatch(/min_amount/)

      const unknownKey = await call("post", "/admin/flexiti/settings", { colour: "red" }, admin)
      expect(unknownKey.status).toBe(400)

      const origin = await call("post", "/admin/flexiti/settings", { storefront_origins: ["https://shop.example.ca/checkout"] }, admin)
      expect(origin.status).toBe(400)
      expect(origin.data.message).toMatch(/storefront_origins/)

      const env = await call("post", "/admin/flexiti/credentials/mars", { client_id: "x" }, admin)
      expect(env.status).toBe(400)
      expect(env.data.message).toMatch(/environment/)

      const testEnv = await call("post", "/admin/flexiti/test-connection", { environment: "mars" }, admin)
      expect(testEnv.status).toBe(400)
      expect(testEnv.data.message).toMatch(/environment/)

      const trustEnv = await call("get", "/admin/flexiti/trust-urls?environment=mars", undefined, admin)
      expect(trustEnv.status).toBe(400)

      const missing = await call("get", "/admin/flexiti/payments/pay_missing", undefined, admin)
      expect(missing.status).toBe(404)
      const releaseMissing = await call("post", "/admin/flexiti/payments/pay_missing/release", {}, admin)
      expect(releaseMissing.status).toBe(404)
    })

    it("shows env-managed credentials as read-only and refuses to edit them", async () => {
      const { data } = await api.get("/admin/flexiti/settings", admin)
      expect(data.managed_by_environment).toBe(true)
      expect(data.credentials).toHaveLength(3)
      expect(data.credentials.every((c: any) => c.managed_by_environment === true)).toBe(true)
      expect(data.developer_portals.training).toBe("https://developer.flexiti.fi/")
      expect(data.developer_portals.production).toBeNull()
      expect(JSON.stringify(data)).not.toContain(flexiti.client.client_secret)

      const refused = await call("post", "/admin/flexiti/credentials/training", { client_id: "other", client_secret: "other-secret" }, admin)
      expect(refused.status).toBe(400)
      expect(refused.data.message).toMatch(/managed by environment/)
    })

    it("saves credentials encrypted, never answers the secret, tests the connection", async () => {
      await withoutEnvCredentials(async () => {
        const secret = flexiti.client.client_secret
        const saved = await api.post(
          "/admin/flexiti/credentials/training",
          { client_id: flexiti.client.client_id, client_secret: secret, pos_base_url: flexiti.sandbox.url, development_endpoint: true },
          admin
        )
        expect(saved.data.credentials).toMatchObject({ environment: "training", client_id: "medusa-it", secret_set: true, managed_by_environment: false })
        expect(JSON.stringify(saved.data)).not.toContain(secret)

        const settings = await api.get("/admin/flexiti/settings", admin)
        expect(settings.data.managed_by_environment).toBe(false)
        expect(settings.data.credentials.find((c: any) => c.environment === "training").secret_set).toBe(true)
        expect(JSON.stringify(settings.data)).not.toContain(secret)

        const [row] = await knex()("flexiti_credential").where({ environment: "training" }).whereNull("deleted_at")
        expect(row.client_secret_encrypted).toBeTruthy()
        expect(JSON.stringify(row)).not.toContain(secret)

        const ok = await api.post("/admin/flexiti/test-connection", {}, admin)
        expect(ok.data).toMatchObject({ ok: true, environment: "training", source: "admin", scope: "merchant" })
        expect(ok.data.expires_in).toBeGreaterThan(0)
        expect(ok.data.reference_id).toMatch(REF)
        expect(JSON.stringify(ok.data)).not.toContain(secret)

        // Keeping the client id and changing only the secret
        await api.post("/admin/flexiti/credentials/training", { client_id: flexiti.client.client_id, client_secret: "wrong-secret" }, admin)
        const refused = await api.post("/admin/flexiti/test-connection", { environment: "training" }, admin)
        expect(refused.status).toBe(200)
        expect(refused.data).toMatchObject({ ok: false, code: "invalid_client", status: 400 })
        expect(refused.data.reference_id).toMatch(REF)
        expect(JSON.stringify(refused.data)).not.toContain("wrong-secret")

        const none = await api.post("/admin/flexiti/test-connection", { environment: "production" }, admin)
        expect(none.data).toMatchObject({ ok: false, code: "missing_credentials" })

        const log = await knex()("flexiti_call_log").where({ operation: "token_test" }).orderBy("created_at", "asc")
        expect(log.map((l: any) => l.outcome)).toEqual(["success", "failure", "failure"])
        expect(log[0].reference_id).toBe(ok.data.reference_id)
        expect(log[1].error_code).toBe("invalid_client")
        expect(JSON.stringify(log)).not.toContain(secret)
        expect(JSON.stringify(log)).not.toContain("wrong-secret")
      })
    })

    it("tests the connection with the environment's credentials", async () => {
      const { data } = await api.post("/admin/flexiti/test-connection", {}, admin)
      expect(data).toMatchObject({ ok: true, source: "environment", scope: "merchant" })
      expect(JSON.stringify(data)).not.toContain(flexiti.client.client_secret)
    })

    it("checks the trust URLs with a reason per failure", async () => {
      const config = getContainer().resolve(ContainerRegistrationKeys.CONFIG_MODULE) as any
      const storeCors = config.projectConfig.http.storeCors
      try {
        config.projectConfig.http.storeCors = "https://shop.example.ca,http://shop.example.ca,https://shop.example.ca/,https://shop.example.ca/fr?x=1"
        const { data } = await api.get("/admin/flexiti/trust-urls", admin)
        expect(data.source).toBe("store_cors")
        expect(data.portal_url).toBe("https://developer.flexiti.fi/")
        expect(data.all_ok).toBe(false)
        const byUrl = Object.fromEntries(data.origins.map((o: any) => [o.url, o]))
        expect(byUrl["https://shop.example.ca"]).toEqual({ url: "https://shop.example.ca", ok: true, reasons: [] })
        expect(byUrl["http://shop.example.ca"].reasons).toEqual(["must use https"])
        expect(byUrl["https://shop.example.ca/"].reasons).toEqual(["must not end with a slash"])
        expect(byUrl["https://shop.example.ca/fr?x=1"].reasons).toEqual(["must not have a path", "must not have a query"])
      } finally {
        config.projectConfig.http.storeCors = storeCors
      }

      await api.post("/admin/flexiti/settings", { storefront_origins: ["https://shop.example.ca"], environment: "merchant_integration" }, admin)
      const { data } = await api.get("/admin/flexiti/trust-urls", admin)
      expect(data).toMatchObject({
        environment: "merchant_integration",
        portal_url: "https://developer-mi.flexiti.fi/",
        source: "settings",
        all_ok: true,
        origins: [{ url: "https://shop.example.ca", ok: true, reasons: [] }],
      })
      const settings = await api.get("/admin/flexiti/settings", admin)
      expect(settings.data.settings.active_environment).toBe("merchant_integration")
      expect(settings.data.trust_urls.all_ok).toBe(true)
    })

    it("syncs i18n in both languages and restricts provinces to the synced list", async () => {
      const before = await api.get("/admin/flexiti/i18n", admin)
      expect(before.data.i18n.last_sync).toBeNull()
      // No sync yet: any Canadian province may be picked
      expect((await call("post", "/admin/flexiti/settings", { allowed_provinces: ["NU", "ON"] }, admin)).status).toBe(200)

      const { data } = await api.post("/admin/flexiti/i18n/sync", {}, admin)
      expect(data.ok).toBe(true)
      expect(data.sync).toMatchObject({ environment: "training", outcome: "success" })
      expect(data.sync.reference_id).toMatch(REF)
      expect(data.sync.counts.en).toEqual({ plan_ids: 7, provinces: 13, transaction_types: 2, disclosures: 4 })
      expect(data.sync.counts.fr).toEqual({ plan_ids: 7, provinces: 13, transaction_types: 2, disclosures: 4 })

      const { data: stored } = await api.get("/admin/flexiti/i18n", admin)
      expect(stored.i18n.labels.en.provinces.QC).toBe("Quebec")
      expect(stored.i18n.labels.fr.provinces.QC).toBe("Québec")
      expect(stored.i18n.labels.en.plan_ids["5"]).toBe("Equal Payments, No Interest")
      expect(stored.i18n.labels.fr.plan_ids["5"]).toBe("Versements égaux, sans intérêt")
      expect(stored.i18n.last_sync.outcome).toBe("success")

      // Flexiti stops listing Nunavut (simulated in the stored labels)
      for (const lang of ["en", "fr"]) {
        const [row] = await knex()("flexiti_i18n").where({ environment: "training", lang })
        const provinces = { ...row.provinces }
        delete provinces.NU
        await knex()("flexiti_i18n")
          .where({ id: row.id })
          .update({ provinces: JSON.stringify(provinces) })
      }
      const refused = await call("post", "/admin/flexiti/settings", { allowed_provinces: ["NU", "ON"] }, admin)
      expect(refused.status).toBe(400)
      expect(refused.data.message).toMatch(/NU is not in the provinces Flexiti lists/)
      const accepted = await api.post("/admin/flexiti/settings", { allowed_provinces: ["ON", "QC"] }, admin)
      expect(accepted.data.settings.allowed_provinces).toEqual(["ON", "QC"])
      expect(accepted.data.synced_provinces).not.toContain("NU")
      expect(accepted.data.last_sync.outcome).toBe("success")

      // A failed sync is recorded and keeps the stored labels
      await withoutEnvCredentials(async () => {
        const failed = await api.post("/admin/flexiti/i18n/sync", {}, admin)
        expect(failed.data).toMatchObject({ ok: false, sync: { outcome: "failure", error_code: "missing_credentials" } })
        expect(failed.data.i18n.labels.en.provinces.QC).toBe("Quebec")
      })
    })

    describe("order actions", () => {
      let store: SeededStore
      let storeHeaders: { headers: Record<string, string> }

      beforeEach(async () => {
        store = await seedStore(getContainer())
        storeHeaders = { headers: { "x-publishable-api-key": store.publishableKey } }
      })

      async function cartReadyToPay() {
        const {
          data: { cart },
        } = await api.post(
          "/store/carts",
          {
            region_id: store.cadRegionId,
            email: "shopper@example.ca",
            items: [{ variant_id: store.variantId, quantity: 1 }],
            shipping_address: ONTARIO_ADDRESS,
            billing_address: ONTARIO_ADDRESS,
          },
          storeHeaders
        )
        await api.post(`/store/carts/${cart.id}/shipping-methods`, { option_id: store.shippingOptionId }, storeHeaders)
        return cart.id as string
      }

      async function placeOrder() {
        const cartId = await cartReadyToPay()
        const { data } = await api.post("/store/flexiti/payment-sessions", { cart_id: cartId }, storeHeaders)
        const session = data.payment_session
        const approval = await flexiti.control().post(`/widget-sessions/${session.data.widget_session_id}/approve`, { account_number: ACCOUNT })
        expect(approval.status).toBe(200)
        await api.post(`/store/flexiti/payment-sessions/${session.id}/widget-result`, { cart_id: cartId, event: approval.data.event }, storeHeaders)
        // the shopper confirms 6 months of plan 5 in the storefront's picker
        const choice = { cart_id: cartId, transaction_type: "promotional_purchase", plan_id: 5, term: 6 }
        await api.post(`/store/flexiti/payment-sessions/${session.id}/financing`, choice, storeHeaders)
        const completed = await api.post(`/store/carts/${cartId}/complete`, {}, storeHeaders)
        expect(completed.data.type).toBe("order")
        const order = await api.get(`/admin/orders/${completed.data.order.id}?fields=*payment_collections,*payment_collections.payments`, admin)
        return { session, orderId: order.data.order.id as string, payment: order.data.order.payment_collections[0].payments[0] }
      }

      it("summarises a partly captured payment and releases the remainder", async () => {
        const { session, payment, orderId } = await placeOrder()
        await api.post(`/admin/payments/${payment.id}/capture`, { amount: 504 }, admin)

        const { data } = await api.get(`/admin/flexiti/payments/${payment.id}`, admin)
        const summary = data.payment
        expect(summary.flexiti).toMatchObject({ session_id: session.id, flow: "widget", authorization_status: "opened" })
        expect(summary.flexiti.authorization_id).toBeTruthy()
        expect(summary.flexiti.account_number_masked).toMatch(/0001$/)
        expect(summary.amounts).toEqual({
          authorized: "1260.00",
          captured: "504.00",
          returned: "0.00",
          refunded: "0.00",
          released: "0.00",
          remaining: "756.00",
        })
        expect(summary.medusa).toMatchObject({ amount: "1260.00", captured: "504.00", refunded: "0.00", canceled_at: null })
        expect(summary.can_release).toBe(true)
        const operations = summary.history.map((h: any) => h.operation)
        expect(operations).toEqual(expect.arrayContaining(["widget_init", "authorize", "capture"]))
        for (const h of summary.history) {
          expect(h.reference_id).toMatch(REF)
          expect(h.outcome).toBe("success")
        }
        expect(summary.figures).toEqual({ source: "flexiti", note: null })
        expect(JSON.stringify(data)).not.toContain(flexiti.client.client_secret)

        // Medusa's copy of the figures (the payment's data) lags Flexiti: the panel shows Flexiti's.
        const paymentData = (await knex()("payment").where({ id: payment.id }))[0].data
        await knex()("payment")
          .where({ id: payment.id })
          .update({ data: { ...paymentData, captures: [] } })
        const lagging = (await api.get(`/admin/flexiti/payments/${payment.id}`, admin)).data.payment
        expect(lagging.amounts).toMatchObject({ captured: "504.00", remaining: "756.00" })
        expect(lagging.figures.source).toBe("flexiti")
        // Flexiti unreachable: the last recorded figures, said to be so, never a 5xx
        await flexiti.control().post("/faults", { fail_next: [{ path_contains: "/authorization/", method: "GET", status: 503, times: 20 }] })
        const unreachable = await call("get", `/admin/flexiti/payments/${payment.id}`, undefined, admin)
        await flexiti.control().delete("/faults")
        expect(unreachable.status).toBe(200)
        expect(unreachable.data.payment.figures.source).toBe("recorded")
        expect(unreachable.data.payment.figures.note).toMatch(/Flexiti could not be read/)
        expect(unreachable.data.payment.amounts.captured).toBe("0.00")
        // Flexiti slow: the panel does not wait past 5 s
        await flexiti.control().post("/faults", { latency_ms: 6000 })
        const slow = await call("get", `/admin/flexiti/payments/${payment.id}`, undefined, admin)
        await flexiti.control().post("/faults", { latency_ms: 0 })
        expect(slow.status).toBe(200)
        expect(slow.data.payment.figures).toMatchObject({ source: "recorded", note: expect.stringMatching(/no answer within 5 s/) })
        await knex()("payment").where({ id: payment.id }).update({ data: paymentData })

        const released = await api.post(`/admin/flexiti/payments/${payment.id}/release`, {}, admin)
        expect(released.data.payment.amounts).toMatchObject({ captured: "504.00", released: "756.00", remaining: "0.00" })
        expect(released.data.payment.flexiti.authorization_status).toBe("closed")
        expect(released.data.payment.release.state).toBe("released")
        expect(released.data.payment.can_release).toBe(false)
        expect(released.data.payment.history.map((h: any) => h.operation)).toContain("release")
        // Medusa records what Flexiti kept: the payment captured for 504, not canceled for 1260
        expect(released.data.payment.medusa).toMatchObject({ amount: "504.00", captured: "504.00", canceled_at: null, captured_at: expect.any(String) })

        const [authorization] = await flexiti.authorizationsFor(session.id)
        expect(authorization.status).toBe("closed")
        expect(authorization.released_amount).toBe(756)
        expect(authorization.captures.map((c) => c.amount)).toEqual([504])

        const orderFields = "fields=payment_status,*payment_collections,*payment_collections.payments"
        const medusaOrder = async () => (await api.get(`/admin/orders/${orderId}?${orderFields}`, admin)).data.order
        let order = await medusaOrder()
        expect(order.payment_status).toBe("captured")
        expect(order.payment_collections[0]).toMatchObject({ status: "completed", amount: 504, captured_amount: 504, refunded_amount: 0 })
        expect(order.payment_collections[0].payments[0]).toMatchObject({ amount: 504, canceled_at: null, captured_at: expect.any(String) })

        // Medusa agrees: no more captures (neither a new one nor Flexiti money), refunds of the captured part still work
        const capture = await call("post", `/admin/payments/${payment.id}/capture`, { amount: 10 }, admin)
        expect(capture.status).toBe(200)
        expect(capture.data.payment.captures.map((c: any) => c.amount)).toEqual([504])
        expect((await flexiti.authorizationsFor(session.id))[0].captures.map((c) => c.amount)).toEqual([504])
        const again = await call("post", `/admin/flexiti/payments/${payment.id}/release`, {}, admin)
        expect(again.status).toBe(400)
        expect(again.data.message).toMatch(/fully captured: nothing remains to release/)
        await api.post(`/admin/payments/${payment.id}/refund`, { amount: 100 }, admin)
        const after = await api.get(`/admin/flexiti/payments/${payment.id}`, admin)
        expect(after.data.payment.medusa).toMatchObject({ amount: "504.00", captured: "504.00", refunded: "100.00" })
        // the shopper's money back within Flexiti's return window is a return of the capture
        expect(after.data.payment.amounts).toMatchObject({ captured: "504.00", returned: "100.00", refunded: "0.00", released: "756.00", remaining: "0.00" })
        expect(flexiti.moneyBack((await flexiti.authorizationsFor(session.id))[0])).toEqual({ returns: [100], refunds: [] })
        order = await medusaOrder()
        expect(order.payment_status).toBe("partially_refunded")
        expect(order.payment_collections[0]).toMatchObject({ status: "completed", amount: 504, captured_amount: 504, refunded_amount: 100 })
      })

      it("releases an authorization nothing was captured from: Medusa's payment and collection are canceled", async () => {
        const { session, payment } = await placeOrder()
        const released = await api.post(`/admin/flexiti/payments/${payment.id}/release`, {}, admin)
        expect(released.data.payment.amounts).toMatchObject({ captured: "0.00", released: "1260.00", remaining: "0.00" })
        expect(released.data.payment.medusa).toMatchObject({ amount: "1260.00", captured_at: null, canceled_at: expect.any(String) })
        expect((await flexiti.authorizationsFor(session.id))[0]).toMatchObject({ status: "closed", released_amount: 1260, captured_amount: 0 })
        const { data } = await api.get(`/admin/payments/${payment.id}?fields=*payment_collection`, admin)
        expect(data.payment.payment_collection.status).toBe("canceled")
        const capture = await call("post", `/admin/payments/${payment.id}/capture`, { amount: 10 }, admin)
        expect(capture.status).toBe(400)
        expect(capture.data.message).toMatch(/has been canceled/)
        const again = await call("post", `/admin/flexiti/payments/${payment.id}/release`, {}, admin)
        expect(again.status).toBe(400)
        expect(again.data.message).toMatch(/already canceled/)
      })

      it("refuses a Medusa capture that reaches Flexiti after the remainder was released", async () => {
        const { session, payment } = await placeOrder()
        // As when the panel's release finished while this capture waited for the session's money
        // lock: the release is recorded, Medusa's payment not yet updated.
        await knex()("flexiti_checkout").where({ payment_session_id: session.id }).update({ release_state: "released" })
        const capture = await call("post", `/admin/payments/${payment.id}/capture`, { amount: 100 }, admin)
        expect(capture.status).toBe(400)
        expect(capture.data.message).toMatch(/the rest of this authorization was released; nothing more can be captured/)
        await knex()("flexiti_checkout").where({ payment_session_id: session.id }).update({ release_state: "pending" })
        const pending = await call("post", `/admin/payments/${payment.id}/capture`, { amount: 100 }, admin)
        expect(pending.status).toBe(400)
        expect(pending.data.message).toMatch(/is being released; nothing more can be captured/)
        expect((await flexiti.authorizationsFor(session.id))[0].captures).toEqual([])
        const { data } = await api.get(`/admin/payments/${payment.id}?fields=*captures`, admin)
        expect(data.payment.captures).toEqual([])
      })

      it("offers Flexiti only in provinces both allowed and synced", async () => {
        await api.post("/admin/flexiti/i18n/sync", {}, admin)
        for (const lang of ["en", "fr"]) {
          const [row] = await knex()("flexiti_i18n").where({ environment: "training", lang })
          const provinces = { ...row.provinces }
          delete provinces.ON
          await knex()("flexiti_i18n")
            .where({ id: row.id })
            .update({ provinces: JSON.stringify(provinces) })
        }
        const cartId = await cartReadyToPay()
        const refused = await call("post", "/store/flexiti/payment-sessions", { cart_id: cartId }, storeHeaders)
        expect(refused.status).toBe(400)
        expect(refused.data.message).toMatch(/ON/)
      })
    })
  },
})
