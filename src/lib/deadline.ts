/** What `tooSlowAfter` resolves to: the other side of a race did not answer in time. */
export const TOO_SLOW = Symbol("too slow")

/**
 * For `Promise.race([work, tooSlowAfter(ms)])`: a route that must not wait on Flexiti past `ms`.
 * The timer does not keep the process alive.
 */
export function tooSlowAfter(ms: number): Promise<typeof TOO_SLOW> {
  return new Promise((resolve) => setTimeout(() => resolve(TOO_SLOW), ms).unref())
}
