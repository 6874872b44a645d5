/**
 * Row <-> value mapping shared by the module service and the Medusa-free reader, so both
 * store and read the same shapes (encrypted token, JSON columns, defaults).
 * No Medusa imports.
 */
import {
  FLEXITI_SETTINGS_DEFAULTS,
  FlexitiCheckoutState,
  FlexitiCheckoutWrite,
  FlexitiSettingsValues,
  FlexitiStoredToken,
} from "./constants"
import { decryptJson, encryptJson } from "./crypto"

type Row = Record<string, unknown>

function parseJson<T>(value: unknown): T | null {
  if (value === null || value === undefined) {
    return null
  }
  if (typeof value === "string") {
    try {
      return JSON.parse(value) as T
    } catch {
      return null
    }
  }
  return value as T
}

function stringList(value: unknown, fallback: string[]): string[] {
  const parsed = parseJson<unknown>(value)
  return Array.isArray(parsed) ? parsed.filter((v): v is string => typeof v === "string") : [...fallback]
}

/** A settings row (from the ORM or raw SQL) → plain settings values, defaults filling gaps. */
export function settingsRowToValues(row: Row | undefined | null): FlexitiSettingsValues {
  const D = FLEXITI_SETTINGS_DEFAULTS
  if (!row) {
    return { ...D, allowed_provinces: [...D.allowed_provinces], storefront_origins: [...D.storefront_origins] }
  }
  return {
    active_environment: (row.active_environment as FlexitiSettingsValues["active_environment"]) ?? D.active_environment,
    flow: (row.flow as FlexitiSettingsValues["flow"]) ?? D.flow,
    auto_capture: typeof row.auto_capture === "boolean" ? row.auto_capture : D.auto_capture,
    default_lang: (row.default_lang as FlexitiSettingsValues["default_lang"]) ?? D.default_lang,
    min_amount: typeof row.min_amount === "string" ? row.min_amount : D.min_amount,
    max_amount: typeof row.max_amount === "string" ? row.max_amount : D.max_amount,
    allowed_provinces: stringList(row.allowed_provinces, D.allowed_provinces),
    storefront_origins: stringList(row.storefront_origins, D.storefront_origins),
  }
}

/** A checkout row → state with the customer token decrypted (needs the key if a token is stored). */
export function checkoutRowToState(row: Row, key?: Buffer | string): FlexitiCheckoutState {
  const encrypted = row.customer_token_encrypted as string | null | undefined
  return {
    id: row.id as string,
    payment_session_id: row.payment_session_id as string,
    flow: row.flow as FlexitiCheckoutState["flow"],
    environment: row.environment as FlexitiCheckoutState["environment"],
    reference_id: row.reference_id as string,
    widget_session_id: (row.widget_session_id as string | null) ?? null,
    customer_token: encrypted ? decryptJson<FlexitiStoredToken>(encrypted, key) : null,
    widget_result: parseJson<Record<string, unknown>>(row.widget_result),
    online_order_id: (row.online_order_id as string | null) ?? null,
    authorization_id: (row.authorization_id as string | null) ?? null,
    cart_id: (row.cart_id as string | null) ?? null,
    amount: (row.amount as string | null) ?? null,
    account_number: row.account_number_encrypted ? decryptJson<string>(row.account_number_encrypted as string, key) : null,
    release_state: (row.release_state as FlexitiCheckoutState["release_state"]) ?? null,
    release_error: (row.release_error as string | null) ?? null,
    authorization_attempted_at: row.authorization_attempted_at ? toDate(row.authorization_attempted_at) : null,
    in_review_since: row.in_review_since ? toDate(row.in_review_since) : null,
    created_at: toDate(row.created_at),
    updated_at: toDate(row.updated_at),
  }
}

function toDate(value: unknown): Date {
  return value instanceof Date ? value : new Date(value as string)
}

/**
 * The columns a checkout write sets (payment_session_id excluded): undefined fields are left
 * out, the token is encrypted. `widget_result` stays an object (the caller serialises it for
 * raw SQL).
 */
export function checkoutWriteToColumns(
  write: FlexitiCheckoutWrite,
  key?: Buffer | string
): Record<string, unknown> {
  const columns: Record<string, unknown> = {}
  const copy = [
    "flow",
    "environment",
    "reference_id",
    "widget_session_id",
    "widget_result",
    "online_order_id",
    "authorization_id",
    "cart_id",
    "amount",
    "release_state",
    "release_error",
    "authorization_attempted_at",
    "in_review_since",
  ] as const
  for (const name of copy) {
    if (write[name] !== undefined) {
      columns[name] = write[name]
    }
  }
  if (write.customer_token !== undefined) {
    columns.customer_token_encrypted =
      write.customer_token === null ? null : encryptJson(write.customer_token, key)
  }
  if (write.account_number !== undefined) {
    columns.account_number_encrypted =
      write.account_number === null ? null : encryptJson(write.account_number, key)
  }
  return columns
}
