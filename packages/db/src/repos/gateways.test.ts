import { randomBytes } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createDb, type Db } from "../client";
import { SecretBox } from "../crypto/secret-box";
import { upsertDevice } from "./devices";
import { DEFAULT_MAX_GATEWAYS, gatewayLimit } from "./gateway-license";
import { issueLicense, revokeLicense } from "./licenses";
import { listGatewayStatistics } from "./gateway-statistics";
import { gatewayLicensedFlags, markGatewayDisconnected, recordGatewayHealth, registerGateway, touchGateways } from "./gateways";
import { createGatewayCertificateCredential, findGatewayCertificate, normalizeCertFingerprint } from "./ingress-credentials";
import { loadNextRlc, saveNextRlcs } from "./security-state";
import { applyGatewayStats } from "./statistics";
import { upsertTenant } from "./tenants";

let db: Db;
const slug = () => `gw-${randomBytes(4).toString("hex")}`;
const day = 24 * 3600_000;

beforeAll(() => {
  db = createDb(process.env.DATABASE_URL!);
});
afterAll(() => db.$disconnect());

const publicKey = process.env.LICENSE_PUBLIC_KEY!;
const register = (tenantId: string, identity: Parameters<typeof registerGateway>[2], now?: Date) =>
  registerGateway(db, tenantId, identity, { licensePublicKey: publicKey, ...(now ? { now } : {}) });

async function license(tenantId: string, maxGateways: number, extra: { revoked?: boolean; expired?: boolean } = {}) {
  const row = await issueLicense(
    db,
    tenantId,
    {
      maxDevices: 100,
      maxGateways,
      maxMessagesPerDay: 1_000_000,
      retentionDays: 30,
      validFrom: new Date(Date.now() - 2 * day),
      validUntil: extra.expired ? new Date(Date.now() - 1000) : new Date(Date.now() + day),
    },
    process.env.LICENSE_SIGNING_KEY!,
  );
  if (extra.revoked) await revokeLicense(db, tenantId, row.id);
  return row;
}

describe("gateway registration and the license's gateway limit", () => {
  it("licenses the first gateways up to the default limit when the tenant has no license", async () => {
    const tenant = await upsertTenant(db, { slug: slug(), name: "t" });
    expect(await gatewayLimit(db, tenant.id, publicKey)).toBe(DEFAULT_MAX_GATEWAYS);
    const results = [];
    for (const mac of ["aa0000000001", "aa0000000002", "aa0000000003"]) {
      results.push(await register(tenant.id, { kind: "ARUBA", mac, hardwareDescriptor: "AP-305", softwareVersion: "8.8.0.0" }));
    }
    expect(results.map((g) => g.licensed)).toEqual([true, true, false]);
    expect(results[0]).toMatchObject({ connectionState: "CONNECTED", hardwareDescriptor: "AP-305" });
    // A reconnect does not change who is first.
    expect((await register(tenant.id, { kind: "ARUBA", mac: "aa0000000003" })).licensed).toBe(false);
  });

  it("uses the newest valid, signed, non-revoked license, so a bigger license admits the gateway at its next registration", async () => {
    const tenant = await upsertTenant(db, { slug: slug(), name: "t" });
    await license(tenant.id, 1);
    await license(tenant.id, 50, { revoked: true });
    await license(tenant.id, 60, { expired: true });
    expect(await gatewayLimit(db, tenant.id, publicKey)).toBe(1);
    await register(tenant.id, { kind: "GENERIC", mac: "gw-1" });
    const second = await register(tenant.id, { kind: "GENERIC", mac: "gw-2" });
    expect(second.licensed).toBe(false);
    expect((await gatewayLicensedFlags(db, [second.id])).get(second.id)).toBe(false);
    await license(tenant.id, 3);
    expect((await register(tenant.id, { kind: "GENERIC", mac: "gw-2" })).licensed).toBe(true);
  });

  it("grants nothing for a license row whose key does not verify, or without the platform's public key", async () => {
    const tenant = await upsertTenant(db, { slug: slug(), name: "t" });
    const row = await license(tenant.id, 40);
    expect(await gatewayLimit(db, tenant.id, undefined)).toBe(DEFAULT_MAX_GATEWAYS);
    await db.license.update({ where: { id: row.id }, data: { key: "edited-in-the-database" } });
    expect(await gatewayLimit(db, tenant.id, publicKey)).toBe(DEFAULT_MAX_GATEWAYS);
  });
});

