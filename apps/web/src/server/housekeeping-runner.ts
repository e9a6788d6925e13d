import "server-only";
import { Housekeeping } from "@tidewire/housekeeping";
import { services } from "./services";

const holder = globalThis as unknown as { __tidewireHousekeeping?: Housekeeping };

/** Starts the web role's share of housekeeping (ALARM_INTERVAL_SECONDS=0 leaves alarms to
 * another process). MQTT alarm messages need BROKER_INTERNAL_SECRET. */
export function startHousekeeping(): void {
  if (holder.__tidewireHousekeeping) return;
  const s = services();
  const housekeeping = new Housekeeping({
    db: s.db,
    redis: s.redis,
    prefix: s.config.REDIS_PREFIX,
    licensePublicKey: s.license.publicKey,
    ...(s.config.BROKER_INTERNAL_SECRET ? { broker: { url: s.config.BROKER_INTERNAL_URL, internalSecret: s.config.BROKER_INTERNAL_SECRET } } : {}),
    log: s.log,
    alarmIntervalMs: s.config.ALARM_INTERVAL_SECONDS * 1000,
  });
  housekeeping.start();
  holder.__tidewireHousekeeping = housekeeping;
  s.log.info({ alarmIntervalSeconds: s.config.ALARM_INTERVAL_SECONDS, mqttAlarms: Boolean(s.config.BROKER_INTERNAL_SECRET) }, "housekeeping started");
}
