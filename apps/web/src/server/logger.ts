import "server-only";
import { pino, type Logger } from "pino";

/** The web role's structured log. Anything that could carry a secret is redacted by path, so a
 * careless `log.info({ input })` cannot leak a password, key or token. */
export function createWebLogger(level: string): Logger {
  const secretFields = ["password", "secret", "secrets", "token", "aesKey", "authorization", "cookie", "connectionString", "key", "psk"];
  return pino({
    level,
    base: { role: "web" },
    redact: {
      paths: [...secretFields, ...secretFields.map((f) => `*.${f}`), "headers.authorization", "headers.cookie", "*.headers.authorization", "*.headers.cookie"],
      censor: "[redacted]",
    },
  });
}
