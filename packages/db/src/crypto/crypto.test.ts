import { randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import { SecretBox, SecretBoxError } from "./secret-box";
import { hashPassword, verifyPassword } from "./password-hash";
import { generateToken, hashToken, tokenMatches } from "./tokens";

describe("SecretBox", () => {
  const box = new SecretBox(randomBytes(32).toString("base64"));

  it("round-trips a secret and never stores it in the clear", () => {
    const sealed = box.seal("0123456789abcdef0123456789abcdef");
    expect(sealed).not.toContain("0123456789abcdef");
    expect(box.open(sealed)).toBe("0123456789abcdef0123456789abcdef");
  });

  it("uses a fresh IV each time, so equal secrets do not look equal at rest", () => {
    expect(box.seal("same")).not.toBe(box.seal("same"));
  });

  it("refuses tampered ciphertext and a different master key", () => {
    const sealed = box.seal("secret");
    const parts = sealed.split(".");
    parts[3] = Buffer.from("xxxxxx").toString("base64url");
    expect(() => box.open(parts.join("."))).toThrow(SecretBoxError);
    const other = new SecretBox(randomBytes(32).toString("base64"));
    expect(() => other.open(sealed)).toThrow(/cannot be decrypted/);
  });
});

describe("password hashing", () => {
  it("verifies the right password and rejects a wrong one", async () => {
    const hash = await hashPassword("correct horse");
    expect(hash.startsWith("scrypt$")).toBe(true);
    expect(await verifyPassword("correct horse", hash)).toBe(true);
    expect(await verifyPassword("correct horsf", hash)).toBe(false);
    expect(await verifyPassword("x", "garbage")).toBe(false);
  });
});

describe("tokens", () => {
  it("are prefixed, random and checked by hash", () => {
    const a = generateToken("twg_");
    expect(a).toMatch(/^twg_[A-Za-z0-9_-]{32}$/);
    expect(generateToken("twg_")).not.toBe(a);
    expect(tokenMatches(a, hashToken(a))).toBe(true);
    expect(tokenMatches(a + "x", hashToken(a))).toBe(false);
  });
});
