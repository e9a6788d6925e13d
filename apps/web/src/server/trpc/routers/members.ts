import "server-only";
import { changeMemberRole, createInvitation, listInvitations, listMembers, removeMember, revokeInvitation } from "@tidewire/db";
import { TRPCError } from "@trpc/server";
import { z } from "zod";
import { inviteUrl, sendInvitation } from "../../mail/account-mails";
import { router, tenantAdminProcedure, tenantProcedure } from "../init";
import { isoDate, nullableIsoDate } from "../schemas/common";

const tags = ["Members"];
const roleSchema = z.enum(["OWNER", "ADMIN", "VIEWER"]);

export const membersRouter = router({
  list: tenantProcedure
    .meta({ openapi: { method: "GET", path: "/members", tags, summary: "Members and pending invitations" } })
    .input(z.object({}).optional())
    .output(
      z.object({
        members: z.array(z.object({ userId: z.string(), email: z.string(), name: z.string(), role: roleSchema, since: isoDate, lastLoginAt: nullableIsoDate })),
        invitations: z.array(z.object({ id: z.string(), email: z.string(), role: roleSchema, expiresAt: isoDate, createdAt: isoDate })),
      }),
    )
    .query(async ({ ctx }) => {
      const [members, invitations] = await Promise.all([listMembers(ctx.db, ctx.access.tenantId), listInvitations(ctx.db, ctx.access.tenantId)]);
      return {
        members: members.map((m) => ({
          userId: m.user.id,
          email: m.user.email,
          name: m.user.name,
          role: m.role,
          since: m.createdAt.toISOString(),
          lastLoginAt: m.user.lastLoginAt?.toISOString() ?? null,
        })),
        invitations: invitations.map((i) => ({ ...i, expiresAt: i.expiresAt.toISOString(), createdAt: i.createdAt.toISOString() })),
      };
    }),

  invite: tenantAdminProcedure
    .meta({ openapi: { method: "POST", path: "/members/invitations", tags, summary: "Invite someone by e-mail; the link is also returned once, to pass on by hand" } })
    .input(z.object({ email: z.string().trim().toLowerCase().email(), role: roleSchema }))
    .output(z.object({ id: z.string(), email: z.string(), role: roleSchema, expiresAt: isoDate, inviteUrl: z.string().describe("shown once") }))
    .mutation(async ({ ctx, input }) => {
      if (input.role === "OWNER" && ctx.access.role !== "OWNER") {
        throw new TRPCError({ code: "FORBIDDEN", message: "only owners can invite owners" });
      }
      const { invitation, token } = await createInvitation(ctx.db, ctx.access.tenantId, { ...input, invitedById: ctx.principal.userId });
      await sendInvitation(ctx.services, { to: invitation.email, tenantName: ctx.access.tenantName, inviter: ctx.principal.email, role: input.role, token });
      return { id: invitation.id, email: invitation.email, role: invitation.role, expiresAt: invitation.expiresAt.toISOString(), inviteUrl: inviteUrl(ctx.services, token) };
    }),

  revokeInvitation: tenantAdminProcedure
    .meta({ openapi: { method: "DELETE", path: "/members/invitations/{id}", tags, summary: "Withdraw an invitation" } })
    .input(z.object({ id: z.string() }))
    .output(z.object({ id: z.string() }))
    .mutation(({ ctx, input }) => revokeInvitation(ctx.db, ctx.access.tenantId, input.id)),

  changeRole: tenantAdminProcedure
    .meta({ openapi: { method: "PATCH", path: "/members/{userId}", tags, summary: "Change a member's role (a tenant keeps at least one owner)" } })
    .input(z.object({ userId: z.string(), role: roleSchema }))
    .output(z.object({ userId: z.string(), role: roleSchema }))
    .mutation(async ({ ctx, input }) => {
      const m = await changeMemberRole(ctx.db, ctx.access.tenantId, input.userId, input.role, ctx.access.role);
      return { userId: m.userId, role: m.role };
    }),

  remove: tenantAdminProcedure
    .meta({ openapi: { method: "DELETE", path: "/members/{userId}", tags, summary: "Remove a member from the tenant" } })
    .input(z.object({ userId: z.string() }))
    .output(z.object({ userId: z.string() }))
    .mutation(({ ctx, input }) => removeMember(ctx.db, ctx.access.tenantId, input.userId, ctx.access.role)),
});
