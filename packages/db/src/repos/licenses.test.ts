import { generateLicenseKeyPair, TRIAL_LIMITS } from "@tidewire/license";
import { createTenantFixture } from "@tidewire/testkit";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createDb, type Db } from "../client";
import { SecretBox } from "../crypto/secret-box";
import { upsertDevice } from "./devices";
import { applyLicenseLimits, extendLicense, issueLicense, revokeLicense, tenantLimits } from "./licenses";

const platform = generateLicenseKeyPair();
let db: Db;
const box = new SecretBox(Buffer.alloc(32, 3).toString("base64"));
const day = 86_400_000;
const now = new Date("2026-03-01T12:00:00Z");
const year = { validFrom: new Date(now.getTime() - day), validUntil: new Date(now.getTime() + 365 * day) };

beforeAll(() => {
  db = createDb(process.env.DATABASE_URL!);
});
afterAll(() => db.$disconnect());

async function tenantWithDevices(n: number) {
  const { tenant } = await createTenantFixture(db, "lic");
  for (let i = 0; i < n; i++) {
    await upsertDevice(db, box, tenant.id, { sourceEurid: (0xa0000000 + i).toString(16), eep: "A5-02-05" });
  }
  return tenant;
}

describe("licenses", () => {
  it("give a tenant without a license the trial limits", async () => {
    const { tenant } = await createTenantFixture(db, "lic");
    expect(await tenantLimits(db, tenant.id, platform.publicKey, now)).toEqual(TRIAL_LIMITS);
  });

  it("process the first N devices by onboarding order and mark the rest unlicensed", async () => {
    const tenant = await tenantWithDevices(5);
    await issueLicense(db, tenant.id, { maxDevices: 3, maxGateways: 1, maxMessagesPerDay: 1000, retentionDays: 90, ...year }, platform.privateKey);
    const result = await applyLicenseLimits(db, tenant.id, platform.publicKey, now);
    expect(result.limits).toMatchObject({ source: "license", maxDevices: 3, retentionDays: 90 });
    expect(result.devices).toEqual({ total: 5, licensed: 3, unlicensed: 2 });
    const devices = await db.device.findMany({ where: { tenantId: tenant.id }, orderBy: [{ createdAt: "asc" }, { id: "asc" }] });
    expect(devices.map((d) => d.licensed)).toEqual([true, true, true, false, false]);
    expect((await db.tenant.findUniqueOrThrow({ where: { id: tenant.id } })).retentionDays).toBe(90);
    // Applying again changes nothing: the choice is deterministic.
    expect((await applyLicenseLimits(db, tenant.id, platform.publicKey, now)).changed).toBe(0);
  });

  it("count LoRaWAN and small devices against the device limit like EnOcean devices", async () => {
    const tenant = await tenantWithDevices(1);
    await upsertDevice(db, box, tenant.id, { kind: "LORAWAN", sourceEurid: "70B3D57ED0000001" });
    await upsertDevice(db, box, tenant.id, { kind: "SMALL_DEVICE", sourceEurid: "esp-1", aesKey: "2b7e151628aed2a6abf7158809cf4f3c" });
    await issueLicense(db, tenant.id, { maxDevices: 2, maxGateways: 1, maxMessagesPerDay: 1000, retentionDays: 30, ...year }, platform.privateKey);
    expect((await applyLicenseLimits(db, tenant.id, platform.publicKey, now)).devices).toEqual({ total: 3, licensed: 2, unlicensed: 1 });
    const devices = await db.device.findMany({ where: { tenantId: tenant.id }, orderBy: [{ createdAt: "asc" }, { id: "asc" }] });
    expect(devices.map((d) => [d.kind, d.licensed])).toEqual([
      ["ENOCEAN", true],
      ["LORAWAN", true],
      ["SMALL_DEVICE", false],
    ]);
  });

  it("fall back to the trial when the license is revoked, and re-license everything within the trial", async () => {
    const tenant = await tenantWithDevices(4);
    const license = await issueLicense(db, tenant.id, { maxDevices: 2, maxGateways: 1, maxMessagesPerDay: 10, retentionDays: 30, ...year }, platform.privateKey);
    expect((await applyLicenseLimits(db, tenant.id, platform.publicKey, now)).devices.unlicensed).toBe(2);
    await revokeLicense(db, tenant.id, license.id);
    const after = await applyLicenseLimits(db, tenant.id, platform.publicKey, now);
    expect(after.limits.source).toBe("trial");
    expect(after.devices).toEqual({ total: 4, licensed: 4, unlicensed: 0 });
  });

  it("grant nothing for a row whose limits were edited in the database: only the signed key counts", async () => {
    const tenant = await tenantWithDevices(0);
    const license = await issueLicense(db, tenant.id, { maxDevices: 10, maxGateways: 1, maxMessagesPerDay: 10, retentionDays: 30, ...year }, platform.privateKey);
    await db.license.update({ where: { id: license.id }, data: { maxDevices: 10_000 } });
    expect((await tenantLimits(db, tenant.id, platform.publicKey, now)).maxDevices).toBe(10);
    // A key signed by someone else is ignored altogether.
    const forger = generateLicenseKeyPair();
    await issueLicense(db, tenant.id, { maxDevices: 99_999, maxGateways: 1, maxMessagesPerDay: 10, retentionDays: 30, ...year }, forger.privateKey);
    expect((await tenantLimits(db, tenant.id, platform.publicKey, now)).maxDevices).toBe(10);
  });

  it("stop granting at validUntil, and grant again once extended with a freshly signed key", async () => {
    const tenant = await tenantWithDevices(0);
    const license = await issueLicense(
      db,
      tenant.id,
      { maxDevices: 100, maxGateways: 5, maxMessagesPerDay: 10, retentionDays: 60, validFrom: new Date(now.getTime() - 30 * day), validUntil: new Date(now.getTime() - day) },
      platform.privateKey,
    );
    expect((await tenantLimits(db, tenant.id, platform.publicKey, now)).source).toBe("trial");
    const extended = await extendLicense(db, tenant.id, license.id, new Date(now.getTime() + 30 * day), platform.privateKey);
    expect(extended.key).not.toBe(license.key);
    expect(await tenantLimits(db, tenant.id, platform.publicKey, now)).toMatchObject({ source: "license", maxDevices: 100, licenseId: license.id });
  });

  it("refuse a license that ends before it starts, and another tenant's license id", async () => {
    const a = await tenantWithDevices(0);
    const b = await tenantWithDevices(0);
    await expect(
      issueLicense(db, a.id, { maxDevices: 1, maxGateways: 1, maxMessagesPerDay: 1, retentionDays: 1, validFrom: now, validUntil: now }, platform.privateKey),
    ).rejects.toMatchObject({ code: "INVALID" });
    const license = await issueLicense(db, a.id, { maxDevices: 1, maxGateways: 1, maxMessagesPerDay: 1, retentionDays: 1, ...year }, platform.privateKey);
    await expect(revokeLicense(db, b.id, license.id)).rejects.toMatchObject({ code: "NOT_FOUND" });
  });
});
