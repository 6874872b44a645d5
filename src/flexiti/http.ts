import axios, { AxiosInstance, AxiosResponse } from "axios"
import { z } from "zod"
import { FlexitiError } from "./errors"

export interface HttpOptions {
  /** per-call timeout; Flexiti documents none, we never wait forever */
  timeoutMs: number
  /** attempts for reads and token requests (1 = no retry) */
  readAttempts: number
  /** first backoff delay; doubles per attempt */
  backoffMs: number
}

export const DEFAULT_HTTP_OPTIONS: HttpOptions = { timeoutMs: 15_000, readAttempts: 3, backoffMs: 200 }

export interface RawRequest {
  method: "GET" | "POST"
  url: string
  headers: Record<string, string>
  /** JSON body, or a URLSearchParams for the form-encoded token call */
  body?: unknown
  query?: Record<string, string | number | undefined>
  referenceId?: string
  /** reads and token requests may be retried; captures, releases, returns and refunds never */
  retryable: boolean
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

/**
 * Sends one HTTP request to Flexiti and validates the answer with a zod schema.
 * Transient failures (5xx, timeouts, resets) are retried with exponential backoff only
 * when the request is marked retryable: a blind retry of a money movement could apply it twice.
 */
export class FlexitiHttp {
  private readonly axios: AxiosInstance

  constructor(private readonly options: HttpOptions = DEFAULT_HTTP_OPTIONS) {
    this.axios = axios.create({
      timeout: options.timeoutMs,
      // Every status is handled here, so axios never throws on an HTTP answer.
      validateStatus: () => true,
      maxRedirects: 0,
    })
  }

  async send<S extends z.ZodTypeAny>(request: RawRequest, schema: S): Promise<z.infer<S>> {
    const attempts = request.retryable ? Math.max(1, this.options.readAttempts) : 1
    let lastError: FlexitiError | undefined
    for (let attempt = 1; attempt <= attempts; attempt++) {
      try {
        return await this.once(request, schema)
      } catch (error) {
        if (!(error instanceof FlexitiError) || !error.isTransient || attempt === attempts) {
          throw error
        }
        lastError = error
        await sleep(this.options.backoffMs * 2 ** (attempt - 1))
      }
    }
    throw lastError
  }

  private async once<S extends z.ZodTypeAny>(request: RawRequest, schema: S): Promise<z.infer<S>> {
    const meta = { referenceId: request.referenceId, path: new URL(request.url).pathname }
    let response: AxiosResponse
    try {
      response = await this.axios.request({
        method: request.method,
        url: request.url,
        headers: request.headers,
        data: request.body,
        params: request.query,
      })
    } catch (error) {
      throw FlexitiError.network(error as Error & { code?: string }, meta)
    }
    if (response.status < 200 || response.status >= 300) {
      throw FlexitiError.fromResponse(response.status, response.data, meta)
    }
    const parsed = schema.safeParse(response.data)
    if (!parsed.success) {
      throw new FlexitiError({
        kind: "invalid_response",
        status: response.status,
        referenceId: meta.referenceId,
        path: meta.path,
        message: `Flexiti answered ${meta.path} with an unexpected body: ${parsed.error.issues
          .map((i) => `${i.path.join(".") || "(root)"} ${i.message}`)
          .join("; ")}`,
      })
    }
    return parsed.data
  }
}
