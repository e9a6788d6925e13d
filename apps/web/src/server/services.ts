import "server-only";
import { loadConfig } from "@tidewire/config";
import { createDb, SecretBox, type Db } from "@tidewire/db";
import { LicenseError, normalizePublicKey, publicKeyOf } from "@tidewire/license";
import { Redis } from "ioredis";
import type { Logger } from "pino";
import { createWebLogger } from "./logger";
import { Mailer } from "./mail/mailer";

/** Process-wide singletons of the web role (kept on globalThis so dev reloads reuse them). */
export type Services = {
  config: ReturnType<typeof loadWebConfig>;
  db: Db;
  box: SecretBox;
  redis: Redis;
  log: Logger;
  mailer: Mailer;
  license: { signingKey: string; publicKey: string };
};

function loadWebConfig() {
  return loadConfig({ require: ["TIDEWIRE_MASTER_KEY", "AUTH_SECRET", "LICENSE_SIGNING_KEY"] });
}

/** The platform's license key pair: the public key is derived from the private one when it is
 * not configured, and must belong to it when it is. */
function licenseKeys(config: ReturnType<typeof loadWebConfig>) {
  const publicKey = publicKeyOf(config.LICENSE_SIGNING_KEY);
  if (config.LICENSE_PUBLIC_KEY && normalizePublicKey(config.LICENSE_PUBLIC_KEY) !== publicKey) {
    throw new LicenseError("LICENSE_KEY_INVALID", "LICENSE_PUBLIC_KEY does not belong to LICENSE_SIGNING_KEY");
  }
  return { signingKey: config.LICENSE_SIGNING_KEY, publicKey };
}

const holder = globalThis as unknown as { __tidewire?: Services };

export function services(): Services {
  if (!holder.__tidewire) {
    const config = loadWebConfig();
    const log = createWebLogger(config.LOG_LEVEL);
    holder.__tidewire = {
      config,
      db: createDb(config.DATABASE_URL),
      box: new SecretBox(config.TIDEWIRE_MASTER_KEY),
      redis: new Redis(config.REDIS_URL, { maxRetriesPerRequest: 2, lazyConnect: false }),
      log,
      mailer: new Mailer(config, log),
      license: licenseKeys(config),
    };
  }
  return holder.__tidewire;
}
