/**
 * Shared setup of the provider tests: the real Flexiti sandbox over loopback, a throwaway
 * PostgreSQL database holding the plugin's tables (built from the committed migrations) and
 * Medusa's payment tables and cart link (built by Medusa's own migrations, `medusa-tables.ts`), and
 * the widget checkout driven the way the store routes drive it (README "Store routes (for a storefront)", "How a payment maps onto Flexiti").
 */
import fs from "node:fs"
import path from "node:path"
import { randomBytes } from "node:crypto"
import axios from "axios"
import { knex as createKnex, Knex } from "@medusajs/framework/mikro-orm/knex"
import { RunningSandbox, SANDBOX_DEFAULT_CLIENT, SandboxFaults, startSandbox } from "../../../sandbox"
import { writeCheckout } from "../../../modules/flexiti/stores/checkout-store"
import { encryptSecret } from "../../../modules/flexiti/crypto"
import { FlexitiEnvironmentName } from "../../../lib/vocabulary"
import { signCheckoutContext } from "../../../lib/checkout-context"
import { FlexitiProviderOptions } from "../../../lib/config/provider-options"
import { FlexitiProviderService } from "../service"
import { choiceOf, fetchFinancingOffer, FinancingChoiceInput, findOffered, pgRecords, preselectedOption } from "../../../payments"
import { readCheckout } from "../../../modules/flexiti/stores/checkout-store"
import type { PaymentsDeps } from "../../../payments"
import { createMedusaTables } from "./medusa-tables"

export const TEST_ENCRYPTION_KEY = "5f0c1e2d3b4a59687766554433221100ffeeddccbbaa99887766554433221100"

const MIGRATIONS_DIR = path.resolve(__dirname, "../../../modules/flexiti/migrations")

function connection(database: string) {
  return {
    host: process.env.DB_HOST ?? "localhost",
    port: Number(process.env.DB_PORT ?? 5432),
    user: process.env.DB_USERNAME ?? "postgres",
    password: process.env.DB_PASSWORD ?? "",
    database,
  }
}

/** The SQL of every committed migration of the flexiti module, in order. */
async function migrationSql(): Promise<string[]> {
  const files = fs
    .readdirSync(MIGRATIONS_DIR)
    .filter((f) => /^Migration\d+\.ts$/.test(f))
    .sort()
  const sql: string[] = []
  for (const file of files) {
    const exported = (await import(path.join(MIGRATIONS_DIR, file))) as Record<
      string,
      new (...args: unknown[]) => { up(): Promise<void>; getQueries(): string[] }
    >
    const migration = new exported[file.replace(/\.ts$/, "")](undefined, undefined)
    await migration.up()
    sql.push(...migration.getQueries())
  }
  return sql
}

/** An amount as Medusa stores it: the numeric column and its raw BigNumber twin. */
const medusaAmount = (amount: number) => ({ amount, raw_amount: JSON.stringify({ value: String(amount), precision: 20 }) })

/** The provider id Medusa gives this plugin's provider (`pp_<identifier>_<id>`). */
const PROVIDER_ID = "pp_flexiti_flexiti"

/** Ids shaped like Medusa's (prefix + 26 characters), so Flexiti's 40-character references are exercised for real. */
const id = (prefix: string) => `${prefix}_${randomBytes(13).toString("hex").toUpperCase()}`

export type Ledger = {
  authorization_id: number
  client_id: string
  status: string
  amount: number
  captured_amount: number
  released_amount: number
  remaining_authorization_amount: number
  captures: { capture_id: number; amount: number; reference: string | null; returns: { amount: number }[]; refunds: { amount: number }[] }[]
  releases: { amount: number }[]
}

/**
 * One sandbox and one database per test file. Every checkout gets its own cart, payment
 * collection, session and Flexiti account, so tests do not share money.
 */