describe("gateway state", () => {
  it("ignores a disconnect that belongs to an older connection", async () => {
    const tenant = await upsertTenant(db, { slug: slug(), name: "t" });
    const first = await register(tenant.id, { kind: "ARUBA", mac: "bb0000000001" }, new Date(Date.now() - 5000));
    await register(tenant.id, { kind: "ARUBA", mac: "bb0000000001" });
    await markGatewayDisconnected(db, tenant.id, first.id, first.connectedAt!);
    expect((await db.gateway.findUniqueOrThrow({ where: { id: first.id } })).connectionState).toBe("CONNECTED");
    await markGatewayDisconnected(db, tenant.id, first.id, new Date());
    expect((await db.gateway.findUniqueOrThrow({ where: { id: first.id } })).connectionState).toBe("DISCONNECTED");
  });

  it("lists gateways with statistics in IoTC's shape, health and license state", async () => {
    const tenant = await upsertTenant(db, { slug: slug(), name: "t" });
    const gw = await register(tenant.id, { kind: "ARUBA", mac: "d01546c204a2", hardwareDescriptor: "AP-305", softwareVersion: "8.7.1.1-8.7.1.1" });
    const seen = new Date(1619210924_000);
    await applyGatewayStats(db, [
      { tenantId: tenant.id, id: gw.id, total: 5, processed: 3, notProcessed: 2, notProcessedByReason: { LATE_DUPLICATE: 1, ESP3_DATA_CRC: 1 }, lastSeenAt: seen },
    ]);
    await recordGatewayHealth(db, tenant.id, gw.id, { apHealth: "HEALTHY", usbHealth: "UNPLUGGED", detail: { usb: [] }, at: new Date() });
    await touchGateways(db, [{ gatewayId: gw.id, tenantId: tenant.id, at: new Date() }]);
    const [entry] = await listGatewayStatistics(db, tenant.id);
    expect(entry!.device).toEqual({ hardwareDescriptor: "AP-305", mac: "d01546c204a2", softwareVersion: "8.7.1.1-8.7.1.1" });
    expect(entry!.stats).toMatchObject({ notProcessed: 2, successfullyProcessed: 3, totalTelegramCount: 5 });
    expect(entry!.stats.lastSeen).toMatch(/^\d{10}$/);
    expect(entry!.tidewire).toMatchObject({ apHealth: "HEALTHY", usbHealth: "UNPLUGGED", licensed: true, notProcessedByReason: { LATE_DUPLICATE: 1, ESP3_DATA_CRC: 1 } });
  });

  it("maps a client certificate fingerprint to its credential, in either spelling", async () => {
    const tenant = await upsertTenant(db, { slug: slug(), name: "t" });
    const hex = randomBytes(32).toString("hex");
    const colons = hex.toUpperCase().match(/../g)!.join(":");
    await createGatewayCertificateCredential(db, tenant.id, { name: "gateway 7", fingerprint: colons });
    expect(await findGatewayCertificate(db, hex)).toMatchObject({ tenantId: tenant.id, name: "gateway 7" });
    expect(() => normalizeCertFingerprint("abc")).toThrow(/64 hex digits/);
  });
});

describe("rolling-code persistence", () => {
  it("stores the next RLC per device and reads it back by EURID within the tenant", async () => {
    const box = new SecretBox(process.env.TIDEWIRE_MASTER_KEY!);
    const tenant = await upsertTenant(db, { slug: slug(), name: "t" });
    const other = await upsertTenant(db, { slug: slug(), name: "o" });
    await upsertDevice(db, box, tenant.id, { sourceEurid: "01a0b0c0", eep: "D2-14-41", aesKey: "00".repeat(16), slf: "8b" });
    expect(await loadNextRlc(db, tenant.id, "01a0b0c0")).toBeNull();
    await saveNextRlcs(db, [{ tenantId: tenant.id, sourceEurid: "01a0b0c0", rlc: "00001a" }]);
    await saveNextRlcs(db, [{ tenantId: tenant.id, sourceEurid: "01a0b0c0", rlc: "00001b" }, { tenantId: other.id, sourceEurid: "01a0b0c0", rlc: "ffffff" }]);
    expect(await loadNextRlc(db, tenant.id, "01a0b0c0")).toBe("00001b");
    expect(await loadNextRlc(db, other.id, "01a0b0c0")).toBeNull();
  });
});
