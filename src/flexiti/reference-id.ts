import { createHash, randomUUID } from "node:crypto"

/**
 * Flexiti's x-reference-id: "ASCII string (32) • GUID", one per flow.
 * A UUID without dashes is exactly 32 ASCII characters.
 */
export function newReferenceId(): string {
  return randomUUID().replace(/-/g, "")
}

/**
 * A reference id derived from a stable key (e.g. Medusa's idempotency_key), so that a
 * retried call of the same Medusa operation carries the same id.
 */
export function referenceIdFor(key: string): string {
  return createHash("sha256").update(key).digest("hex").slice(0, 32)
}
