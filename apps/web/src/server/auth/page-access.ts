import "server-only";
import { cookies, headers } from "next/headers";
import { principalFromRequest, type SessionPrincipal } from "./principal";
import { resolveTenantAccess, TENANT_COOKIE, type TenantAccess } from "./tenant-access";

/** The signed-in person and the tenant they act for, for server-rendered pages (the session
 * cookie only: pages are for people, not API keys). */
export async function pageAccess(): Promise<{ principal: SessionPrincipal | null; access: TenantAccess | null }> {
  const cookie = (await headers()).get("cookie") ?? "";
  const principal = await principalFromRequest(new Request("http://portal.local/", { headers: { cookie } }));
  if (principal.kind !== "session") return { principal: null, access: null };
  const { access } = await resolveTenantAccess(principal, { preferredSlug: (await cookies()).get(TENANT_COOKIE)?.value });
  return { principal, access };
}
