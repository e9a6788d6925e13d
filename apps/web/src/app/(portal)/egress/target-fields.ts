/** The settings form of each egress kind. `secret` fields are write-only: never shown, typed
 * again to change. The server checks the same fields (server/egress/target-kinds.ts). */
export type TargetKind = "BUILTIN_MQTT" | "MQTT" | "AZURE_IOT_HUB" | "ENOS" | "AGRIROUTER";

export interface FieldSpec {
  name: string;
  label: string;
  type: "text" | "number" | "boolean" | "select" | "textarea" | "password";
  secret?: boolean;
  required?: boolean;
  options?: { value: string; label: string }[];
  placeholder?: string;
  hint?: string;
  default?: string | number | boolean;
}

export const KIND_LABELS: Record<TargetKind, string> = {
  BUILTIN_MQTT: "Built-in MQTT broker",
  MQTT: "MQTT broker",
  AZURE_IOT_HUB: "Azure IoT Hub",
  ENOS: "EnOS",
  AGRIROUTER: "agrirouter",
};

const qos = (values: number[]): FieldSpec => ({ name: "qos", label: "QoS", type: "select", options: values.map((v) => ({ value: String(v), label: String(v) })), default: "1" });
const topicHint = "Placeholders: {sourceEurid}, {friendlyId}, {eep}, {location}, {tenant}.";

export const KIND_FIELDS: Record<TargetKind, FieldSpec[]> = {
  BUILTIN_MQTT: [
    { name: "topic", label: "Topic", type: "text", default: "devices/{sourceEurid}/telemetry", hint: topicHint },
    qos([0, 1]),
    { name: "retain", label: "Retain the last message per topic", type: "boolean", default: false },
  ],
  MQTT: [
    { name: "url", label: "Broker URL", type: "text", required: true, placeholder: "mqtts://broker.example.com:8883", hint: "mqtt://, mqtts://, ws:// or wss://" },
    { name: "topic", label: "Topic", type: "text", default: "enocean/{sourceEurid}", hint: topicHint },
    qos([0, 1, 2]),
    { name: "retain", label: "Retain the last message per topic", type: "boolean", default: false },
    { name: "clientId", label: "Client id (optional)", type: "text" },
    { name: "username", label: "Username (optional)", type: "text" },
    { name: "password", label: "Password", type: "password", secret: true },
    { name: "rejectUnauthorized", label: "Verify the broker's certificate", type: "boolean", default: true },
    { name: "caCert", label: "CA certificate (PEM, optional)", type: "textarea", secret: true },
    { name: "clientCert", label: "Client certificate (PEM, optional)", type: "textarea", secret: true },
    { name: "clientKey", label: "Client key (PEM, optional)", type: "textarea", secret: true },
  ],
  AZURE_IOT_HUB: [
    {
      name: "identity",
      label: "Devices in the hub",
      type: "select",
      default: "single-device",
      options: [
        { value: "single-device", label: "One IoT Hub device for all sensors" },
        { value: "device-per-sensor", label: "One IoT Hub device per sensor (EURID)" },
      ],
    },
    { name: "connectionString", label: "Connection string", type: "password", secret: true, required: true, placeholder: "HostName=…;DeviceId=…;SharedAccessKey=…" },
  ],
  ENOS: [
    { name: "host", label: "MQTT host", type: "text", required: true },
    { name: "port", label: "Port", type: "number", default: 18883 },
    { name: "productKey", label: "Product key", type: "text", required: true },
    { name: "deviceKey", label: "Device key", type: "text", required: true },
    { name: "tls", label: "TLS", type: "boolean", default: true },
    { name: "deviceSecret", label: "Device secret", type: "password", secret: true },
  ],
  AGRIROUTER: [
    {
      name: "environment",
      label: "Environment",
      type: "select",
      default: "QA",
      options: [
        { value: "QA", label: "QA" },
        { value: "PRODUCTION", label: "Production" },
      ],
    },
    { name: "applicationId", label: "Application id", type: "text", required: true },
    { name: "certificationVersionId", label: "Certification version id", type: "text", required: true },
    { name: "externalId", label: "External id", type: "text", required: true },
    { name: "registrationCode", label: "Registration code", type: "password", secret: true },
  ],
};

/** Form values to the API's config and secrets: numbers and booleans typed, empty secrets left
 * out (so a stored secret stays). */
export function settingsOf(kind: TargetKind, values: Record<string, string | boolean>) {
  const config: Record<string, unknown> = {};
  const secrets: Record<string, string> = {};
  for (const field of KIND_FIELDS[kind]) {
    const v = values[field.name];
    if (field.secret) {
      if (typeof v === "string" && v !== "") secrets[field.name] = v;
      continue;
    }
    if (field.type === "boolean") config[field.name] = Boolean(v);
    else if (field.type === "number" || field.name === "qos") {
      if (v !== "" && v !== undefined) config[field.name] = Number(v);
    } else if (typeof v === "string" && v.trim() !== "") config[field.name] = v.trim();
  }
  return { config, secrets };
}
