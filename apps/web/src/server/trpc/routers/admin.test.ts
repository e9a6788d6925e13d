import { beforeAll, describe, expect, it } from "vitest";
import { upsertDevice, upsertUser } from "@tidewire/db";
import { createTenantFixture, type TenantFixture } from "@tidewire/testkit";
import { callerAs, sessionOf } from "../../testing/callers";
import { services } from "../../services";

let fx: TenantFixture;
let platform: Awaited<ReturnType<typeof callerAs>>;

beforeAll(async () => {
  fx = await createTenantFixture(services().db, "lic");
  const admin = await upsertUser(services().db, { email: `platform-${fx.tenant.slug}@tidewire.test`, password: "platform-pass", isPlatformAdmin: true });
  platform = await callerAs(sessionOf(admin));
  for (let i = 0; i < 4; i++) await upsertDevice(services().db, services().box, fx.tenant.id, { sourceEurid: (0x50000000 + i).toString(16), eep: "A5-02-05" });
});

describe("license portal", () => {
  it("issues a license whose limits the tenant sees at once, and shows plainly what is dropped", async () => {
    const owner = await callerAs(sessionOf(fx.owner));
    expect((await owner.dashboard.summary()).usage.limits).toMatchObject({ source: "trial", maxDevices: 25 });
    const license = await platform.admin.issueLicense({ tenantId: fx.tenant.id, maxDevices: 3, maxGateways: 2, maxMessagesPerDay: 5000, retentionDays: 90, validUntil: "2099-12-31T00:00:00Z" });
    expect(license).toMatchObject({ state: "active", maxDevices: 3, key: expect.stringMatching(/^TW1\./) });
    const usage = (await owner.dashboard.summary()).usage;
    expect(usage).toMatchObject({ limits: { source: "license", maxDevices: 3, retentionDays: 90 }, devices: { total: 4, licensed: 3, unlicensed: 1 } });
    const detail = await owner.tenant.license();
    expect(detail.unlicensedDevices).toEqual([{ sourceEurid: "50000003", friendlyId: "" }]);
    expect((await owner.tenant.get()).retentionDays).toBe(90);
    const row = (await platform.admin.tenants()).find((t) => t.id === fx.tenant.id)!;
    expect(row).toMatchObject({ devices: 4, unlicensedDevices: 1, limits: { maxDevices: 3 } });
  });

  it("extends a license with a newly signed key, and revoking it falls back to the trial", async () => {
    const issued = await platform.admin.issueLicense({ tenantId: fx.tenant.id, maxDevices: 10, maxGateways: 2, maxMessagesPerDay: 5000, validUntil: "2030-01-01" });
    const extended = await platform.admin.extendLicense({ tenantId: fx.tenant.id, licenseId: issued.id, validUntil: "2031-01-01" });
    expect(extended.validUntil).toBe("2031-01-01T00:00:00.000Z");
    expect(extended.key).not.toBe(issued.key);
    const licenses = (await platform.admin.tenant({ tenantId: fx.tenant.id })).licenses;
    for (const l of licenses.filter((l) => l.state === "active")) await platform.admin.revokeLicense({ tenantId: fx.tenant.id, licenseId: l.id });
    const owner = await callerAs(sessionOf(fx.owner));
    expect((await owner.dashboard.summary()).usage).toMatchObject({ limits: { source: "trial" }, devices: { unlicensed: 0 } });
  });

  it("creates a tenant and invites its first owner", async () => {
    const created = await platform.admin.createTenant({ slug: `new-${fx.tenant.slug}`.slice(0, 40), name: "New Co", ownerEmail: "first.owner@newco.test" });
    expect(created.inviteUrl).toMatch(/\/invitations\/twi_/);
    const invitation = await services().db.invitation.findFirstOrThrow({ where: { tenantId: created.id } });
    expect(invitation).toMatchObject({ email: "first.owner@newco.test", role: "OWNER" });
  });
});
