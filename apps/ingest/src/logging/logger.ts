import { pino, type Logger } from "pino";

export type { Logger };

/** Structured logs. Anything that could carry a secret is redacted by path, so a careless
 * `log.info({ req })` cannot leak a token or password. */
export function createLogger(level: string, role: string): Logger {
  return pino({
    level,
    base: { role },
    redact: {
      paths: [
        "password",
        "*.password",
        "token",
        "*.token",
        "secret",
        "*.secret",
        "authorization",
        "*.authorization",
        "headers.authorization",
        "*.headers.authorization",
        "aesKey",
        "*.aesKey",
        "connectionString",
        "*.connectionString",
      ],
      censor: "[redacted]",
    },
  });
}
