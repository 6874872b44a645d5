/**
 * A small in-memory cache with single flight: concurrent misses for one key share one call,
 * successes are kept for `ttlMs`, failures are not kept (the next request tries again).
 */
export class SingleFlightCache<T> {
  private readonly values = new Map<string, { value: T; expiresAt: number }>()
  private readonly inFlight = new Map<string, Promise<T>>()

  constructor(
    private readonly ttlMs: number,
    private readonly maxEntries = 1000,
    private readonly now: () => number = Date.now
  ) {}

  async get(key: string, load: () => Promise<T>): Promise<T> {
    const hit = this.values.get(key)
    if (hit && hit.expiresAt > this.now()) return hit.value
    if (hit) this.values.delete(key)
    const pending = this.inFlight.get(key)
    if (pending) return pending
    const promise = (async () => {
      try {
        const value = await load()
        if (this.values.size >= this.maxEntries) {
          // drop the oldest entry (Map keeps insertion order)
          const oldest = this.values.keys().next().value
          if (oldest !== undefined) this.values.delete(oldest)
        }
        this.values.set(key, { value, expiresAt: this.now() + this.ttlMs })
        return value
      } finally {
        this.inFlight.delete(key)
      }
    })()
    this.inFlight.set(key, promise)
    return promise
  }

  clear(): void {
    this.values.clear()
    this.inFlight.clear()
  }

  get size(): number {
    return this.values.size
  }
}
