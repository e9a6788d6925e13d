import "server-only";
import type { Role } from "@tidewire/db";
import { services } from "../services";
import type { Principal } from "./principal";

/** The cookie the tenant switcher sets (a preference: a stale value falls back silently). */
export const TENANT_COOKIE = "tw_tenant";
/** The header a caller sets to act for a specific tenant (a demand: refused when not allowed). */
export const TENANT_HEADER = "x-tidewire-tenant";

export interface TenantAccess {
  tenantId: string;
  tenantSlug: string;
  tenantName: string;
  /** a person's role; for an API key, ADMIN with the write scope and VIEWER without */
  role: Role;
  canWrite: boolean;
  via: "session" | "apiKey";
  actorUserId: string | null;
  actorApiKey: string | null;
}

export type AccessResult = { access: TenantAccess; denied: null } | { access: null; denied: string | null };

/** The tenant a request acts for, and what it may do there. */
export async function resolveTenantAccess(
  principal: Principal,
  options: { preferredSlug?: string | undefined; requestedSlug?: string | undefined } = {},
): Promise<AccessResult> {
  const { db } = services();
  if (principal.kind === "anonymous") return { access: null, denied: null };

  if (principal.kind === "apiKey") {
    if (options.requestedSlug && options.requestedSlug !== principal.tenantSlug) {
      return { access: null, denied: `this API key belongs to another tenant than ${options.requestedSlug}` };
    }
    const canRead = principal.scopes.includes("read") || principal.scopes.includes("write");
    if (!canRead) return { access: null, denied: "this API key has neither the read nor the write scope" };
    const tenant = await db.tenant.findUnique({ where: { id: principal.tenantId }, select: { name: true } });
    if (!tenant) return { access: null, denied: "the API key's tenant no longer exists" };
    const canWrite = principal.scopes.includes("write");
    return {
      access: {
        tenantId: principal.tenantId,
        tenantSlug: principal.tenantSlug,
        tenantName: tenant.name,
        role: canWrite ? "ADMIN" : "VIEWER",
        canWrite,
        via: "apiKey",
        actorUserId: null,
        actorApiKey: principal.keyId,
      },
      denied: null,
    };
  }

  const memberships = await db.membership.findMany({
    where: { userId: principal.userId },
    orderBy: { createdAt: "asc" },
    select: { role: true, tenant: { select: { id: true, slug: true, name: true } } },
  });
  let membership;
  if (options.requestedSlug) {
    membership = memberships.find((m) => m.tenant.slug === options.requestedSlug);
    if (!membership) return { access: null, denied: `you are not a member of tenant ${options.requestedSlug}` };
  } else {
    membership = memberships.find((m) => m.tenant.slug === options.preferredSlug) ?? memberships[0];
  }
  if (!membership) return { access: null, denied: null };
  return {
    access: {
      tenantId: membership.tenant.id,
      tenantSlug: membership.tenant.slug,
      tenantName: membership.tenant.name,
      role: membership.role,
      canWrite: membership.role !== "VIEWER",
      via: "session",
      actorUserId: principal.userId,
      actorApiKey: null,
    },
    denied: null,
  };
}
