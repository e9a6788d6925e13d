import { describe, expect, it } from "vitest";
import {
  generateLicenseKeyPair,
  isCurrent,
  LicenseError,
  publicKeyOf,
  signLicenseKey,
  verifyLicenseKey,
  type LicenseClaims,
} from "./index";

const platform = generateLicenseKeyPair();
const claims: LicenseClaims = {
  licenseId: "lic_1",
  tenantId: "tenant_a",
  maxDevices: 500,
  maxGateways: 20,
  maxMessagesPerDay: 2_000_000,
  retentionDays: 90,
  validFrom: new Date("2026-01-01T00:00:00Z"),
  validUntil: new Date("2027-01-01T00:00:00Z"),
  issuedAt: new Date("2025-12-20T10:00:00Z"),
};

describe("license keys", () => {
  it("round-trip every limit through a signed key, offline, with only the public key", () => {
    const key = signLicenseKey(claims, platform.privateKey);
    expect(key).toMatch(/^TW1\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$/);
    expect(verifyLicenseKey(key, platform.publicKey)).toEqual(claims);
  });

  it("refuse a key signed by another platform", () => {
    const other = generateLicenseKeyPair();
    const key = signLicenseKey(claims, other.privateKey);
    expect(() => verifyLicenseKey(key, platform.publicKey)).toThrowError(
      expect.objectContaining({ code: "LICENSE_BAD_SIGNATURE" }),
    );
  });

  it("refuse a key whose limits were edited after signing", () => {
    const [prefix, body, signature] = signLicenseKey(claims, platform.privateKey).split(".");
    const payload = JSON.parse(Buffer.from(body!, "base64url").toString("utf8"));
    payload.dev = 1_000_000;
    const forged = [prefix, Buffer.from(JSON.stringify(payload)).toString("base64url"), signature].join(".");
    expect(() => verifyLicenseKey(forged, platform.publicKey)).toThrow(LicenseError);
  });

  it("say plainly when the text is not a license key at all", () => {
    expect(() => verifyLicenseKey("hello", platform.publicKey)).toThrowError(
      expect.objectContaining({ code: "LICENSE_MALFORMED" }),
    );
  });

  it("accept PEM keys as openssl writes them", async () => {
    const { generateKeyPairSync } = await import("node:crypto");
    const pair = generateKeyPairSync("ed25519");
    const pemPrivate = pair.privateKey.export({ format: "pem", type: "pkcs8" }).toString();
    const pemPublic = pair.publicKey.export({ format: "pem", type: "spki" }).toString();
    const key = signLicenseKey(claims, pemPrivate);
    expect(verifyLicenseKey(key, pemPublic).maxDevices).toBe(500);
    expect(verifyLicenseKey(key, publicKeyOf(pemPrivate)).tenantId).toBe("tenant_a");
  });

  it("name the variable when a configured key is not Ed25519", () => {
    expect(() => verifyLicenseKey(signLicenseKey(claims, platform.privateKey), "bm90IGEga2V5")).toThrow(/LICENSE_PUBLIC_KEY/);
  });

  it("grant limits from validFrom up to, not including, validUntil", () => {
    expect(isCurrent(claims, new Date("2025-12-31T23:59:59Z"))).toBe(false);
    expect(isCurrent(claims, new Date("2026-06-01T00:00:00Z"))).toBe(true);
    expect(isCurrent(claims, new Date("2027-01-01T00:00:00Z"))).toBe(false);
  });
});
