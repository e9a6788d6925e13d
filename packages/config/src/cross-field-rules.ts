import type { Env } from "./env-schema";

type Problem = { variable: string; expected: string; received?: string };

/** Rules that involve several variables; each names the variable to change. */
export function crossFieldProblems(env: Env): Problem[] {
  const problems: Problem[] = [];
  if (Boolean(env.INGEST_TLS_CERT) !== Boolean(env.INGEST_TLS_KEY)) {
    const missing = env.INGEST_TLS_CERT ? "INGEST_TLS_KEY" : "INGEST_TLS_CERT";
    problems.push({ variable: missing, expected: "the certificate and its key go together: set both INGEST_TLS_CERT and INGEST_TLS_KEY, or neither" });
  }
  if (env.INGEST_TLS_CA && !env.INGEST_TLS_CERT) {
    problems.push({ variable: "INGEST_TLS_CA", expected: "client certificates need TLS: set INGEST_TLS_CERT and INGEST_TLS_KEY too", received: env.INGEST_TLS_CA });
  }
  // Receptions are gathered while the telegram's duplicate key is alive; a window shorter than the
  // gathering (plus time for the gathered frame to be released) would let a late copy through.
  if (env.DEDUP_WINDOW_MS < env.DEDUP_GATHER_MS + 100) {
    problems.push({
      variable: "DEDUP_WINDOW_MS",
      expected: `at least DEDUP_GATHER_MS + 100 (${env.DEDUP_GATHER_MS + 100})`,
      received: String(env.DEDUP_WINDOW_MS),
    });
  }
  if (env.ROLES.includes("mqtt-auth") && !env.MQTT_AUTH_HOOK_SECRET) {
    problems.push({ variable: "MQTT_AUTH_HOOK_SECRET", expected: "required by ROLES=mqtt-auth: a random string of at least 24 characters, sent by the broker as x-tidewire-hook-secret" });
  }
  return problems;
}
