import { TENANT_ROOT } from "./tenant-mount";

// Inside the broker a tenant client's id is placed under its tenant, the way its topics are:
// persistent sessions, offline queues and "one connection per client id" are kept per id, and
// two tenants may well pick the same client id. Without this, tenant B connecting as "reader"
// would take over tenant A's "reader" session.

export function tenantClientId(tenantId: string, clientId: string): string {
  return `${TENANT_ROOT}/${tenantId}/${clientId}`;
}

/** The tenant of a broker-side client id, or null for internal clients. */
export function tenantOfClientId(id: string): string | null {
  if (!id.startsWith(`${TENANT_ROOT}/`)) return null;
  const end = id.indexOf("/", TENANT_ROOT.length + 1);
  return end > TENANT_ROOT.length + 1 ? id.slice(TENANT_ROOT.length + 1, end) : null;
}
