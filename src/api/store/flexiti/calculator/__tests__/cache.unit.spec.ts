import { SingleFlightCache } from "../cache"

describe("SingleFlightCache", () => {
  it("shares one call between concurrent misses and keeps the value for the TTL", async () => {
    let now = 0
    const cache = new SingleFlightCache<number>(600_000, 10, () => now)
    let calls = 0
    const load = async () => {
      calls++
      await new Promise((r) => setTimeout(r, 5))
      return 42
    }
    expect(await Promise.all([cache.get("k", load), cache.get("k", load), cache.get("k", load)])).toEqual([42, 42, 42])
    expect(calls).toBe(1)
    now = 599_999
    expect(await cache.get("k", load)).toBe(42)
    expect(calls).toBe(1)
    now = 600_000
    expect(await cache.get("k", load)).toBe(42)
    expect(calls).toBe(2)
  })

  it("does not keep failures", async () => {
    const cache = new SingleFlightCache<string>(1000)
    let calls = 0
    const failing = async () => {
      calls++
      throw new Error("flexiti down")
    }
    await expect(Promise.all([cache.get("k", failing), cache.get("k", failing)])).rejects.toThrow("flexiti down")
    expect(calls).toBe(1)
    expect(await cache.get("k", async () => "ok")).toBe("ok")
  })

  it("keeps keys apart and bounds its size", async () => {
    const cache = new SingleFlightCache<string>(1000, 2)
    await cache.get("a", async () => "A")
    await cache.get("b", async () => "B")
    await cache.get("c", async () => "C")
    expect(cache.size).toBe(2)
    expect(await cache.get("c", async () => "other")).toBe("C")
    expect(await cache.get("a", async () => "A2")).toBe("A2")
  })
})
