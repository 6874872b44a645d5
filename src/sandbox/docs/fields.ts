import { isDollarAmount } from "../cents"
import type { FieldError } from "../field-error"

/**
 * A request field as Flexiti's endpoint tables describe it: where it sits, its type and length
 * ("ASCII string (40)", "number (14)", "number (18,2)") and whether the Required column says Yes
 * (or "Yes if …", a condition on the rest of the body). A field whose Required column is blank
 * is optional here: where the docs are silent the sandbox is lenient.
 */
export type FieldType = "string" | "integer" | "amount" | "decimal" | "number" | "boolean" | "date" | "object" | "array"

export type Body = Record<string, unknown>

export interface FieldSpec {
  /** dotted path, e.g. financing_option.plan_id */
  path: string
  type: FieldType
  required?: true | ((body: Body) => boolean)
  /** ASCII (n) for strings, number (n) digits for integers, the precision of a decimal (12 for "(12,2)") */
  max?: number
  /** documented values; `caseInsensitive` when the docs show several spellings */
  values?: readonly string[]
  caseInsensitive?: boolean
}

/** A documented rule across fields ("one of three if flow=purchase"); returns the errors it finds. */
export type BodyRule = (body: Body) => FieldError[]

export interface RequestSpec {
  fields: readonly FieldSpec[]
  rules?: readonly BodyRule[]
}

export function valueAt(body: unknown, path: string): unknown {
  let current: unknown = body
  for (const key of path.split(".")) {
    if (current === null || typeof current !== "object" || Array.isArray(current)) return undefined
    current = (current as Body)[key]
  }
  return current
}

export function isPresent(value: unknown): boolean {
  return value !== undefined && value !== null
}

/**
 * Form-encoded bodies carry every value as a string; `coerce` reads "12.5", "true" and "12" as
 * the documented number, boolean and integer (JSON bodies must carry the real type).
 */
function typeError(spec: FieldSpec, value: unknown, coerce: boolean): string | undefined {
  const asNumber = typeof value === "number" ? value : coerce && typeof value === "string" && value.trim() !== "" ? Number(value) : NaN
  switch (spec.type) {
    case "string":
      if (typeof value !== "string") return "must be a string"
      if (spec.max !== undefined && value.length > spec.max) return `must be at most ${spec.max} characters`
      if (spec.values) {
        const given = spec.caseInsensitive ? value.toLowerCase() : value
        const allowed = spec.caseInsensitive ? spec.values.map((v) => v.toLowerCase()) : spec.values
        if (!allowed.includes(given)) return `must be one of ${spec.values.join(", ")}`
      }
      return undefined
    case "integer":
      if (!Number.isInteger(asNumber) || asNumber < 0) return "must be a whole number"
      if (spec.max !== undefined && String(asNumber).length > spec.max) return `must have at most ${spec.max} digits`
      return undefined
    case "amount":
      // number (18,2): dollars with at most two decimals, at most 16 digits before the point.
      if (!Number.isFinite(asNumber) || asNumber <= 0) return "must be an amount greater than 0"
      if (!isDollarAmount(asNumber)) return "must have at most 2 decimals"
      if (asNumber >= 1e16) return "must fit number (18,2)"
      return undefined
    case "decimal":
      // (p,2): a signed amount with at most two decimals and p - 2 digits before the point.
      if (!Number.isFinite(asNumber)) return "must be a number"
      if (!isDollarAmount(asNumber)) return "must have at most 2 decimals"
      if (spec.max !== undefined && Math.abs(asNumber) >= 10 ** (spec.max - 2)) return `must fit (${spec.max},2)`
      return undefined
    case "number":
      return Number.isFinite(asNumber) ? undefined : "must be a number"
    case "boolean":
      if (typeof value === "boolean") return undefined
      return coerce && (value === "true" || value === "false") ? undefined : "must be true or false"
    case "date":
      return typeof value === "string" && /^\d{4}-\d{2}-\d{2}$/.test(value) ? undefined : "must be a date YYYY-MM-DD"
    case "object":
      return value !== null && typeof value === "object" && !Array.isArray(value) ? undefined : "must be an object"
    case "array":
      return Array.isArray(value) ? undefined : "must be an array"
  }
}

/** Every documented violation in the body, in spec order (the sandbox answers them all at once). */
export function checkRequest(spec: RequestSpec, body: Body, options: { coerce?: boolean } = {}): FieldError[] {
  const errors: FieldError[] = []
  for (const field of spec.fields) {
    const value = valueAt(body, field.path)
    if (!isPresent(value)) {
      const required = field.required === true || (typeof field.required === "function" && field.required(body))
      if (required) errors.push({ param: field.path, msg: "required" })
      continue
    }
    const problem = typeError(field, value, options.coerce ?? false)
    if (problem) errors.push({ param: field.path, msg: problem, value })
  }
  for (const rule of spec.rules ?? []) errors.push(...rule(body))
  return errors
}

/** Number of a validated integer/amount field (form bodies carry strings). */
export function numberAt(body: Body, path: string): number | undefined {
  const value = valueAt(body, path)
  return isPresent(value) ? Number(value) : undefined
}

export function stringAt(body: Body, path: string): string | undefined {
  const value = valueAt(body, path)
  return typeof value === "string" ? value : undefined
}

export function booleanAt(body: Body, path: string): boolean | undefined {
  const value = valueAt(body, path)
  if (typeof value === "boolean") return value
  if (value === "true") return true
  if (value === "false") return false
  return undefined
}
