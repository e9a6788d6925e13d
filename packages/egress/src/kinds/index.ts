import type { z } from "zod";
import { parseAzureConnectionString } from "../azure/connection-string";
import { agrirouterConfigSchema, agrirouterSecretsSchema } from "./agrirouter";
import { azureIotHubConfigSchema, azureIotHubSecretsSchema } from "./azure-iot-hub";
import { builtinMqttConfigSchema, builtinMqttSecretsSchema } from "./builtin-mqtt";
import { enosConfigSchema, enosSecretsSchema } from "./enos";
import { mqttConfigSchema, mqttSecretsSchema } from "./mqtt";

export const EGRESS_KINDS = ["BUILTIN_MQTT", "MQTT", "AZURE_IOT_HUB", "ENOS", "AGRIROUTER"] as const;
export type EgressKind = (typeof EGRESS_KINDS)[number];

/** Per kind: the non-secret settings (stored as EgressTarget.config) and the secret ones (sealed,
 * write-only). */
export const targetKindSchemas = {
  BUILTIN_MQTT: { config: builtinMqttConfigSchema, secrets: builtinMqttSecretsSchema },
  MQTT: { config: mqttConfigSchema, secrets: mqttSecretsSchema },
  AZURE_IOT_HUB: { config: azureIotHubConfigSchema, secrets: azureIotHubSecretsSchema },
  ENOS: { config: enosConfigSchema, secrets: enosSecretsSchema },
  AGRIROUTER: { config: agrirouterConfigSchema, secrets: agrirouterSecretsSchema },
} as const;

export type TargetConfig<K extends EgressKind> = z.output<(typeof targetKindSchemas)[K]["config"]>;
export type TargetSecrets<K extends EgressKind> = z.output<(typeof targetKindSchemas)[K]["secrets"]>;

export class TargetSettingsError extends Error {
  readonly code = "TARGET_SETTINGS_INVALID";
  constructor(readonly issues: { path: string; message: string }[]) {
    super(issues.map((i) => (i.path ? `${i.path}: ${i.message}` : i.message)).join("; "));
    this.name = "TargetSettingsError";
  }
}

function issuesOf(prefix: string, error: z.ZodError) {
  return error.issues.map((i) => ({ path: [prefix, ...i.path.map(String)].join("."), message: i.message }));
}

/** Validates a target's settings for its kind; throws TargetSettingsError naming every problem,
 * including the secrets a kind needs for the chosen authentication. */
export function parseTargetSettings<K extends EgressKind>(
  kind: K,
  config: unknown,
  secrets: unknown,
): { config: TargetConfig<K>; secrets: TargetSecrets<K> } {
  const schemas = targetKindSchemas[kind];
  const c = schemas.config.safeParse(config ?? {});
  const s = schemas.secrets.safeParse(secrets ?? {});
  const issues = [
    ...(c.success ? [] : issuesOf("config", c.error)),
    ...(s.success ? [] : issuesOf("secrets", s.error)),
  ];
  if (c.success && s.success) issues.push(...requiredSecretProblems(kind, c.data, s.data as Record<string, unknown>));
  if (issues.length) throw new TargetSettingsError(issues);
  return { config: c.data as TargetConfig<K>, secrets: s.data as TargetSecrets<K> };
}

function requiredSecretProblems(kind: EgressKind, config: unknown, secrets: Record<string, unknown>) {
  const need = (field: string, why: string) => (secrets[field] ? [] : [{ path: `secrets.${field}`, message: why }]);
  switch (kind) {
    case "AZURE_IOT_HUB": {
      const c = config as z.output<typeof azureIotHubConfigSchema>;
      if (c.auth !== "sas")
        return [
          ...need("certificate", "the device certificate is needed"),
          ...need("privateKey", "the certificate's private key is needed"),
        ];
      const missing = need("connectionString", "a device (or shared access policy) connection string is needed");
      if (missing.length) return missing;
      // The connection string must fit the identity: a policy for one device per sensor, a device otherwise.
      const cs = parseAzureConnectionString(secrets.connectionString as string);
      if (c.identity === "perSensor" && !cs.sharedAccessKeyName)
        return [
          {
            path: "secrets.connectionString",
            message: "one device per sensor needs a shared access policy connection string (SharedAccessKeyName=…)",
          },
        ];
      if (c.identity === "single" && !cs.deviceId)
        return [
          {
            path: "secrets.connectionString",
            message:
              "the connection string names no DeviceId (one hub device for all sensors needs a device connection string)",
          },
        ];
      return [];
    }
    case "ENOS": {
      const c = config as z.output<typeof enosConfigSchema>;
      return c.activation === "static"
        ? need("deviceSecret", "static activation needs the device secret")
        : need("productSecret", "dynamic activation needs the product secret");
    }
    default:
      return [];
  }
}
