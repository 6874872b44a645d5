/**
 * The store and admin routes' answers are defined once (src/storefront/store-answers.ts,
 * src/api-types/admin.ts) and read as such by the storefront kit and the admin UI. This file
 * fails `tsc -p tsconfig.tests.json` when what the server builds stops being exactly that type
 * (a field added, removed, renamed or retyped on either side), and fails at run time when an
 * answer carries keys its type does not declare (a spread of a wider object).
 */
import type { MedusaContainer } from "@medusajs/framework/types"
import type { Dollars } from "../../lib/money"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import type * as Admin from "../admin"
import type * as Store from "../../storefront/store-answers"
import type * as AdminUi from "../../admin/lib/flexiti-api"
import type * as Kit from "../../storefront"
import type { FlexitiI18nSnapshot, FlexitiI18nSyncRow, FlexitiCheckoutState } from "../../modules/flexiti/types"
import type { flexitiPaymentSummary, resolveUnansweredRefundOfPayment } from "../../payments"
import type { CalculatorAnswer } from "../../api/store/flexiti/calculator/route"
import { financingView } from "../../api/store/flexiti/financing-view"
import { publicSession } from "../../api/store/flexiti/payment-sessions/route"
import { credentialView, settingsView } from "../../api/admin/flexiti/lib/settings-view"
import { trustUrls } from "../../api/admin/flexiti/lib/trust-urls"

/** true only when A and B are the same type (not merely assignable either way). */
type Equals<A, B> = (<T>() => T extends A ? 1 : 2) extends <T>() => T extends B ? 1 : 2 ? true : false

/** What a value becomes on the wire (res.json): dates are ISO strings, money (`Dollars`, a branded string) a string; intersections read as one object. */
type Json<T> = T extends Date ? string : T extends Dollars ? string : T extends (infer U)[] ? Json<U>[] : T extends object ? { [K in keyof T]: Json<T[K]> } : T

/** Same shape on the wire. */
type Wire<A, B> = Equals<Json<A>, Json<B>>

type Returned<F extends (...args: never[]) => unknown> = Awaited<ReturnType<F>>

/* ---------------- server: what the routes build is exactly the shared type ---------------- */

const serverStore: [
  Wire<Returned<typeof financingView>, Store.StoreFinancing>,
  Wire<ReturnType<typeof publicSession>, Store.StorePaymentSession>,
  Wire<CalculatorAnswer, Store.StoreCalculatorAnswer>,
] = [true, true, true]

const serverAdmin: [
  Wire<Returned<typeof settingsView>, Admin.SettingsView>,
  Wire<{ credentials: ReturnType<typeof credentialView> }, Admin.CredentialsAnswer>,
  Wire<ReturnType<typeof trustUrls>, Admin.TrustUrls>,
  Wire<{ i18n: FlexitiI18nSnapshot }, Admin.I18nAnswer>,
  Wire<{ ok: boolean; sync: FlexitiI18nSyncRow; i18n: FlexitiI18nSnapshot }, Admin.I18nSyncAnswer>,
  Wire<Returned<typeof flexitiPaymentSummary>, Admin.PaymentSummaryAnswer>,
  Wire<{ resolved: Returned<typeof resolveUnansweredRefundOfPayment> } & Returned<typeof flexitiPaymentSummary>, Admin.ResolveRefundAnswer>,
] = [true, true, true, true, true, true, true]

/* ---------------- clients: their public names are the shared types ---------------- */

const clients: [
  Equals<Kit.FlexitiFinancing, Store.StoreFinancing>,
  Equals<Kit.FlexitiFinancingOption, Store.StoreFinancingOption>,
  Equals<Kit.FlexitiFinancingFee, Store.StoreFinancingFee>,
  Equals<Kit.EligibilityAnswer, Store.StoreEligibilityAnswer>,
  Equals<Exclude<Kit.CalculatorAnswer, { reason: "network" | "error" } | { amount?: undefined }>, Store.StoreCalculatorAnswer>,
  Equals<AdminUi.SettingsView, Admin.SettingsView>,
  Equals<AdminUi.PaymentSummary, Admin.PaymentSummary>,
  Equals<AdminUi.ResolveRefundAnswer, Admin.ResolveRefundAnswer>,
  Equals<AdminUi.TestConnectionResult, Admin.TestConnectionResult>,
  Equals<AdminUi.ReconcileReport, Admin.ReconcileRun>,
] = [true, true, true, true, true, true, true, true, true, true]

/**
 * Every key of T, listed at run time: a key missing from the record, or one T does not have,
 * fails to compile, so the list cannot fall behind the type.
 */
function keysOf<T>() {
  return <R extends Record<keyof T, true>>(record: R & Record<Exclude<keyof R, keyof T>, never>): string[] => Object.keys(record).sort()
}

