/**
 * Calls to the Medusa store API with `fetch` (or an optional @medusajs/js-sdk instance), and the
 * pure handling of the Flexiti store routes' answers.
 */
import { flexitiText, formatCad } from "./i18n"
import type { StoreCalculatorAnswer, StoreEligibilityAnswer, StoreEligibilityReason } from "./store-answers"

/** The part of a `@medusajs/js-sdk` `Medusa` instance used here (`sdk.client.fetch`). */
export interface MedusaSdkLike {
  client: { fetch<T>(path: string, init?: { method?: string; body?: unknown; query?: Record<string, unknown> }): Promise<T> }
}

export interface FlexitiStoreOptions {
  /** Medusa backend URL, e.g. https://api.shop.ca (ignored when `sdk` is given) */
  baseUrl?: string
  publishableKey?: string
  /** use this JS SDK instance (its base URL, key and auth) instead of fetch */
  sdk?: MedusaSdkLike
  fetch?: typeof fetch
}

export class FlexitiStoreError extends Error {
  constructor(
    message: string,
    readonly status?: number,
    readonly network = false
  ) {
    super(message)
    this.name = "FlexitiStoreError"
  }
}

/** GET when body is undefined, POST otherwise; Medusa's `{ message }` becomes the error message. */
export async function storeRequest<T>(options: FlexitiStoreOptions, path: string, body?: unknown): Promise<T> {
  const method = body === undefined ? "GET" : "POST"
  if (options.sdk) {
    try {
      return await options.sdk.client.fetch<T>(path, { method, body })
    } catch (e) {
      const err = e as { message?: string; status?: number }
      throw new FlexitiStoreError(err.message || "Request failed", err.status, err.status === undefined)
    }
  }
  if (!options.baseUrl) throw new FlexitiStoreError("baseUrl (the Medusa backend URL) is required")
  const headers: Record<string, string> = { accept: "application/json" }
  if (options.publishableKey) headers["x-publishable-api-key"] = options.publishableKey
  if (body !== undefined) headers["content-type"] = "application/json"
  let res: Response
  try {
    res = await (options.fetch ?? fetch)(options.baseUrl.replace(/\/+$/, "") + path, {
      method,
      headers,
      body: body === undefined ? undefined : JSON.stringify(body),
    })
  } catch (e) {
    throw new FlexitiStoreError((e as Error).message || "Network error", undefined, true)
  }
  const json = (await res.json().catch(() => ({}))) as T & { message?: string }
  if (!res.ok) throw new FlexitiStoreError(json.message || `HTTP ${res.status}`, res.status)
  return json
}

/* ----------------------------- calculator ----------------------------- */

/**
 * What fetchCalculator resolves: the route's answer, or `{ available: false }` made here when the
 * amount is not positive or the route could not be reached (the line stays hidden).
 */
export type CalculatorAnswer = StoreCalculatorAnswer | { available: false; reason: "below_minimum" | "network" | "error"; amount?: undefined }

/** The "as low as" line for an answer of GET /store/flexiti/calculator, or null when it must stay hidden. */
export function asLowAsText(answer: CalculatorAnswer | null | undefined, lang: string | undefined): string | null {
  if (!answer || answer.available !== true) return null
  // Quebec gets no monthly amount, and neither does an answer Flexiti was too slow for: "financing available"
  if (answer.quebec || answer.monthly_payment === null) return flexitiText(lang, "quebec")
  const months = Number(answer.months)
  const monthly = Number(answer.monthly_payment)
  if (!Number.isInteger(months) || months <= 0 || !(monthly > 0)) return null
  return flexitiText(lang, "asLowAs", { amount: formatCad(monthly, lang), months })
}

export function calculatorPath(amount: number | string, lang?: string, province?: string): string {
  const q = new URLSearchParams({ amount: String(amount) })
  if (lang) q.set("lang", lang)
  if (province) q.set("province", province)
  return `/store/flexiti/calculator?${q}`
}

/** GET /store/flexiti/calculator; network or server errors give `{ available: false }` (the line stays hidden). */
export async function fetchCalculator(options: FlexitiStoreOptions & { amount: number | string; lang?: string; province?: string }): Promise<CalculatorAnswer> {
  // the route takes dollars with at most 2 decimals
  const amount = Math.round(Number(options.amount) * 100) / 100
  if (!(amount > 0)) return { available: false, reason: "below_minimum" }
  try {
    return await storeRequest<StoreCalculatorAnswer>(options, calculatorPath(amount.toFixed(2), options.lang, options.province))
  } catch (e) {
    return { available: false, reason: (e as FlexitiStoreError).network ? "network" : "error" }
  }
}

/* ----------------------------- eligibility ----------------------------- */

export type EligibilityReason = StoreEligibilityReason
export type EligibilityAnswer = StoreEligibilityAnswer

/** The reasons of an eligibility answer in the shopper's language. */
export function eligibilityMessages(answer: EligibilityAnswer, lang: string | undefined): string[] {
  const fr = String(lang ?? "")
    .toLowerCase()
    .startsWith("fr")
  return (answer.reasons ?? []).map((r) => (fr ? r.message_fr : r.message_en) || r.code)
}

export function fetchEligibility(options: FlexitiStoreOptions & { cartId: string }): Promise<EligibilityAnswer> {
  return storeRequest<EligibilityAnswer>(options, `/store/flexiti/eligibility?cart_id=${encodeURIComponent(options.cartId)}`)
}
