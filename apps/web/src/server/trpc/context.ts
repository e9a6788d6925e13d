import "server-only";
import type { Db, SecretBox } from "@tidewire/db";
import type { Principal } from "../auth/principal";
import { resolveTenantAccess, TENANT_COOKIE, TENANT_HEADER, type TenantAccess } from "../auth/tenant-access";
import { readCookie } from "../http/cookies";
import { services, type Services } from "../services";

export interface Context {
  services: Services;
  db: Db;
  box: SecretBox;
  principal: Principal;
  /** the tenant the request acts for; null when none (or refused, see accessDenied) */
  access: TenantAccess | null;
  /** why the requested tenant was refused, when it was */
  accessDenied: string | null;
  /** adds a Set-Cookie header to the response (tenant switcher) */
  setCookie: (cookie: string) => void;
}

/** The context of one request; the principal was authenticated (and rate limited) by the route. */
export async function createContext(opts: { req: Request; resHeaders?: Headers; principal: Principal }): Promise<Context> {
  const requestedSlug = opts.req.headers.get(TENANT_HEADER) ?? undefined;
  const preferredSlug = readCookie(opts.req, TENANT_COOKIE);
  return contextFor(opts.principal, { requestedSlug, preferredSlug, resHeaders: opts.resHeaders });
}

/** A context for a principal without an HTTP request (server components, IoTC routes, tests). */
export async function contextFor(
  principal: Principal,
  options: { requestedSlug?: string | undefined; preferredSlug?: string | undefined; resHeaders?: Headers | undefined } = {},
): Promise<Context> {
  const s = services();
  const result = await resolveTenantAccess(principal, options);
  return {
    services: s,
    db: s.db,
    box: s.box,
    principal,
    access: result.access,
    accessDenied: result.denied,
    setCookie: (cookie) => options.resHeaders?.append("set-cookie", cookie),
  };
}