const FINANCING_KEYS = keysOf<Store.StoreFinancing>()({
  payment_session_id: true,
  amount: true,
  lang: true,
  options: true,
  preselected: true,
  chosen: true,
  disclosures: true,
  disclosures_synced: true,
})
const OPTION_KEYS = keysOf<Store.StoreFinancingOption>()({
  key: true,
  transaction_type: true,
  plan_id: true,
  term: true,
  label: true,
  transaction_type_label: true,
  monthly_amount: true,
  months: true,
  total: true,
  annual_rate: true,
  fees: true,
  within_available_credit: true,
})
const FEE_KEYS = keysOf<Store.StoreFinancingFee>()({ description: true, amount: true, type: true, message: true })
const SESSION_KEYS = keysOf<Store.StorePaymentSession>()({ id: true, provider_id: true, status: true, amount: true, data: true })
const SESSION_DATA_KEYS = keysOf<Store.StorePaymentSession["data"]>()({
  flow: true,
  redirection_url: true,
  modal_origin: true,
  widget_session_id: true,
  online_order_id: true,
  reference_id: true,
  lang: true,
  amount: true,
  expires_at: true,
})
const CREDENTIAL_KEYS = keysOf<Admin.CredentialStatus>()({
  environment: true,
  client_id: true,
  secret_set: true,
  secret_set_at: true,
  secret_readable: true,
  pos_base_url: true,
  online_base_url: true,
  managed_by_environment: true,
  development_endpoint: true,
})
const TRUST_URLS_KEYS = keysOf<Admin.TrustUrls>()({ environment: true, portal_url: true, source: true, origins: true, all_ok: true })

/** A container holding only what financingView reads: no synced labels, no provider options. */
function containerWithoutLabels(): MedusaContainer {
  const knex = () => ({ select: () => ({ where: () => ({ whereNull: async () => [] }) }) })
  return {
    resolve: (key: string) => {
      if (key === ContainerRegistrationKeys.PG_CONNECTION) return knex
      throw new Error(`not registered: ${key}`)
    },
  } as unknown as MedusaContainer
}

describe("the routes' answers are the shared types", () => {
  it("holds at compile time (tsc -p tsconfig.tests.json)", () => {
    expect([...serverStore, ...serverAdmin, ...clients].every((held) => held === true)).toBe(true)
  })

  it("a checkout's financing carries exactly the keys of StoreFinancing and StoreFinancingOption", async () => {
    const checkout = {
      payment_session_id: "payses_1",
      environment: "training",
      cart_id: null,
      amount: "1250.00",
      financing_choice: null,
      financing_options: {
        amount: "1250.00",
        fetched_at: "2026-01-01T00:00:00.000Z",
        available_credit: "5000.00",
        options: [
          {
            transaction_type: "promotional_purchase",
            plan_id: 5,
            term: 12,
            monthly_amount: "104.17",
            total: "1250.00",
            annual_rate: 0,
            fees: [{ description: "Fee", amount: "0.00", type: "admin", message: null }],
            plan_name: "12 months, no interest",
          },
        ],
      },
    } as unknown as FlexitiCheckoutState
    const view = await financingView(containerWithoutLabels(), checkout, "en")
    expect(Object.keys(view).sort()).toEqual(FINANCING_KEYS)
    expect(view.options).toHaveLength(1)
    expect(Object.keys(view.options[0]).sort()).toEqual(OPTION_KEYS)
    expect(Object.keys(view.options[0].fees[0]).sort()).toEqual(FEE_KEYS)
    expect(view.options[0].key).toBe("promotional_purchase:5:12")
  })

  it("a started session carries exactly the keys of StorePaymentSession, whatever else the session data holds", () => {
    const answer = publicSession({
      id: "payses_1",
      status: "pending",
      amount: 1250,
      data: { flow: "widget", redirection_url: "https://example.test/w", customer_token: "never sent", account_number: "never sent" },
    })
    expect(Object.keys(answer).sort()).toEqual(SESSION_KEYS)
    expect(Object.keys(answer.data).sort()).toEqual(SESSION_DATA_KEYS)
  })

  it("a credential status and the trust URLs carry exactly the keys of their admin types", () => {
    const status = credentialView(
      {
        environment: "training",
        client_id: "client",
        secret_set: true,
        secret_set_at: new Date(0),
        secret_readable: true,
        pos_base_url: null,
        online_base_url: null,
      },
      false
    )
    expect(Object.keys(status).sort()).toEqual(CREDENTIAL_KEYS)
    const trust = trustUrls({ environment: "training", storefrontOrigins: ["https://shop.example"] })
    expect(Object.keys(trust).sort()).toEqual(TRUST_URLS_KEYS)
  })
})
