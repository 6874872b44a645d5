/**
 * Encryption at rest of the Flexiti client secrets and checkout tokens.
 *
 * AES-256-GCM with a random 12-byte IV; the stored form is
 * `v1:<iv base64>:<auth tag base64>:<ciphertext base64>`.
 * The key comes from `FLEXITI_ENCRYPTION_KEY`: 64 hex characters, or the base64 of exactly
 * 32 bytes (e.g. `openssl rand -base64 32` or `openssl rand -hex 32`).
 *
 * No Medusa imports: the payment provider and the reader use this file directly.
 */
import { createCipheriv, createDecipheriv, randomBytes } from "node:crypto"

export const FLEXITI_ENCRYPTION_KEY_ENV = "FLEXITI_ENCRYPTION_KEY"

const VERSION = "v1"
const ALGORITHM = "aes-256-gcm"
const IV_BYTES = 12
const TAG_BYTES = 16
const KEY_BYTES = 32

export type FlexitiCryptoErrorCode = "missing_key" | "invalid_key" | "invalid_ciphertext" | "decryption_failed"

export class FlexitiCryptoError extends Error {
  constructor(
    readonly code: FlexitiCryptoErrorCode,
    message: string
  ) {
    super(message)
    this.name = "FlexitiCryptoError"
  }
}

const HEX_KEY = /^[0-9a-fA-F]{64}$/
const BASE64_KEY = /^[A-Za-z0-9+/]{43}=?$/
const BASE64URL_KEY = /^[A-Za-z0-9_-]{43}=?$/

/**
 * Parses a key given as 64 hex characters or as base64 (standard or URL-safe alphabet) of
 * exactly 32 bytes. Throws a FlexitiCryptoError("invalid_key") for anything else; the error
 * message never contains the key.
 */
export function parseEncryptionKey(raw: string): Buffer {
  const value = raw.trim()
  if (HEX_KEY.test(value)) {
    return Buffer.from(value, "hex")
  }
  if (BASE64_KEY.test(value) || BASE64URL_KEY.test(value)) {
    const key = Buffer.from(value, BASE64_KEY.test(value) ? "base64" : "base64url")
    if (key.length === KEY_BYTES) {
      return key
    }
  }
  throw new FlexitiCryptoError(
    "invalid_key",
    `${FLEXITI_ENCRYPTION_KEY_ENV} must be 64 hex characters or the base64 of exactly 32 bytes ` +
      `(generate one with \`openssl rand -hex 32\`); got a value of ${value.length} characters`
  )
}

/**
 * Reads `FLEXITI_ENCRYPTION_KEY`. Returns undefined when it is unset or blank, the 32-byte key
 * when it is valid, and throws a FlexitiCryptoError("invalid_key") when it is malformed.
 */
export function loadEncryptionKey(env: Record<string, string | undefined> = process.env): Buffer | undefined {
  const raw = env[FLEXITI_ENCRYPTION_KEY_ENV]
  if (raw === undefined || raw.trim() === "") {
    return undefined
  }
  return parseEncryptionKey(raw)
}

function resolveKey(key: Buffer | string | undefined): Buffer {
  const resolved = key === undefined ? loadEncryptionKey() : typeof key === "string" ? parseEncryptionKey(key) : key
  if (!resolved) {
    throw new FlexitiCryptoError("missing_key", `${FLEXITI_ENCRYPTION_KEY_ENV} is not set: Flexiti secrets cannot be encrypted or decrypted`)
  }
  if (resolved.length !== KEY_BYTES) {
    throw new FlexitiCryptoError("invalid_key", `The Flexiti encryption key must be ${KEY_BYTES} bytes`)
  }
  return resolved
}

/** Encrypts `plain` with AES-256-GCM. `key` defaults to `FLEXITI_ENCRYPTION_KEY`. */
export function encryptSecret(plain: string, key?: Buffer | string): string {
  const k = resolveKey(key)
  const iv = randomBytes(IV_BYTES)
  const cipher = createCipheriv(ALGORITHM, k, iv, { authTagLength: TAG_BYTES })
  const ciphertext = Buffer.concat([cipher.update(plain, "utf8"), cipher.final()])
  const tag = cipher.getAuthTag()
  return [VERSION, iv.toString("base64"), tag.toString("base64"), ciphertext.toString("base64")].join(":")
}

/** True when `value` has the shape of an `encryptSecret` output. */
export function isEncryptedBlob(value: unknown): value is string {
  return typeof value === "string" && /^v1:[A-Za-z0-9+/=]+:[A-Za-z0-9+/=]+:[A-Za-z0-9+/=]*$/.test(value)
}

/**
 * Decrypts an `encryptSecret` output. Throws FlexitiCryptoError("invalid_ciphertext") for a
 * malformed blob and ("decryption_failed") for a wrong key or a tampered blob (GCM tag check).
 */
export function decryptSecret(blob: string, key?: Buffer | string): string {
  const k = resolveKey(key)
  const parts = typeof blob === "string" ? blob.split(":") : []
  if (parts.length !== 4 || parts[0] !== VERSION || !isEncryptedBlob(blob)) {
    throw new FlexitiCryptoError("invalid_ciphertext", "Not a Flexiti encrypted value (expected v1:iv:tag:ciphertext)")
  }
  const iv = Buffer.from(parts[1], "base64")
  const tag = Buffer.from(parts[2], "base64")
  const ciphertext = Buffer.from(parts[3], "base64")
  if (iv.length !== IV_BYTES || tag.length !== TAG_BYTES) {
    throw new FlexitiCryptoError("invalid_ciphertext", "Malformed Flexiti encrypted value (IV or tag length)")
  }
  try {
    const decipher = createDecipheriv(ALGORITHM, k, iv, { authTagLength: TAG_BYTES })
    decipher.setAuthTag(tag)
    return Buffer.concat([decipher.update(ciphertext), decipher.final()]).toString("utf8")
  } catch {
    throw new FlexitiCryptoError("decryption_failed", `Could not decrypt a Flexiti secret: wrong ${FLEXITI_ENCRYPTION_KEY_ENV} or tampered data`)
  }
}

/** Encrypts a JSON-serialisable value. */
export function encryptJson(value: unknown, key?: Buffer | string): string {
  return encryptSecret(JSON.stringify(value), key)
}

/** Decrypts an `encryptJson` output. */
export function decryptJson<T = unknown>(blob: string, key?: Buffer | string): T {
  return JSON.parse(decryptSecret(blob, key)) as T
}
