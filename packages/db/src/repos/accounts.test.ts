import { createTenantFixture } from "@tidewire/testkit";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createDb, type Db } from "../client";
import { verifyPassword } from "../crypto/password-hash";
import { acceptInvitation, createInvitation, findInvitation, listInvitations } from "./invitations";
import { changeMemberRole, listMembers, removeMember } from "./memberships";
import { createPasswordReset, resetPassword } from "./password-resets";

let db: Db;
beforeAll(() => {
  db = createDb(process.env.DATABASE_URL!);
});
afterAll(() => db.$disconnect());

describe("invitations", () => {
  it("let a new person join with the role they were invited with, once", async () => {
    const { tenant, owner } = await createTenantFixture(db, "inv");
    const { token, invitation } = await createInvitation(db, tenant.id, { email: "New.Person@Example.com", role: "VIEWER", invitedById: owner.id });
    expect(invitation.email).toBe("new.person@example.com");
    expect((await db.invitation.findUniqueOrThrow({ where: { id: invitation.id } })).tokenHash).not.toContain(token);
    expect(await findInvitation(db, token)).toMatchObject({ hasAccount: false, role: "VIEWER", tenant: { id: tenant.id } });
    const accepted = await acceptInvitation(db, token, { name: "New Person", password: "a-long-password" });
    const members = await listMembers(db, tenant.id);
    expect(members.find((m) => m.user.id === accepted.userId)?.role).toBe("VIEWER");
    await expect(acceptInvitation(db, token, { name: "Again", password: "another-password" })).rejects.toMatchObject({ code: "NOT_FOUND" });
  });

  it("make an existing account sign in as itself to accept", async () => {
    const a = await createTenantFixture(db, "inv");
    const b = await createTenantFixture(db, "inv");
    const { token } = await createInvitation(db, a.tenant.id, { email: b.admin.email, role: "ADMIN" });
    await expect(acceptInvitation(db, token, { name: "x", password: "some-password" })).rejects.toMatchObject({ code: "CONFLICT" });
    await expect(acceptInvitation(db, token, { signedInUserId: b.viewer.id })).rejects.toMatchObject({ code: "INVALID" });
    await acceptInvitation(db, token, { signedInUserId: b.admin.id });
    expect((await listMembers(db, a.tenant.id)).some((m) => m.user.id === b.admin.id && m.role === "ADMIN")).toBe(true);
  });

  it("expire after a week, and a new invitation replaces the old link", async () => {
    const { tenant } = await createTenantFixture(db, "inv");
    const first = await createInvitation(db, tenant.id, { email: "late@example.com", role: "ADMIN" });
    const second = await createInvitation(db, tenant.id, { email: "late@example.com", role: "ADMIN" });
    await expect(findInvitation(db, first.token)).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(findInvitation(db, second.token, new Date(Date.now() + 8 * 86_400_000))).rejects.toMatchObject({ code: "EXPIRED" });
    expect((await listInvitations(db, tenant.id)).length).toBe(1);
  });

  it("refuse inviting someone who is already a member", async () => {
    const { tenant, viewer } = await createTenantFixture(db, "inv");
    await expect(createInvitation(db, tenant.id, { email: viewer.email, role: "ADMIN" })).rejects.toMatchObject({ code: "CONFLICT" });
  });
});

describe("members", () => {
  it("always keep one owner, and leave owner changes to owners", async () => {
    const { tenant, owner, admin, viewer } = await createTenantFixture(db, "mem");
    await expect(changeMemberRole(db, tenant.id, owner.id, "ADMIN", "OWNER")).rejects.toMatchObject({ code: "CONFLICT" });
    await expect(removeMember(db, tenant.id, owner.id, "OWNER")).rejects.toMatchObject({ code: "CONFLICT" });
    await expect(changeMemberRole(db, tenant.id, viewer.id, "OWNER", "ADMIN")).rejects.toMatchObject({ code: "INVALID" });
    await changeMemberRole(db, tenant.id, admin.id, "OWNER", "OWNER");
    await changeMemberRole(db, tenant.id, owner.id, "VIEWER", "OWNER");
    await removeMember(db, tenant.id, viewer.id, "ADMIN");
    expect((await listMembers(db, tenant.id)).map((m) => [m.user.id, m.role])).toEqual([
      [owner.id, "VIEWER"],
      [admin.id, "OWNER"],
    ]);
  });
});

describe("password resets", () => {
  it("set a new password with a link that works once and expires within the hour", async () => {
    const { viewer } = await createTenantFixture(db, "pwr");
    const reset = await createPasswordReset(db, viewer.email.toUpperCase());
    expect(reset?.email).toBe(viewer.email);
    await resetPassword(db, reset!.token, "brand-new-password");
    const user = await db.user.findUniqueOrThrow({ where: { id: viewer.id } });
    expect(await verifyPassword("brand-new-password", user.passwordHash!)).toBe(true);
    await expect(resetPassword(db, reset!.token, "again-password")).rejects.toMatchObject({ code: "NOT_FOUND" });
    const late = await createPasswordReset(db, viewer.email);
    await expect(resetPassword(db, late!.token, "x-password", new Date(Date.now() + 61 * 60_000))).rejects.toMatchObject({ code: "EXPIRED" });
  });

  it("answer nothing for an unknown address, without telling", async () => {
    expect(await createPasswordReset(db, "nobody@nowhere.test")).toBeNull();
  });
});
