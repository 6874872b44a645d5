import { randomBytes } from "node:crypto"
import { FlexitiCryptoError, decryptJson, decryptSecret, encryptJson, encryptSecret, isEncryptedBlob, loadEncryptionKey, parseEncryptionKey } from "../crypto"

const HEX_KEY = "00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff"
const KEY = Buffer.from(HEX_KEY, "hex")

function codeOf(fn: () => unknown): string | undefined {
  try {
    fn()
  } catch (e) {
    return e instanceof FlexitiCryptoError ? e.code : `not a FlexitiCryptoError: ${String(e)}`
  }
  return undefined
}

describe("flexiti crypto", () => {
  const saved = process.env.FLEXITI_ENCRYPTION_KEY
  afterEach(() => {
    if (saved === undefined) {
      delete process.env.FLEXITI_ENCRYPTION_KEY
    } else {
      process.env.FLEXITI_ENCRYPTION_KEY = saved
    }
  })

  it("round-trips with a Buffer, hex and base64 key, in the v1:iv:tag:ct format", () => {
    const blob = encryptSecret("s3cr3t-é", KEY)
    expect(blob).toMatch(/^v1:[A-Za-z0-9+/=]+:[A-Za-z0-9+/=]+:[A-Za-z0-9+/=]+$/)
    const [, iv, tag] = blob.split(":")
    expect(Buffer.from(iv, "base64")).toHaveLength(12)
    expect(Buffer.from(tag, "base64")).toHaveLength(16)
    expect(blob).not.toContain("s3cr3t")
    expect(decryptSecret(blob, KEY)).toBe("s3cr3t-é")
    expect(decryptSecret(blob, HEX_KEY)).toBe("s3cr3t-é")
    expect(decryptSecret(blob, KEY.toString("base64"))).toBe("s3cr3t-é")
    expect(isEncryptedBlob(blob)).toBe(true)
  })

  it("uses a fresh IV each time", () => {
    expect(encryptSecret("same", KEY)).not.toBe(encryptSecret("same", KEY))
  })

  it("round-trips an empty string and JSON", () => {
    expect(decryptSecret(encryptSecret("", KEY), KEY)).toBe("")
    const token = { accessToken: "a", refreshToken: "r", scope: "customer", expiresAt: 123 }
    expect(decryptJson(encryptJson(token, KEY), KEY)).toEqual(token)
  })

  it("reads the key from FLEXITI_ENCRYPTION_KEY by default", () => {
    process.env.FLEXITI_ENCRYPTION_KEY = KEY.toString("base64")
    const blob = encryptSecret("from-env")
    expect(decryptSecret(blob, KEY)).toBe("from-env")
    expect(decryptSecret(blob)).toBe("from-env")
  })

  it("detects tampering through the GCM tag", () => {
    const blob = encryptSecret("do not touch", KEY)
    const [v, iv, tag, ct] = blob.split(":")
    const ctBytes = Buffer.from(ct, "base64")
    ctBytes[0] ^= 0x01
    const tamperedCt = [v, iv, tag, ctBytes.toString("base64")].join(":")
    expect(codeOf(() => decryptSecret(tamperedCt, KEY))).toBe("decryption_failed")

    const tagBytes = Buffer.from(tag, "base64")
    tagBytes[15] ^= 0x80
    const tamperedTag = [v, iv, tagBytes.toString("base64"), ct].join(":")
    expect(codeOf(() => decryptSecret(tamperedTag, KEY))).toBe("decryption_failed")

    const ivBytes = Buffer.from(iv, "base64")
    ivBytes[0] ^= 0x01
    const tamperedIv = [v, ivBytes.toString("base64"), tag, ct].join(":")
    expect(codeOf(() => decryptSecret(tamperedIv, KEY))).toBe("decryption_failed")
  })

  it("fails with a wrong key", () => {
    const blob = encryptSecret("secret", KEY)
    expect(codeOf(() => decryptSecret(blob, randomBytes(32)))).toBe("decryption_failed")
  })

  it("rejects malformed blobs", () => {
    for (const bad of ["", "plain", "v2:a:b:c", "v1:AAAA:BBBB", "v1:AAAA:BBBB:CCCC"]) {
      expect(codeOf(() => decryptSecret(bad, KEY))).toBe("invalid_ciphertext")
    }
  })

  it("accepts only 64 hex characters or base64 of exactly 32 bytes", () => {
    expect(parseEncryptionKey(HEX_KEY).equals(KEY)).toBe(true)
    expect(parseEncryptionKey(HEX_KEY.toUpperCase()).equals(KEY)).toBe(true)
    expect(parseEncryptionKey(` ${KEY.toString("base64")}\n`).equals(KEY)).toBe(true)
    expect(parseEncryptionKey(KEY.toString("base64").replace(/=$/, "")).equals(KEY)).toBe(true)
    const urlKey = Buffer.alloc(32, 0xfb)
    expect(parseEncryptionKey(urlKey.toString("base64url")).equals(urlKey)).toBe(true)

    const bad = [
      HEX_KEY.slice(0, 63),
      HEX_KEY + "0",
      HEX_KEY.slice(0, 62) + "zz",
      randomBytes(31).toString("base64"),
      randomBytes(33).toString("base64"),
      randomBytes(16).toString("hex"),
      "correct horse battery staple",
      "x".repeat(44),
    ]
    for (const value of bad) {
      expect(codeOf(() => parseEncryptionKey(value))).toBe("invalid_key")
    }
    // the error message never echoes the key
    try {
      parseEncryptionKey("supersecretbutmalformed")
    } catch (e) {
      expect((e as Error).message).toContain("FLEXITI_ENCRYPTION_KEY")
      expect((e as Error).message).not.toContain("supersecretbutmalformed")
    }
  })

  it("loadEncryptionKey: undefined when unset or blank, error when malformed", () => {
    expect(loadEncryptionKey({})).toBeUndefined()
    expect(loadEncryptionKey({ FLEXITI_ENCRYPTION_KEY: "  " })).toBeUndefined()
    expect(loadEncryptionKey({ FLEXITI_ENCRYPTION_KEY: HEX_KEY })!.equals(KEY)).toBe(true)
    expect(codeOf(() => loadEncryptionKey({ FLEXITI_ENCRYPTION_KEY: "short" }))).toBe("invalid_key")
  })

  it("refuses to encrypt or decrypt without a key", () => {
    delete process.env.FLEXITI_ENCRYPTION_KEY
    expect(codeOf(() => encryptSecret("x"))).toBe("missing_key")
    const blob = encryptSecret("x", KEY)
    expect(codeOf(() => decryptSecret(blob))).toBe("missing_key")
  })
})
