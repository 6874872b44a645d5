/**
 * Browser-side checks of the Flexiti widget's postMessage events, without zod in the bundle.
 * `parseWidgetMessage` mirrors `widgetMessageSchema` (src/flexiti/schemas/pos.ts); a unit test
 * runs both on the same samples.
 */

export interface WidgetSuccessEventData {
  accountNumber: number | null
  verified: boolean
  action: "apply" | "purchase" | "activation" | "retry" | null
  mfaOptionSelected?: "sms" | "email" | "security_question" | "security_answer" | null
  widget_session_id: string
  customerId?: string | null
  accountType?: "business" | "consumer" | null
}
export interface WidgetFailureEventData {
  error: number
  message: string
}
export type WidgetMessage =
  | { eventType: "flx-success"; eventData: WidgetSuccessEventData }
  | { eventType: "flx-failure"; eventData: WidgetFailureEventData }
  | { eventType: "flx-cancel"; eventData?: unknown }

type Obj = Record<string, unknown>

const isObj = (v: unknown): v is Obj => typeof v === "object" && v !== null && !Array.isArray(v)
const isInt = (v: unknown): v is number => typeof v === "number" && Number.isSafeInteger(v)
const oneOf = (v: unknown, values: readonly unknown[]) => values.includes(v)
/** value allowed when it is null (nullable) or missing (optional) */
const opt = (o: Obj, key: string, ok: (v: unknown) => boolean) => o[key] === undefined || o[key] === null || ok(o[key])

const ACTIONS = ["apply", "purchase", "activation", "retry"]
const MFA = ["sms", "email", "security_question", "security_answer"]
const ACCOUNT_TYPES = ["business", "consumer"]

function successData(d: unknown): WidgetSuccessEventData | undefined {
  if (!isObj(d)) return
  const { accountNumber: n, verified, action, widget_session_id: id } = d
  if (!(n === null || (isInt(n) && n > 0))) return
  if (typeof verified !== "boolean") return
  if (!(action === null || oneOf(action, ACTIONS))) return
  if (typeof id !== "string" || !id) return
  if (!opt(d, "mfaOptionSelected", (v) => oneOf(v, MFA))) return
  if (!opt(d, "customerId", (v) => typeof v === "string")) return
  if (!opt(d, "accountType", (v) => oneOf(v, ACCOUNT_TYPES))) return
  const out: Obj = { accountNumber: n, verified, action, widget_session_id: id }
  for (const k of ["mfaOptionSelected", "customerId", "accountType"]) if (k in d && d[k] !== undefined) out[k] = d[k]
  return out as unknown as WidgetSuccessEventData
}

/** The widget message in `data`, or undefined when its shape is not one Flexiti sends. */
export function parseWidgetMessage(data: unknown): WidgetMessage | undefined {
  if (!isObj(data)) return
  const { eventType: type, eventData: d } = data
  if (type === "flx-success") {
    const eventData = successData(d)
    return eventData && { eventType: type, eventData }
  }
  if (type === "flx-failure") {
    return isObj(d) && isInt(d.error) && typeof d.message === "string" ? { eventType: type, eventData: { error: d.error, message: d.message } } : undefined
  }
  if (type === "flx-cancel") return "eventData" in data ? { eventType: type, eventData: d } : { eventType: type }
}

/** The origin messages must come from: the one given, else the origin of `redirectionUrl`. */
export function expectedOriginOf(redirectionUrl: string, expectedOrigin?: string): string {
  return new URL(expectedOrigin || redirectionUrl).origin
}

/** Exact origin match ("https://a.b" vs "https://a.b:443" are normalised by URL parsing). */
export function isTrustedOrigin(origin: string, expected: string): boolean {
  if (!origin || origin === "null") return false
  try {
    return new URL(origin).origin === new URL(expected).origin
  } catch {
    return false
  }
}

/**
 * What a widget's flx-failure means for the shopper. After an application in the widget,
 * Flexiti's apply codes arrive as the message (docs/sandbox.md, "Flexiti's test applicants"):
 * `application_declined…` is a decline, `application_marked_pending…` a review in progress.
 */
export function widgetFailureKind(message: string): "declined" | "pending" | "other" {
  if (/^application_declined/.test(message)) return "declined"
  if (/^application_marked_pending/.test(message)) return "pending"
  return "other"
}
