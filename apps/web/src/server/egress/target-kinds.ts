import type { EgressKind } from "@tidewire/db";
import { z } from "zod";

// Settings of each egress kind: `config` is stored as is and shown; `secrets` are sealed at
// rest and write-only. The delivery connectors (apps/ingest, packages/egress) read the same
// fields.

const topicTemplate = z
  .string()
  .trim()
  .min(1)
  .max(200)
  .refine((t) => !/[+#]/.test(t.replace(/\{\w+\}/g, "")), { message: "a topic cannot contain MQTT wildcards (+ or #)" })
  .describe("placeholders: {tenant}, {sourceEurid}, {friendlyId}, {eep}, {location}");

const mqttUrl = z
  .string()
  .trim()
  .refine(
    (v) => {
      try {
        return ["mqtt:", "mqtts:", "ws:", "wss:"].includes(new URL(v).protocol);
      } catch {
        return false;
      }
    },
    { message: "expected mqtt://, mqtts://, ws:// or wss:// with a host, e.g. mqtts://broker.example.com:8883" },
  );

const pem = z.string().trim().startsWith("-----BEGIN", "expected a PEM block (-----BEGIN ...)");

export const targetKinds = {
  BUILTIN_MQTT: {
    label: "Built-in MQTT broker",
    config: z.object({
      topic: topicTemplate.default("devices/{sourceEurid}/telemetry"),
      qos: z.union([z.literal(0), z.literal(1)]).default(1),
      retain: z.boolean().default(false),
    }),
    secrets: z.object({}),
    requiredSecrets: [] as string[],
  },
  MQTT: {
    label: "MQTT broker",
    config: z.object({
      url: mqttUrl,
      topic: topicTemplate.default("enocean/{sourceEurid}"),
      qos: z.union([z.literal(0), z.literal(1), z.literal(2)]).default(1),
      retain: z.boolean().default(false),
      clientId: z.string().trim().max(100).optional(),
      username: z.string().trim().max(200).optional(),
      /** verify the broker's certificate (turn off only for self-signed test brokers) */
      rejectUnauthorized: z.boolean().default(true),
    }),
    secrets: z.object({
      password: z.string().max(500).optional(),
      caCert: pem.optional(),
      clientCert: pem.optional(),
      clientKey: pem.optional(),
    }),
    requiredSecrets: [] as string[],
  },
  AZURE_IOT_HUB: {
    label: "Azure IoT Hub",
    config: z.object({
      /** one IoT Hub device for all sensors, or one per sensor (device id = EURID) */
      identity: z.enum(["single-device", "device-per-sensor"]).default("single-device"),
    }),
    secrets: z.object({
      connectionString: z
        .string()
        .trim()
        .regex(/HostName=[^;]+;(DeviceId=[^;]+;)?SharedAccessKey(Name=[^;]+;SharedAccessKey)?=[^;]+/i, "expected HostName=…;DeviceId=…;SharedAccessKey=…")
        .optional(),
    }),
    requiredSecrets: ["connectionString"],
  },
  ENOS: {
    label: "EnOS",
    config: z.object({
      host: z.string().trim().min(1).max(200),
      port: z.number().int().min(1).max(65535).default(18883),
      productKey: z.string().trim().min(1).max(100),
      deviceKey: z.string().trim().min(1).max(100),
      tls: z.boolean().default(true),
    }),
    secrets: z.object({ deviceSecret: z.string().min(1).max(200).optional(), productSecret: z.string().min(1).max(200).optional() }),
    requiredSecrets: [] as string[],
  },
  AGRIROUTER: {
    label: "agrirouter",
    config: z.object({
      environment: z.enum(["QA", "PRODUCTION"]).default("QA"),
      applicationId: z.string().trim().min(1).max(100),
      certificationVersionId: z.string().trim().min(1).max(100),
      externalId: z.string().trim().min(1).max(200),
    }),
    secrets: z.object({ registrationCode: z.string().min(1).max(200).optional() }),
    requiredSecrets: [] as string[],
  },
} satisfies Record<EgressKind, { label: string; config: z.ZodObject; secrets: z.ZodObject; requiredSecrets: string[] }>;

export const EGRESS_KINDS = Object.keys(targetKinds) as EgressKind[];

export class TargetSettingsError extends Error {
  readonly code = "TARGET_SETTINGS_INVALID";
  constructor(readonly problems: string[]) {
    super(problems.join("; "));
  }
}

const removedSecret = (secrets: Record<string, string | null> | undefined, name: string) => name in (secrets ?? {}) && !secrets?.[name];

const problemsOf = (prefix: string, error: z.ZodError) =>
  error.issues.map((i) => `${[prefix, ...i.path].join(".")}: ${i.message}`);

/** Checks a target's settings for its kind; answers them with defaults filled in. Secrets given
 * as null (or "") remove a stored secret; on create, `stored` is empty. */
export function checkTargetSettings(
  kind: EgressKind,
  config: Record<string, unknown>,
  secrets: Record<string, string | null> | undefined,
  storedSecretNames: string[] = [],
) {
  const spec = targetKinds[kind];
  const parsedConfig = spec.config.safeParse(config);
  const setSecrets = Object.fromEntries(Object.entries(secrets ?? {}).filter(([, v]) => v !== null && v !== ""));
  const parsedSecrets = spec.secrets.strict().safeParse(setSecrets);
  const problems = [
    ...(parsedConfig.success ? [] : problemsOf("config", parsedConfig.error)),
    ...(parsedSecrets.success ? [] : problemsOf("secrets", parsedSecrets.error)),
  ];
  const removed = new Set(Object.entries(secrets ?? {}).filter(([, v]) => v === null || v === "").map(([k]) => k));
  // MQTT sends a password only together with a user name (MQTT 3.1.1, 3.1.2.9).
  if (kind === "MQTT" && parsedConfig.success && !(parsedConfig.data as { username?: string }).username) {
    const passwordSet = "password" in setSecrets || (storedSecretNames.includes("password") && !removedSecret(secrets, "password"));
    if (passwordSet) problems.push("config.username: a password needs a user name");
  }
  for (const name of spec.requiredSecrets) {
    const present = name in setSecrets || (storedSecretNames.includes(name) && !removed.has(name));
    if (!present) problems.push(`secrets.${name}: required for ${spec.label}`);
  }
  if (problems.length) throw new TargetSettingsError(problems);
  return { config: parsedConfig.data as Record<string, unknown>, secrets: secrets ?? {} };
}
