import { readFileSync } from "node:fs"
import { join } from "node:path"
import { DocExample, DOC_EXAMPLES, docExample, JsonType } from "./catalog"
import { diffReading } from "./diff-reading"

export { DOC_EXAMPLES, docExample }
export type { DocExample, JsonType }
export { diffReading, diffReadingText } from "./diff-reading"

/** The example's text exactly as the source prints it. */
export function verbatimText(example: DocExample): string {
  return readFileSync(join(__dirname, "verbatim", `${example.file}.txt`), "utf8")
}

/** The example as data (see catalog.ts), or undefined for a shape printed as a field list only. */
export function readingOf(example: DocExample): unknown {
  if (example.reading === undefined) return undefined
  if (example.reading === "diff-export") return diffReading(verbatimText(example))
  return structuredClone(example.reading.value)
}

export function jsonTypeOf(value: unknown): JsonType | "undefined" {
  if (value === null) return "null"
  if (Array.isArray(value)) return "array"
  const type = typeof value
  return type === "string" || type === "number" || type === "boolean" || type === "object" ? type : "undefined"
}

/** The documented keys of a response: `keys` when the page lists them, else those of its reading. */
export function documentedKeys(example: DocExample): Record<string, JsonType | readonly JsonType[]> {
  if (example.keys) return example.keys
  const reading = readingOf(example)
  if (reading === null || typeof reading !== "object" || Array.isArray(reading)) return {}
  return Object.fromEntries(Object.entries(reading).map(([k, v]) => [k, jsonTypeOf(v) as JsonType]))
}

/**
 * How an answer differs from a documented response: a documented key carried with another JSON
 * type, or a key the page marks required missing. Keys the docs list but the answer leaves out
 * are reported under `absent` (the docs rarely say they are always sent).
 */
export function shapeAgainstDocs(example: DocExample, answer: unknown): { wrongType: string[]; missingRequired: string[]; absent: string[] } {
  const body = (answer ?? {}) as Record<string, unknown>
  const wrongType: string[] = []
  const absent: string[] = []
  for (const [key, type] of Object.entries(documentedKeys(example))) {
    if (!(key in body)) absent.push(key)
    else if (![type].flat().includes(jsonTypeOf(body[key]) as JsonType))
      wrongType.push(`${key}: ${jsonTypeOf(body[key])}, documented ${[type].flat().join(" or ")}`)
  }
  const missingRequired = (example.required ?? []).filter((key) => !(key in body))
  return { wrongType, missingRequired, absent }
}

export const responses = (): DocExample[] => DOC_EXAMPLES.filter((e) => e.direction === "response")
export const requests = (): DocExample[] => DOC_EXAMPLES.filter((e) => e.direction === "request")
