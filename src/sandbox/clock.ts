/**
 * The sandbox clock: real time plus an offset that tests move forward, so token expiry
 * (20 minutes) and the 100-day return window can be exercised without waiting.
 */
export class SandboxClock {
  private offsetMs = 0

  now(): number {
    return Date.now() + this.offsetMs
  }

  advance(seconds: number): void {
    this.offsetMs += Math.round(seconds * 1000)
  }

  reset(): void {
    this.offsetMs = 0
  }

  get offsetSeconds(): number {
    return this.offsetMs / 1000
  }
}
