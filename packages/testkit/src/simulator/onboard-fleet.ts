import { upsertDevice, type Db, type SecretBox } from "@tidewire/db";
import type { SimulatedSensor } from "./sensor-fleet";

/** Onboards simulated sensors into a tenant (with their keys when secure), so their telegrams
 * are processed: tests, benchmarks and `tidewire-simulate --setup`. */
export async function onboardFleet(db: Db, box: SecretBox, tenantId: string, sensors: readonly SimulatedSensor[], options: { tags?: string[] } = {}): Promise<number> {
  const queue = [...sensors];
  const workers = Array.from({ length: 8 }, async () => {
    for (let s = queue.shift(); s; s = queue.shift()) {
      await upsertDevice(db, box, tenantId, {
        sourceEurid: s.eurid,
        eep: s.eep,
        friendlyId: `sim ${s.eep} ${s.eurid}`,
        location: "simulated building",
        tags: options.tags ?? ["simulated"],
        ...(s.security ? { aesKey: s.security.aesKey, slf: s.security.slf } : {}),
      });
    }
  });
  await Promise.all(workers);
  return sensors.length;
}