export function providerHarness() {
  let sandbox: RunningSandbox
  let admin: Knex
  let db: Knex
  const database = `flexiti_unit_${randomBytes(6).toString("hex")}`
  const savedKey = process.env.FLEXITI_ENCRYPTION_KEY
  let nextAccount = 20000000000000 + Math.floor(Math.random() * 1_000_000) * 1000

  beforeAll(async () => {
    process.env.FLEXITI_ENCRYPTION_KEY = TEST_ENCRYPTION_KEY
    sandbox = await startSandbox({ port: 0, quiet: true })
    admin = createKnex({ client: "pg", connection: connection("postgres") })
    await admin.raw(`create database "${database}"`)
    db = createKnex({ client: "pg", connection: connection(database), pool: { min: 0, max: 8 } })
    const { host, port, user, password } = connection(database)
    await createMedusaTables(`postgres://${encodeURIComponent(user)}:${encodeURIComponent(password)}@${host}:${port}/${database}`)
    for (const statement of await migrationSql()) await db.raw(statement)
  })

  afterEach(async () => {
    await control().delete("/faults")
  })

  afterAll(async () => {
    await db?.destroy()
    await admin?.raw(`drop database if exists "${database}" with (force)`)
    await admin?.destroy()
    await sandbox?.close()
    if (savedKey === undefined) delete process.env.FLEXITI_ENCRYPTION_KEY
    else process.env.FLEXITI_ENCRYPTION_KEY = savedKey
  })

  const control = () => axios.create({ baseURL: `${sandbox.url}/__sandbox`, validateStatus: () => true })

  async function controlCall<T = unknown>(method: "get" | "post" | "delete", url: string, body?: unknown): Promise<T> {
    const response = await control().request({ method, url, data: body })
    if (response.status !== 200) throw new Error(`sandbox control ${method} ${url}: ${response.status} ${JSON.stringify(response.data)}`)
    return response.data as T
  }

  const h = {
    get knex() {
      return db
    },
    get sandboxUrl() {
      return sandbox.url
    },

    /** Provider options pointing at the sandbox's default client (the merchant's credentials). */
    sandboxOptions(): FlexitiProviderOptions {
      return { client_id: SANDBOX_DEFAULT_CLIENT.client_id, client_secret: SANDBOX_DEFAULT_CLIENT.client_secret, pos_base_url: sandbox.url }
    },

    /** The provider as Medusa builds it: a cradle with the logger and the shared pg connection. */
    provider(options: FlexitiProviderOptions = h.sandboxOptions()) {
      const logger = { info: jest.fn(), warn: jest.fn(), error: jest.fn(), debug: jest.fn() }
      return new FlexitiProviderService({ logger: logger as never, __pg_connection__: db }, options)
    },

    faults: (faults: SandboxFaults) => controlCall("post", "/faults", faults),
    addClient: (client_id: string, client_secret: string) => controlCall("post", "/clients", { client_id, client_secret }),

    /** Flexiti's view of the authorizations of one session (its `reference`), from the sandbox ledger. */
    async ledger(reference: string, clientId = SANDBOX_DEFAULT_CLIENT.client_id): Promise<Ledger[]> {
      const query = new URLSearchParams({ client_id: clientId, reference })
      return (await controlCall<{ authorizations: Ledger[] }>("get", `/authorizations?${query}`)).authorizations
    },

    /** Settings → Flexiti as the admin saves them. */
    async saveSettings(values: { active_environment?: FlexitiEnvironmentName; auto_capture?: boolean }) {
      const existing = await db("flexiti_settings").first("id")
      if (existing) await db("flexiti_settings").update(values).where("id", existing.id)
      else await db("flexiti_settings").insert({ id: "flxset_default", ...values })
    },
    async saveCredentials(environment: FlexitiEnvironmentName, clientId: string, clientSecret: string) {
      await db("flexiti_credential").where({ environment }).delete()
      await db("flexiti_credential").insert({
        id: id("flxcred"),
        environment,
        client_id: clientId,
        client_secret_encrypted: encryptSecret(clientSecret),
        pos_base_url: sandbox.url,
      })
    },

    /** A Medusa payment session on a cart's payment collection, and the signed cart facts the store route would send. */
    async cartSession(overrides: { expiresInSeconds?: number; amount?: number } = {}) {
      const sessionId = id("payses")
      const collectionId = id("pay_col")
      const cartId = id("cart")
      const amount = overrides.amount ?? 0
      await db("payment_collection").insert({ id: collectionId, currency_code: "cad", ...medusaAmount(amount) })
      await db("payment_session").insert({
        id: sessionId,
        payment_collection_id: collectionId,
        currency_code: "cad",
        ...medusaAmount(amount),
        provider_id: PROVIDER_ID,
      })
      await db("cart_payment_collection").insert({ id: id("capaycol"), cart_id: cartId, payment_collection_id: collectionId })
      const signed = signCheckoutContext({
        cart_id: cartId,
        payment_collection_id: collectionId,
        expires_at: Math.floor(Date.now() / 1000) + (overrides.expiresInSeconds ?? 600),
        lang: "en",
        billing: { first_name: "Test", last_name: "Shopper", postal_code: "M5V 2T6" },
        is_guest: true,
        flow: "purchase",
      })
      return { sessionId, collectionId, cartId, signed }
    },

    /** The provider's settings in force (what the store routes resolve from the app container). */
    runtimeOf: (provider: FlexitiProviderService) => (provider as unknown as { deps(): PaymentsDeps }).deps().settings(),

    /**
     * initiatePayment as Medusa calls it, the shopper approving in Flexiti's widget with a fresh
     * account, and the widget result recorded as POST /store/flexiti/payment-sessions/:id/widget-result
     * does: the account kept encrypted, then the financing Flexiti offers it (calculate-interest).
     */
    async approvedCheckout(provider: FlexitiProviderService, amount: number, opts: { clientId?: string } = {}) {
      const cart = await h.cartSession({ amount })
      const accountNumber = nextAccount++
      await controlCall("post", "/accounts", { client_id: opts.clientId ?? SANDBOX_DEFAULT_CLIENT.client_id, account_number: accountNumber })
      const started = await provider.initiatePayment({ amount, currency_code: "cad", data: { ...cart.signed, session_id: cart.sessionId } })
      const approved = await controlCall<{ event: { eventData: Record<string, unknown> } }>("post", `/widget-sessions/${started.id}/approve`, {
        account_number: accountNumber,
      })
      const recorded = await writeCheckout(db, {
        payment_session_id: cart.sessionId,
        widget_result: { ...approved.event.eventData, accountNumber: null },
        account_number: String(accountNumber),
      })
      await fetchFinancingOffer({ config: await h.runtimeOf(provider), checkouts: pgRecords(db).checkouts, checkout: recorded })
      return { ...cart, accountNumber, widgetSessionId: started.id, initiated: started }
    },

    /**
     * The shopper's choice as POST /store/flexiti/payment-sessions/:id/financing records it: the
     * given option, or the one the picker preselects. Throws when Flexiti did not offer it.
     */
    async choose(sessionId: string, choice?: FinancingChoiceInput) {
      const checkout = (await readCheckout(db, sessionId))!
      const options = checkout.financing_options?.options ?? []
      const option = choice ? findOffered(checkout.financing_options, choice) : preselectedOption(options, {})
      if (!option) throw new Error(`not offered: ${JSON.stringify(choice)}`)
      await writeCheckout(db, { payment_session_id: sessionId, financing_choice: choiceOf(option) })
      return option
    },

    /** An approved checkout with a chosen plan, authorized by the provider; `paymentId` is the Medusa payment an order holds. */
    async authorizedPayment(
      provider: FlexitiProviderService,
      amount: number,
      opts: { clientId?: string; withPayment?: boolean; choice?: FinancingChoiceInput } = {}
    ) {
      const checkout = await h.approvedCheckout(provider, amount, opts)
      await h.choose(checkout.sessionId, opts.choice)
      const authorized = await provider.authorizePayment({ data: { session_id: checkout.sessionId }, context: { idempotency_key: checkout.sessionId } })
      const paymentId = opts.withPayment === false ? id("pay") : await h.paymentRow(checkout, amount)
      return { ...checkout, authorized, paymentId, data: { session_id: checkout.sessionId } }
    },

    /** The Medusa payment row of a session (Medusa writes it once the provider authorized the session). */
    async paymentRow(session: { sessionId: string; collectionId: string }, amount: number) {
      const paymentId = id("pay")
      await db("payment").insert({
        id: paymentId,
        payment_session_id: session.sessionId,
        payment_collection_id: session.collectionId,
        currency_code: "cad",
        provider_id: PROVIDER_ID,
        ...medusaAmount(amount),
      })
      return paymentId
    },

    /** A Medusa capture row (Medusa writes it before calling the provider) and its id. */
    async captureRow(paymentId: string, amount: number) {
      const captureId = id("capt")
      await db("capture").insert({ id: captureId, payment_id: paymentId, ...medusaAmount(amount) })
      return captureId
    },
    async refundRow(paymentId: string, amount: number) {
      const refundId = id("ref")
      await db("refund").insert({ id: refundId, payment_id: paymentId, ...medusaAmount(amount) })
      return refundId
    },
    /** Medusa deletes its capture or refund row when the provider throws. */
    dropRow: (table: "capture" | "refund", rowId: string) => db(table).update({ deleted_at: new Date() }).where({ id: rowId }),

    async capture(provider: FlexitiProviderService, payment: { paymentId: string; data: Record<string, unknown> }, amount: number, captureId?: string) {
      const key = captureId ?? (await h.captureRow(payment.paymentId, amount))
      return { captureId: key, result: await provider.capturePayment({ data: payment.data, context: { idempotency_key: key } }) }
    },
    async refund(provider: FlexitiProviderService, payment: { paymentId: string; data: Record<string, unknown> }, amount: number, refundId?: string) {
      const key = refundId ?? (await h.refundRow(payment.paymentId, amount))
      return { refundId: key, result: await provider.refundPayment({ amount, data: payment.data, context: { idempotency_key: key } }) }
    },

    /** A capture or refund the provider throws on; Medusa then deletes its row and may retry under a new id. */
    async failedAttempt(
      kind: "capture" | "refund",
      provider: FlexitiProviderService,
      payment: { paymentId: string; data: Record<string, unknown> },
      amount: number
    ) {
      const rowId = kind === "capture" ? await h.captureRow(payment.paymentId, amount) : await h.refundRow(payment.paymentId, amount)
      await expect(h[kind](provider, payment, amount, rowId)).rejects.toThrow()
      await h.dropRow(kind, rowId)
      return rowId
    },

    /** Flexiti paths the faults target. */
    paths: {
      capture: (authorizationId: number) => `/authorization/${authorizationId}/capture`,
      release: (authorizationId: number) => `/authorization/${authorizationId}/release`,
      authorization: (authorizationId: number) => `/authorization/${authorizationId}`,
    },
    /**
     * A fail_next rule: the money movement's first GET authorization passes, the re-read after
     * it fails (with the client's retries of a read: 3 attempts).
     */
    failedReread: (authorizationId: number) => ({
      path_contains: `/authorization/${authorizationId}`,
      method: "GET",
      status: 503,
      skip: 1,
      times: 3,
    }),
  }
  return h
}

export type ProviderHarness = ReturnType<typeof providerHarness>
