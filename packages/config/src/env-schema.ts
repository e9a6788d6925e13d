import { z } from "zod";

/** Environment of every Tidewire process. Defaults are chosen so that one machine with
 * PostgreSQL, Redis and Mosquitto on their standard ports needs no configuration at all. */
const port = (fallback: number) => z.coerce.number().int().min(1).max(65535).default(fallback);

const urlWithProtocol = (protocols: string[], fallback: string) =>
  z
    .string()
    .default(fallback)
    .refine(
      (value) => {
        try {
          return protocols.includes(new URL(value).protocol);
        } catch {
          return false;
        }
      },
      { message: `expected a URL starting with ${protocols.map((p) => `${p}//`).join(" or ")}` },
    );

/** Same check, for a variable that has no default and may stay unset. */
const optionalUrlWithProtocol = (protocols: string[]) =>
  z
    .string()
    .refine(
      (value) => {
        try {
          return protocols.includes(new URL(value).protocol);
        } catch {
          return false;
        }
      },
      { message: `expected a URL starting with ${protocols.map((p) => `${p}//`).join(" or ")}` },
    )
    .optional();

const booleanFlag = (fallback: boolean) =>
  z
    .enum(["true", "false", "1", "0", "yes", "no"], { message: "expected true or false" })
    .default(fallback ? "true" : "false")
    .transform((v) => v === "true" || v === "1" || v === "yes");

const base64Key = z
  .string()
  .refine((v) => Buffer.from(v, "base64").length === 32, {
    message: "expected 32 random bytes, base64-encoded (openssl rand -base64 32)",
  });

export const envSchema = z.object({
  NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
  LOG_LEVEL: z
    .enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"])
    .default("info"),

  DATABASE_URL: urlWithProtocol(
    ["postgresql:", "postgres:"],
    "postgresql://postgres@127.0.0.1:5432/tidewire",
  ),
  REDIS_URL: urlWithProtocol(["redis:", "rediss:"], "redis://127.0.0.1:6379"),
  /** Prefix of every Redis key and BullMQ queue, so that several installations (or test runs)
   * can share one Redis. */
  REDIS_PREFIX: z
    .string()
    .regex(/^[A-Za-z0-9_.:-]{1,64}$/, "expected 1-64 letters, digits or _.:-")
    .default("tw"),

  WEB_PORT: port(3000),
  /** Public URL of the portal (links in e-mails, next-auth callbacks). */
  PUBLIC_URL: urlWithProtocol(["http:", "https:"], "http://localhost:3000"),
  INGEST_PORT: port(8080),
  /** Public URL of the ingest endpoints as gateways, The Things Stack webhooks and small devices
   * reach them (shown on the portal's Integrations page). */
  INGEST_PUBLIC_URL: urlWithProtocol(["http:", "https:"], "http://localhost:8080"),
  INGEST_HOST: z.string().default("0.0.0.0"),
  /** Built-in MQTT broker. 1884 by default because a local Mosquitto usually holds 1883. */
  BROKER_PORT: port(1884),
  BROKER_WS_PORT: port(8884),
  BROKER_HOST: z.string().default("0.0.0.0"),
  /** Where workers reach the built-in broker to publish tenant messages. */
  BROKER_INTERNAL_URL: urlWithProtocol(["mqtt:", "mqtts:"], "mqtt://127.0.0.1:1884"),
  METRICS_PORT: port(9464),

  /** Which roles this process runs (apps/ingest): any of ingest, worker, broker, mqtt-auth (the
   * HTTP auth/ACL hook for an external MQTT broker, docs/mqtt-auth-hook.md). */
  ROLES: z
    .string()
    .default("ingest,worker,broker")
    .transform((v) => v.split(",").map((r) => r.trim()).filter(Boolean))
    .pipe(z.array(z.enum(["ingest", "worker", "broker", "mqtt-auth"])).min(1, "expected at least one role")),
  /** The mqtt-auth role: where an external broker (EMQX) asks who may log in and use which topic. */
  MQTT_AUTH_HOOK_PORT: port(8090),
  MQTT_AUTH_HOOK_HOST: z.string().default("0.0.0.0"),
  /** the header x-tidewire-hook-secret the external broker sends with every hook request */
  MQTT_AUTH_HOOK_SECRET: z.string().min(24, "expected at least 24 characters").optional(),

  /** AES-256-GCM master key for secrets at rest (device keys, egress passwords). */
  TIDEWIRE_MASTER_KEY: base64Key.optional(),
  /** Secret that signs portal sessions (next-auth). */
  AUTH_SECRET: z.string().min(32, "expected at least 32 characters").optional(),
  /** Shared secret the broker and workers use for the internal publisher account. */
  BROKER_INTERNAL_SECRET: z.string().min(16, "expected at least 16 characters").optional(),

  /** Jobs of one partition are at least this far apart (ms; or INGEST_BATCH_MAX frames): every
   * job costs Redis and the worker the same whatever it holds, so fewer, fuller jobs carry more. */
  INGEST_BATCH_MS: z.coerce.number().int().min(0).max(1000).default(20),
  INGEST_BATCH_MAX: z.coerce.number().int().min(1).max(5000).default(250),
  /** Telegram queue partitions. A device's telegrams always go to the same partition, and each
   * partition is decoded one batch at a time across all workers, which keeps per-device order;
   * partitions are what runs in parallel. */
  TELEGRAM_PARTITIONS: z.coerce.number().int().min(1).max(256).default(16),

  /** Allow egress targets on private or loopback addresses (development, tests, on-premises). */
  ALLOW_PRIVATE_EGRESS: booleanFlag(false),

  /** TLS for the gateway endpoints: with a certificate and its key (PEM files) ingest serves
   * https/wss itself (`npm run certs` makes development ones). */
  INGEST_TLS_CERT: z.string().min(1).optional(),
  INGEST_TLS_KEY: z.string().min(1).optional(),
  /** CA certificates (PEM) that sign generic gateways' client certificates; with it, ingest asks
   * for a client certificate and accepts one registered to a gateway credential instead of a token. */
  INGEST_TLS_CA: z.string().min(1).optional(),
  /** A websocket message larger than this closes the connection with 1009. */
  INGEST_MAX_MESSAGE_BYTES: z.coerce.number().int().min(1024).max(16 * 1024 * 1024).default(64 * 1024),
  /** Ingest pings every gateway connection this often; one that has not answered the previous
   * ping is closed (half-open connections). */
  INGEST_HEARTBEAT_SECONDS: z.coerce.number().int().min(1).max(3600).default(30),

  /** The same radio telegram heard again within this many milliseconds (by another gateway, or
   * repeated) is a duplicate (docs/duplicates.md). */
  DEDUP_WINDOW_MS: z.coerce.number().int().min(50).max(60_000).default(300),
  /** A telegram is held this long after its first reception so that the other gateways'
   * receptions can join it before it is decoded. */
  DEDUP_GATHER_MS: z.coerce.number().int().min(0).max(5_000).default(40),
  /** A telegram that already has as many receptions as its sender's recent telegrams had stops
   * gathering at once instead of waiting out DEDUP_GATHER_MS (docs/duplicates.md). */
  DEDUP_EARLY_RELEASE: booleanFlag(true),

  /** A LoRaWAN uplink with the same device, session and frame counter as one received within
   * this many seconds is a duplicate and dropped (docs/lorawan.md). */
  UPLINK_DEDUP_SECONDS: z.coerce.number().int().min(10).max(86_400).default(900),
  /** Ingest processes subscribe to tenants' The Things Stack MQTT integrations (one process per
   * tenant at a time, by a Redis lease); false leaves that to other ingest processes. */
  TTS_MQTT_ENABLED: booleanFlag(true),
  /** How often the TTS MQTT settings are re-read and the leases renewed (ms). */
  TTS_MQTT_REFRESH_MS: z.coerce.number().int().min(500).max(300_000).default(10_000),

  /** Lifetime of the access tokens /auth/aruba issues. */
  ARUBA_TOKEN_TTL_SECONDS: z.coerce.number().int().min(60).max(7 * 24 * 3600).default(3600),
  /** Login attempts at /auth/aruba per source address and minute. */
  GATEWAY_AUTH_ATTEMPTS_PER_MINUTE: z.coerce.number().int().min(1).max(100_000).default(300),
  /** Failed gateway logins (Aruba logins, generic gateway tokens and certificates) per username
   * and per source address within 15 minutes before further attempts are refused (429). */
  GATEWAY_AUTH_FAILURES_PER_15_MIN: z.coerce.number().int().min(1).max(10_000).default(10),

  /** Ed25519 private key that signs license keys (web only): base64 PKCS#8 DER, or PEM. */
  LICENSE_SIGNING_KEY: z.string().min(40, "expected an Ed25519 private key (base64 PKCS#8 DER or PEM)").optional(),
  /** Ed25519 public key every process verifies license keys with: base64 SPKI DER, or PEM. */
  LICENSE_PUBLIC_KEY: z.string().min(40, "expected an Ed25519 public key (base64 SPKI DER or PEM)").optional(),

  /** Single sign-on through an OpenID Connect provider; all three turn it on. */
  OIDC_ISSUER: optionalUrlWithProtocol(["https:", "http:"]),
  OIDC_CLIENT_ID: z.string().min(1).optional(),
  OIDC_CLIENT_SECRET: z.string().min(1).optional(),
  /** What the sign-in button calls the provider. */
  OIDC_NAME: z.string().min(1).max(40).default("Single sign-on"),

  /** Outgoing e-mail (invitations, password resets): smtp://user:pass@host:587 or smtps://… */
  SMTP_URL: optionalUrlWithProtocol(["smtp:", "smtps:"]),
  MAIL_FROM: z.string().min(3).default("Tidewire <no-reply@tidewire.local>"),
  /** Without SMTP_URL, e-mails are written to this folder as .eml files (development, tests). */
  MAIL_OUTBOX_DIR: z.string().min(1).default(".tidewire/outbox"),

  /** Default request limits of a new API key (each key can have its own). */
  API_RATE_LIMIT_PER_SECOND: z.coerce.number().int().min(1).max(100_000).default(20),
  API_RATE_LIMIT_PER_MINUTE: z.coerce.number().int().min(1).max(1_000_000).default(600),

  /** How often device health alarms are evaluated, in seconds; 0 turns the evaluation off in
   * this process (another process, e.g. a worker, may run it). */
  ALARM_INTERVAL_SECONDS: z.coerce.number().int().min(0).max(3600).default(60),
  /** Egress delivery policy (each target may lower the backlog bound or the dead-letter age). */
  EGRESS_RETRY_BASE_MS: z.coerce.number().int().min(10).max(600_000).default(500),
  EGRESS_RETRY_MAX_MS: z.coerce.number().int().min(100).max(3_600_000).default(60_000),
  /** consecutive failures after which a target is paused and probed */
  EGRESS_BREAKER_THRESHOLD: z.coerce.number().int().min(1).max(1000).default(5),
  EGRESS_PROBE_MAX_SECONDS: z.coerce.number().int().min(1).max(86_400).default(300),
  /** a batch not delivered for this long moves to the target's dead letters */
  EGRESS_DEAD_LETTER_AFTER_SECONDS: z.coerce.number().int().min(1).max(30 * 86_400).default(86_400),
  /** batches a target may have waiting; beyond it the oldest move to the dead letters */
  EGRESS_MAX_BACKLOG: z.coerce.number().int().min(1).max(10_000_000).default(100_000),

  /** The installation's agrirouter application (telemetry platform), for agrirouter targets. */
  AGRIROUTER_APPLICATION_ID: z.string().min(1).optional(),
  AGRIROUTER_CERTIFICATION_VERSION_ID: z.string().min(1).optional(),
  /** PEM (or base64 of the PEM) private key whose public key is registered with the application */
  AGRIROUTER_PRIVATE_KEY: z.string().min(40).optional(),
  AGRIROUTER_REGISTRATION_URL: urlWithProtocol(["https:", "http:"], "https://onboard.my-agrirouter.com"),

  /** Built-in broker over TLS (mqtts) when both are given: a PEM file's path, or the PEM itself. */
  BROKER_TLS_PORT: port(8883),
  BROKER_TLS_CERT: z.string().min(1).optional(),
  BROKER_TLS_KEY: z.string().min(1).optional(),
  /** QoS 1 messages kept per persistent session (clean=false) while its client is away; beyond
   * it the oldest are dropped and counted */
  BROKER_MAX_OFFLINE_MESSAGES: z.coerce.number().int().min(1).max(1_000_000).default(1000),
  /** keep sessions and pass messages through Redis, so several broker processes act as one and
   * sessions outlive a restart; false: in memory, for a single broker process */
  BROKER_REDIS: booleanFlag(true),

  /** Moving over from IoTC: these IoTC variables create or update a default tenant at start-up. */
  IOTC_TENANT_SLUG: z.string().regex(/^[a-z0-9][a-z0-9-]{1,38}[a-z0-9]$/, "expected 3-40 lower-case letters, digits or dashes").default("default"),
  IOT_ARUBA_USERNAME: z.string().min(1).optional(),
  IOT_ARUBA_PASSWORD: z.string().min(1).optional(),
  MQTT_LOCAL_EGRESS_ENABLE: z.string().optional(),
  MQTT_CONNSTRING: z.string().min(1).optional(),
  /** topic template of the MQTT target made from MQTT_CONNSTRING; IoTC publishes telemetry on
   * sensor/[ID]/telemetry (IoTC documentation, "MQTT Topics") */
  IOTC_MQTT_TOPIC: z.string().min(1).default("sensor/{sourceEurid}/telemetry"),
  IOT_AZURE_ENABLE: z.string().optional(),
  IOT_AZURE_CONNSTRING: z.string().min(1).optional(),
  BASIC_AUTH_USERNAME: z.string().min(1).optional(),
  BASIC_AUTH_PASSWORD: z.string().min(1).optional(),
}).superRefine((env, ctx) => {
  if ((env.BROKER_TLS_CERT === undefined) !== (env.BROKER_TLS_KEY === undefined))
    ctx.addIssue({
      code: "custom",
      path: [env.BROKER_TLS_CERT === undefined ? "BROKER_TLS_CERT" : "BROKER_TLS_KEY"],
      message: "expected BROKER_TLS_CERT and BROKER_TLS_KEY together (certificate and its key, PEM or a path to a PEM file)",
    });
});

export type Env = z.infer<typeof envSchema>;
export type SecretName =
  | "TIDEWIRE_MASTER_KEY"
  | "AUTH_SECRET"
  | "BROKER_INTERNAL_SECRET"
  | "MQTT_AUTH_HOOK_SECRET"
  | "LICENSE_SIGNING_KEY"
  | "LICENSE_PUBLIC_KEY";
