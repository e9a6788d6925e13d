import "server-only";
import { applyLicenseLimits } from "@tidewire/db";
import { channels } from "@tidewire/config";
import type { Services } from "./services";

/** After a tenant's devices (or its license) changed: re-apply the license's limits, then tell
 * the decode workers to drop their cached copy of the tenant's devices. */
export async function devicesChanged(s: Services, tenantId: string) {
  const enforcement = await applyLicenseLimits(s.db, tenantId, s.license.publicKey);
  await s.redis.publish(channels.devicesChanged(s.config.REDIS_PREFIX), tenantId);
  return enforcement;
}

/** After an egress target was created, changed or deleted: delivery workers reload it. */
export async function targetsChanged(s: Services, targetId: string) {
  await s.redis.publish(channels.targetsChanged(s.config.REDIS_PREFIX), targetId);
}
