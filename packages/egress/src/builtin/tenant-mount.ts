/** The built-in broker gives every tenant its own topic space: internally every topic lives
 * under tenants/<tenantId>/, and a tenant's client sees (and writes) only the part after it. */
export const TENANT_ROOT = "tenants";

/** The account delivery workers publish into tenant spaces with. */
export const INTERNAL_USERNAME = "tidewire-internal";

export function mountPrefix(tenantId: string): string {
  return `${TENANT_ROOT}/${tenantId}/`;
}

/** A client's topic or filter, placed into its tenant's space; null when it may not be used
 * (reserved $ topics, or a filter that tries to escape the space). */
export function mountTopic(tenantId: string, topic: string): string | null {
  if (!topic || topic.startsWith("$") || topic.includes("\u0000")) return null;
  return mountPrefix(tenantId) + topic;
}

/** The internal topic as the tenant's client must see it; null when it is not the tenant's. */
export function unmountTopic(tenantId: string, topic: string): string | null {
  const prefix = mountPrefix(tenantId);
  return topic.startsWith(prefix) ? topic.slice(prefix.length) : null;
}
