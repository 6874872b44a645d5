import { z } from "zod"
import { FlexitiError } from "./errors"
import { FlexitiHttp, RawRequest } from "./http"
import { newReferenceId } from "./reference-id"
import { TokenLineage } from "./token-manager"

/** A request to an authenticated Flexiti endpoint; the bearer token and x-reference-id are added. */
export type AuthenticatedRequest = Omit<RawRequest, "headers" | "referenceId"> & { referenceId?: string; contentType?: string }

/**
 * One authenticated call. A 401 invalid_token renews the lineage's token and retries once:
 * Flexiti refused the request before doing anything, so the retry cannot apply it twice.
 */
export async function authenticatedCall<T extends z.ZodTypeAny>(
  http: FlexitiHttp,
  lineage: TokenLineage,
  request: AuthenticatedRequest,
  schema: T
): Promise<z.infer<T>> {
  const referenceId = request.referenceId ?? newReferenceId()
  const attempt = async () => {
    const token = await lineage.get()
    try {
      return await http.send(
        {
          ...request,
          referenceId,
          headers: {
            authorization: `Bearer ${token.accessToken}`,
            "x-reference-id": referenceId,
            ...(request.body !== undefined ? { "content-type": request.contentType ?? "application/json" } : {}),
          },
        },
        schema
      )
    } catch (error) {
      if (error instanceof FlexitiError && error.status === 401) {
        lineage.invalidate(token.accessToken)
        return undefined
      }
      throw error
    }
  }
  const first = await attempt()
  if (first !== undefined) return first
  const second = await attempt()
  if (second !== undefined) return second
  throw new FlexitiError({
    kind: "auth",
    status: 401,
    code: "invalid_token",
    referenceId,
    message: `Flexiti refused a renewed token [x-reference-id ${referenceId}]`,
  })
}
