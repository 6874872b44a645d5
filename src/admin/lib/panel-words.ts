/**
 * How the order panel says amounts, statuses and operations: amounts as Medusa's order page shows
 * them ("$1,260.00 CAD"), Flexiti's and the plugin's codes in words.
 */

/** "1260.5" in `currency` → "$1,260.50 CAD", from the decimal string (no float arithmetic). */
export function formatAmount(value: string | number | null | undefined, currency: string): string {
  const m = /^(-?)(\d+)(?:\.(\d+))?$/.exec(String(value ?? "0").trim())
  if (!m) return `${value} ${currency.toUpperCase()}`
  const whole = m[2].replace(/^0+(?=\d)/, "").replace(/\B(?=(\d{3})+(?!\d))/g, ",")
  const cents = (m[3] ?? "").padEnd(2, "0").slice(0, 2)
  return `${m[1]}$${whole}.${cents} ${currency.toUpperCase()}`
}

const STATUS_WORDS: Record<string, string> = {
  opened: "Open",
  open: "Open",
  approved: "Approved",
  captured: "Captured",
  partially_captured: "Partly captured",
  closed: "Closed",
  released: "Released",
  cancelled: "Cancelled",
  canceled: "Cancelled",
  expired: "Expired",
  declined: "Declined",
  pending: "Pending",
}

/** A status code in words: known ones by name, others with the underscores spaced and a capital. */
export function statusWords(code: string): string {
  return STATUS_WORDS[code.toLowerCase()] ?? sentenceCase(code)
}

const OPERATION_WORDS: Record<string, string> = {
  authorize: "Authorization",
  capture: "Capture",
  return: "Return",
  account_refund: "Refund to account",
  release: "Release",
  reconcile_review: "Review decided (reconciliation)",
  reconcile_recover: "Lost authorization found (reconciliation)",
  reconcile_release: "Unused authorization released (reconciliation)",
  reconcile_flag: "Flagged for review (reconciliation)",
  account_refund_resolved: "Unanswered refund resolved by an admin",
  return_resolved: "Unanswered return resolved by an admin",
}

export function operationWords(operation: string): string {
  return OPERATION_WORDS[operation] ?? sentenceCase(operation)
}

function sentenceCase(code: string): string {
  const text = code.replace(/[_-]+/g, " ").trim()
  return text ? text[0].toUpperCase() + text.slice(1) : code
}

const FLOW_WORDS: Record<string, string> = { hosted: "Online (hosted page)", widget: "In-page widget" }

/** How the shopper went through Flexiti. */
export function flowWords(flow: string | null | undefined): string {
  return flow ? (FLOW_WORDS[flow] ?? sentenceCase(flow)) : "—"
}

const REFUND_KIND_WORDS: Record<string, string> = { return: "Return", account_refund: "Refund to account" }

export function refundKindWords(kind: string): string {
  return REFUND_KIND_WORDS[kind] ?? sentenceCase(kind)
}

/** A date and time as the admin's browser shows them, or "—". */
export function dateTimeWords(value: string | null | undefined): string {
  if (!value) return "—"
  const date = new Date(value)
  return Number.isNaN(date.getTime()) ? "—" : date.toLocaleString()
}
