import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { verifyPassword } from "@tidewire/db";
import { createTenantFixture, type TenantFixture } from "@tidewire/testkit";
import { callerAs, sessionOf } from "../../testing/callers";
import { services } from "../../services";

let fx: TenantFixture;

beforeAll(async () => {
  fx = await createTenantFixture(services().db, "accounts");
});

/** The newest e-mail to an address in the outbox (MAIL_OUTBOX_DIR, no SMTP in tests). */
function lastMailTo(address: string): string {
  const dir = process.env.MAIL_OUTBOX_DIR!;
  const files = readdirSync(dir)
    .filter((f) => f.endsWith(`-${address.replace(/[^a-z0-9@._-]/gi, "_")}.eml`))
    .sort();
  if (!files.length) throw new Error(`no e-mail to ${address}`);
  // Quoted-printable breaks long lines with "=" at the end; join them back.
  return readFileSync(path.join(dir, files.at(-1)!), "utf8").replace(/=\r?\n/g, "").replace(/=3D/g, "=");
}

describe("invitations", () => {
  it("e-mail a link that lets a new person create an account and join with the role given", async () => {
    const owner = await callerAs(sessionOf(fx.owner));
    const invited = await owner.members.invite({ email: "New.Colleague@Example.test", role: "VIEWER" });
    expect(invited.inviteUrl).toMatch(/\/invitations\/twi_/);
    const mail = lastMailTo("new.colleague@example.test");
    expect(mail).toContain(`You are invited to ${fx.tenant.name} on Tidewire`);
    const token = /\/invitations\/(twi_[A-Za-z0-9_-]+)/.exec(mail)![1]!;
    const anonymous = await callerAs({ kind: "anonymous" });
    expect(await anonymous.session.invitation({ token })).toMatchObject({ email: "new.colleague@example.test", role: "VIEWER", hasAccount: false });
    await anonymous.session.acceptInvitation({ token, name: "New Colleague", password: "a-good-password" });
    const members = await owner.members.list();
    expect(members.members.find((m) => m.email === "new.colleague@example.test")?.role).toBe("VIEWER");
    expect(members.invitations).toEqual([]);
  });

  it("let only owners invite owners", async () => {
    const admin = await callerAs(sessionOf(fx.admin));
    await expect(admin.members.invite({ email: "boss@example.test", role: "OWNER" })).rejects.toThrow(/only owners/);
  });
});

describe("password reset", () => {
  it("e-mails a one-time link; the new password works and the link does not work twice", async () => {
    const anonymous = await callerAs({ kind: "anonymous" });
    await anonymous.session.requestPasswordReset({ email: fx.viewer.email });
    const token = /\/reset-password\/(twr_[A-Za-z0-9_-]+)/.exec(lastMailTo(fx.viewer.email))![1]!;
    await anonymous.session.resetPassword({ token, password: "my-new-password" });
    const user = await services().db.user.findUniqueOrThrow({ where: { id: fx.viewer.id } });
    expect(await verifyPassword("my-new-password", user.passwordHash!)).toBe(true);
    await expect(anonymous.session.resetPassword({ token, password: "another-password" })).rejects.toThrow(/not valid/);
  });

  it("answers the same for an address without an account, and stops after five requests an hour", async () => {
    const anonymous = await callerAs({ kind: "anonymous" });
    for (let i = 0; i < 5; i++) expect(await anonymous.session.requestPasswordReset({ email: "ghost@nowhere.test" })).toEqual({ ok: true });
    await expect(anonymous.session.requestPasswordReset({ email: "ghost@nowhere.test" })).rejects.toThrow(/too many reset requests/);
  });
});

describe("switching tenants", () => {
  it("sets the tenant cookie for a tenant the person belongs to, and refuses any other", async () => {
    const second = await createTenantFixture(services().db, "accounts");
    await services().db.membership.create({ data: { tenantId: second.tenant.id, userId: fx.owner.id, role: "VIEWER" } });
    const responseHeaders = new Headers();
    const owner = await callerAs(sessionOf(fx.owner), { responseHeaders });
    expect((await owner.session.whoami()).tenants.map((t) => t.slug).sort()).toEqual([fx.tenant.slug, second.tenant.slug].sort());
    await owner.session.switchTenant({ slug: second.tenant.slug });
    expect(responseHeaders.get("set-cookie")).toMatch(new RegExp(`^tw_tenant=${second.tenant.slug}; Path=/; HttpOnly; SameSite=Lax`));
    const stranger = await createTenantFixture(services().db, "accounts");
    await expect(owner.session.switchTenant({ slug: stranger.tenant.slug })).rejects.toThrow(/not a member/);
  });
});

describe("audit log", () => {
  it("records who changed what, with secrets replaced by 'set'", async () => {
    const admin = await callerAs(sessionOf(fx.admin));
    await admin.devices.create({ sourceEurid: "a0a0a0a0", eep: "D2-14-41", aesKey: "3a0c1b30b0a822a17a28fd01d77abdae", slf: "f3", friendlyId: "Audited" });
    const log = await admin.tenant.auditLog({ take: 5 });
    const entry = log.find((e) => e.action === "devices.create")!;
    expect(entry).toMatchObject({ actor: fx.admin.email, entityType: "devices", details: { sourceEurid: "a0a0a0a0", aesKey: "[set]", friendlyId: "Audited" } });
    expect(JSON.stringify(log)).not.toContain("3a0c1b30b0a822a17a28fd01d77abdae");
  });
});
