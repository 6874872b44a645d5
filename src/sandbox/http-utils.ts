import { IncomingHttpHeaders, IncomingMessage } from "node:http"
import { z } from "zod"
import { checkRequest, RequestSpec } from "./docs/fields"
import type { FieldError } from "./field-error"

/** Thrown by handlers; the server serialises it in the error shape of the API that was called. */
export class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly fieldErrors?: FieldError[]
  ) {
    super(message)
  }
}

export type Reply = { status: number; json: unknown } | { status: number; html: string }

export interface RequestContext {
  method: string
  path: string
  query: URLSearchParams
  headers: IncomingHttpHeaders
  rawBody: string
  params: Record<string, string>
  /** Origin the caller used (Host header), so hosted-page URLs work behind port mappings too. */
  origin: string
}

export type Handler = (ctx: RequestContext) => Reply | Promise<Reply>

export interface Route {
  method: string
  /** e.g. /flexiti/pos-api/v2.5/client-id/:client_id/authorization/:id; also the counters key */
  pattern: string
  regex: RegExp
  keys: string[]
  handle: Handler
}

export function route(method: string, pattern: string, handle: Handler): Route {
  const keys: string[] = []
  const source = pattern
    .split("/")
    .map((segment) => {
      if (segment.startsWith(":")) {
        keys.push(segment.slice(1))
        return "([^/]+)"
      }
      return segment.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")
    })
    .join("/")
  return { method, pattern, regex: new RegExp(`^${source}/?$`), keys, handle }
}

export function matchRoute(routes: Route[], method: string, path: string): { route: Route; params: Record<string, string> } | undefined {
  for (const r of routes) {
    if (r.method !== method) continue
    const m = r.regex.exec(path)
    if (!m) continue
    const params: Record<string, string> = {}
    r.keys.forEach((key, i) => {
      params[key] = decodeURIComponent(m[i + 1])
    })
    return { route: r, params }
  }
  return undefined
}

const MAX_BODY_BYTES = 1024 * 1024

export function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = []
    let size = 0
    req.on("data", (chunk: Buffer) => {
      size += chunk.length
      if (size > MAX_BODY_BYTES) {
        reject(new HttpError(413, "payload_too_large", "Request body is larger than 1 MB"))
        req.destroy()
        return
      }
      chunks.push(chunk)
    })
    req.on("end", () => resolve(Buffer.concat(chunks).toString("utf8")))
    req.on("error", reject)
  })
}

export function wrongInputs(fieldErrors: FieldError[]): HttpError {
  return new HttpError(409, "wrong_inputs", "Some inputs are wrong!", fieldErrors)
}

function valueAt(input: unknown, path: PropertyKey[]): unknown {
  let current: unknown = input
  for (const key of path) {
    if (current === null || typeof current !== "object") return undefined
    current = (current as Record<PropertyKey, unknown>)[key]
  }
  return current
}

export function zodFieldErrors(error: z.ZodError, input: unknown): FieldError[] {
  return error.issues.map((issue) => ({
    param: issue.path.map(String).join(".") || "body",
    msg: issue.message,
    value: valueAt(input, issue.path),
  }))
}

/**
 * POS resource bodies "are submitted as JSON" (API overview); an empty body counts as {} (e.g. a
 * release of everything).
 */
export function jsonBody(ctx: RequestContext): Record<string, unknown> {
  if (ctx.rawBody.trim() === "") return {}
  let parsed: unknown
  try {
    parsed = JSON.parse(ctx.rawBody)
  } catch {
    throw wrongInputs([{ param: "body", msg: "body must be JSON", value: ctx.rawBody.slice(0, 200) }])
  }
  if (parsed === null || typeof parsed !== "object" || Array.isArray(parsed)) {
    throw wrongInputs([{ param: "body", msg: "body must be a JSON object" }])
  }
  return parsed as Record<string, unknown>
}

/** A form body whose dotted names (billing_information.city) become nested objects. */
export function formBody(raw: string): Record<string, unknown> {
  const body: Record<string, unknown> = {}
  for (const [name, value] of new URLSearchParams(raw)) {
    const keys = name.split(".")
    let target = body
    for (const key of keys.slice(0, -1)) {
      if (target[key] === null || typeof target[key] !== "object") target[key] = {}
      target = target[key] as Record<string, unknown>
    }
    target[keys[keys.length - 1]] = value
  }
  return body
}

export function isFormEncoded(ctx: RequestContext): boolean {
  return (ctx.headers["content-type"] ?? "").toLowerCase().startsWith("application/x-www-form-urlencoded")
}

/** Refuses the request with the documented 409 wrong_inputs when a documented rule is broken. */
export function requireValid(spec: RequestSpec, body: Record<string, unknown>, options: { coerce?: boolean } = {}): void {
  const errors = checkRequest(spec, body, options)
  if (errors.length > 0) throw wrongInputs(errors)
}

export function ok(json: unknown): Reply {
  return { status: 200, json }
}

export function queryObject(query: URLSearchParams): Record<string, string> {
  return Object.fromEntries(query.entries())
}
