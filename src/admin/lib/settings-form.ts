/**
 * The Checkout settings form: what it edits, what it sends, and the checks that let it say
 * next to a field why a value cannot be saved before asking the server.
 */
import { FlexitiSettings, toCents } from "./flexiti-api"

/** The fields the admin edits; `POST /admin/flexiti/settings` is sent exactly these (never id or dates). */
export type EditableSettings = Pick<
  FlexitiSettings,
  "flow" | "auto_capture" | "default_lang" | "min_amount" | "max_amount" | "allowed_provinces" | "storefront_origins"
>

export interface SettingsDraft extends Omit<EditableSettings, "storefront_origins"> {
  /** one origin a line, as typed */
  origins: string
}

export type SettingsErrors = Partial<Record<keyof SettingsDraft, string>>

/** How the form labels each field (also used to word the server's refusals). */
export const SETTINGS_LABELS: Record<keyof EditableSettings, string> = {
  flow: "Flow",
  auto_capture: "Capture at checkout",
  default_lang: "Default language",
  min_amount: "Minimum order",
  max_amount: "Maximum order",
  allowed_provinces: "Allowed provinces",
  storefront_origins: "Storefront origins",
}

export function draftOf(settings: FlexitiSettings): SettingsDraft {
  return {
    flow: settings.flow,
    auto_capture: settings.auto_capture,
    default_lang: settings.default_lang,
    min_amount: settings.min_amount,
    max_amount: settings.max_amount,
    allowed_provinces: [...settings.allowed_provinces],
    origins: settings.storefront_origins.join("\n"),
  }
}

function originProblem(line: string): string | undefined {
  let url: URL
  try {
    url = new URL(line)
  } catch {
    return `"${line}" is not a web address; enter it in full, e.g. https://shop.example.ca`
  }
  if (url.protocol !== "https:" && url.protocol !== "http:") return `"${line}" must start with https://`
  if ((url.pathname !== "/" && url.pathname !== "") || url.search || url.hash || url.username) {
    return `"${line}" has more than the origin: keep only ${url.origin}`
  }
  return undefined
}

const AMOUNT_HINT = "Enter an amount in dollars with at most 2 decimals, e.g. 100.00"

/** The body to send, or the reason per field why the draft cannot be saved. */
export function checkDraft(draft: SettingsDraft): { body: EditableSettings; errors: SettingsErrors } {
  const errors: SettingsErrors = {}
  const min = toCents(draft.min_amount)
  const max = toCents(draft.max_amount)
  if (min === null) errors.min_amount = AMOUNT_HINT
  if (max === null) errors.max_amount = AMOUNT_HINT
  if (min !== null && max !== null && min > max) errors.max_amount = "Must be at least the minimum order"
  if (draft.allowed_provinces.length === 0) errors.allowed_provinces = "Pick at least one province"
  const origins = draft.origins
    .split(/[\s,]+/)
    .map((s) => s.trim())
    .filter(Boolean)
  const originError = origins.map(originProblem).find(Boolean)
  if (originError) errors.origins = originError
  return {
    errors,
    body: {
      flow: draft.flow,
      auto_capture: draft.auto_capture,
      default_lang: draft.default_lang,
      min_amount: draft.min_amount.trim(),
      max_amount: draft.max_amount.trim(),
      allowed_provinces: draft.allowed_provinces,
      storefront_origins: origins,
    },
  }
}
