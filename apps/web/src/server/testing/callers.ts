// For tests: call the tRPC procedures in-process as a given person or API key, exactly as an
// HTTP request authenticated that way would.
import { verifyApiKey } from "@tidewire/db";
import type { Principal } from "../auth/principal";
import { services } from "../services";
import { contextFor } from "../trpc/context";
import { createCaller } from "../trpc/root";

export function sessionOf(user: { id: string; email: string; name: string; isPlatformAdmin: boolean }): Principal {
  return { kind: "session", userId: user.id, email: user.email, name: user.name, isPlatformAdmin: user.isPlatformAdmin };
}

export async function apiKeyOf(keyId: string, secret: string): Promise<Principal> {
  const key = await verifyApiKey(services().db, keyId, secret);
  if (!key) throw new Error(`API key ${keyId} does not verify`);
  return { kind: "apiKey", apiKeyId: key.id, keyId, ...key };
}

/** A caller acting as the principal; the response headers it would set go to `responseHeaders`. */
export async function callerAs(principal: Principal, options: { tenantSlug?: string; responseHeaders?: Headers } = {}) {
  return createCaller(await contextFor(principal, { requestedSlug: options.tenantSlug, resHeaders: options.responseHeaders }));
}
