/** The settings form of each egress kind, field for field what packages/egress's kind schemas
 * (targetKindSchemas) take; the server checks them there and names the wrong field. `secret`
 * fields are write-only: never shown, typed again to change. `formOnly` fields steer the form and
 * are not sent. `when` shows a field only for some choices. */
export type TargetKind = "BUILTIN_MQTT" | "MQTT" | "AZURE_IOT_HUB" | "ENOS" | "AGRIROUTER";

export type FormValues = Record<string, string | boolean>;

export interface FieldSpec {
  name: string;
  label: string;
  type: "text" | "number" | "boolean" | "select" | "textarea" | "password" | "map" | "list";
  secret?: boolean;
  formOnly?: boolean;
  required?: boolean;
  options?: { value: string; label: string }[];
  placeholder?: string;
  hint?: string;
  default?: string | boolean;
  when?: (values: FormValues) => boolean;
  /** a new section starts at this field */
  section?: string;
}

export const KIND_LABELS: Record<TargetKind, string> = {
  MQTT: "MQTT broker",
  AZURE_IOT_HUB: "Azure IoT Hub",
  ENOS: "EnOS",
  AGRIROUTER: "agrirouter",
  BUILTIN_MQTT: "Built-in MQTT broker",
};

export const KIND_DESCRIPTIONS: Record<TargetKind, string> = {
  MQTT: "Your own broker (Mosquitto, EMQX, HiveMQ…): one connection per target, messages on a topic of your choice.",
  AZURE_IOT_HUB: "Device-to-cloud messages to an IoT Hub, as one hub device for all sensors or one per sensor.",
  ENOS: "Measure points posted to an EnOS device (static or dynamic activation).",
  AGRIROUTER: "Telemetry as measures messages to an agrirouter endpoint onboarded from a registration code.",
  BUILTIN_MQTT: "Tidewire's own broker: subscribe with an API key (mqtt scope) to your tenant's topics.",
};

const qos: FieldSpec = {
  name: "qos",
  label: "QoS",
  type: "select",
  default: "1",
  options: [
    { value: "1", label: "1 — at least once" },
    { value: "0", label: "0 — at most once" },
  ],
};
const retain: FieldSpec = { name: "retain", label: "Retain the last message per topic", type: "boolean", default: false };
const topicHint = "Placeholders: {tenant}, {sourceEurid}, {friendlyId}, {eep}, {location}.";
const pem = "-----BEGIN CERTIFICATE-----";
const is = (name: string, ...values: string[]) => (v: FormValues) => values.includes(String(v[name] ?? ""));

export const KIND_FIELDS: Record<TargetKind, FieldSpec[]> = {
  MQTT: [
    { name: "url", label: "Broker URL", type: "text", required: true, placeholder: "mqtts://broker.example.com:8883", hint: "mqtt://, mqtts://, ws:// or wss://" },
    { name: "topic", label: "Topic template", type: "text", default: "sensor/{sourceEurid}/telemetry", hint: topicHint },
    qos,
    { name: "clientId", label: "Client id (optional)", type: "text", placeholder: "tidewire-<target id>" },
    retain,
    {
      name: "authMode",
      label: "Method",
      type: "select",
      formOnly: true,
      default: "password",
      section: "Authentication",
      options: [
        { value: "none", label: "None" },
        { value: "password", label: "User name and password" },
        { value: "certificate", label: "Client certificate" },
      ],
    },
    { name: "username", label: "User name", type: "text", when: is("authMode", "password", "certificate") },
    { name: "password", label: "Password", type: "password", secret: true, when: is("authMode", "password") },
    { name: "clientCertificate", label: "Client certificate (PEM)", type: "textarea", secret: true, placeholder: pem, when: is("authMode", "certificate") },
    { name: "clientKey", label: "Client private key (PEM)", type: "textarea", secret: true, placeholder: "-----BEGIN PRIVATE KEY-----", when: is("authMode", "certificate") },
    { name: "clientKeyPassphrase", label: "Key passphrase (optional)", type: "password", secret: true, when: is("authMode", "certificate") },
    { name: "caCertificate", label: "CA certificate (PEM, optional)", type: "textarea", placeholder: pem, hint: "Extra CA that signed the broker's certificate.", section: "TLS" },
    { name: "verifyCertificate", label: "Verify the broker's certificate", type: "boolean", default: true },
  ],
  AZURE_IOT_HUB: [
    {
      name: "auth",
      label: "Authentication",
      type: "select",
      default: "sas",
      options: [
        { value: "sas", label: "Connection string (SAS)" },
        { value: "x509", label: "X.509 certificate" },
      ],
    },
    {
      name: "identity",
      label: "Devices in the hub",
      type: "select",
      default: "single",
      options: [
        { value: "single", label: "One for all sensors" },
        { value: "perSensor", label: "One per sensor" },
      ],
      hint: "One hub device for all sensors (as IoTC does), or one hub device per sensor.",
    },
    {
      name: "connectionString",
      label: "Connection string",
      type: "password",
      secret: true,
      required: true,
      placeholder: "HostName=…;DeviceId=…;SharedAccessKey=…",
      hint: "One hub device: the device's connection string. One per sensor: a shared access policy's, with DeviceConnect.",
      when: is("auth", "sas"),
    },
    { name: "hostName", label: "Hub host name", type: "text", required: true, placeholder: "my-hub.azure-devices.net", when: is("auth", "x509") },
    { name: "deviceId", label: "Hub device id", type: "text", required: true, placeholder: "tidewire-gateway", when: is("auth", "x509") },
    {
      name: "generateCertificate",
      label: "Generate a self-signed certificate for this device (the target page shows its SHA-1/SHA-256 thumbprints to paste into the hub)",
      type: "boolean",
      formOnly: true,
      default: true,
      when: is("auth", "x509"),
    },
    { name: "certificate", label: "Device certificate (PEM)", type: "textarea", secret: true, placeholder: pem, when: (v) => v.auth === "x509" && !v.generateCertificate },
    { name: "privateKey", label: "Device private key (PEM)", type: "textarea", secret: true, placeholder: "-----BEGIN PRIVATE KEY-----", when: (v) => v.auth === "x509" && !v.generateCertificate },
    { name: "deviceIdTemplate", label: "Device id of each sensor", type: "text", default: "{sourceEurid}", hint: topicHint, when: is("identity", "perSensor") },
    { name: "messageProperties", label: "Add eep and sourceEurid as message properties", type: "boolean", default: true, section: "Messages" },
    { name: "gatewayHostName", label: "IoT Edge gateway (optional)", type: "text", placeholder: "edge.example.com:8883" },
  ],
  ENOS: [
    { name: "url", label: "EnOS MQTT broker", type: "text", required: true, placeholder: "mqtts://iot-mqtt.example.com:18883", hint: "mqtt://host:11883 or mqtts://host:18883" },
    {
      name: "activation",
      label: "Activation",
      type: "select",
      default: "static",
      options: [
        { value: "static", label: "Static (securemode 2)" },
        { value: "dynamic", label: "Dynamic (securemode 3)" },
      ],
      hint: "Static: the device secret; dynamic: the product secret, and EnOS sends the device secret on first connect.",
    },
    { name: "productKey", label: "Product key", type: "text", required: true },
    { name: "deviceKey", label: "Device key", type: "text", required: true },
    { name: "deviceSecret", label: "Device secret", type: "password", secret: true, required: true, when: is("activation", "static") },
    { name: "productSecret", label: "Product secret", type: "password", secret: true, required: true, when: is("activation", "dynamic"), hint: "The device secret EnOS returns on first connect is stored sealed." },
    { name: "clientId", label: "Client id (optional)", type: "text", placeholder: "the device key" },
    {
      name: "measurePointMap",
      label: "Measure point map",
      type: "map",
      section: "Measure points",
      placeholder: "temperature = temp\nhumidity = rh",
      hint: "One per line: EnOcean value key = EnOS measure point identifier.",
    },
    {
      name: "unmappedKeys",
      label: "Values not in the map",
      type: "select",
      default: "send",
      options: [
        { value: "send", label: "Send under their own name" },
        { value: "drop", label: "Leave out" },
      ],
    },
    { name: "caCertificate", label: "CA certificate (PEM, optional)", type: "textarea", placeholder: pem },
  ],
  AGRIROUTER: [
    {
      name: "registrationCode",
      label: "Registration code",
      type: "password",
      secret: true,
      required: true,
      placeholder: "from the agrirouter control center: + Connection",
      hint: "Used once: Tidewire onboards the endpoint with it on the first test or delivery and keeps the certificate it gets.",
    },
    {
      name: "mode",
      label: "Send to",
      type: "select",
      default: "PUBLISH",
      options: [
        { value: "PUBLISH", label: "Subscribers (publish)" },
        { value: "DIRECT", label: "Recipients (direct)" },
        { value: "PUBLISH_WITH_DIRECT", label: "Subscribers and recipients" },
      ],
    },
    { name: "recipients", label: "Recipient endpoint ids", type: "list", placeholder: "endpoint ids, comma separated", when: is("mode", "DIRECT", "PUBLISH_WITH_DIRECT") },
    { name: "technicalMessageType", label: "Technical message type", type: "text", default: "enocean:telemetry:json" },
    { name: "externalId", label: "External endpoint id (optional)", type: "text", placeholder: "urn:tidewire:<tenant>:<target>" },
    { name: "timeZone", label: "Time zone offset", type: "text", default: "+00:00" },
  ],
  BUILTIN_MQTT: [{ name: "topic", label: "Topic template", type: "text", default: "devices/{sourceEurid}/telemetry", hint: topicHint }, qos, retain],
};

export const visibleFields = (kind: TargetKind, values: FormValues) => KIND_FIELDS[kind].filter((f) => !f.when || f.when(values));

const mapToText = (v: unknown) =>
  v && typeof v === "object"
    ? Object.entries(v as Record<string, unknown>)
        .map(([k, p]) => `${k} = ${String(p)}`)
        .join("\n")
    : "";

/** The form's values for a kind: the stored settings, else the kind's defaults (secrets start
 * empty: they are never shown). */
export function valuesOf(kind: TargetKind, config?: Record<string, unknown>, secretFields: string[] = []): FormValues {
  const values: FormValues = {};
  for (const f of KIND_FIELDS[kind]) {
    if (f.secret) continue;
    const v = config?.[f.name];
    if (f.type === "map") values[f.name] = mapToText(v);
    else if (f.type === "list") values[f.name] = Array.isArray(v) ? v.join(", ") : "";
    else if (v !== undefined) values[f.name] = typeof v === "boolean" ? v : String(v);
    else if (f.default !== undefined) values[f.name] = f.default;
  }
  if (config) {
    // An existing target: how it authenticates follows from what is stored.
    if (kind === "MQTT") values.authMode = secretFields.includes("clientCertificate") ? "certificate" : config.username ? "password" : "none";
    if (kind === "AZURE_IOT_HUB") values.generateCertificate = false;
  }
  return values;
}

const lines = (text: string) =>
  text
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter(Boolean);

/** Form values to the API's config and secrets: numbers, booleans, maps and lists typed, fields
 * hidden by a choice left out, empty secrets left out (so a stored secret stays). */
export function settingsOf(kind: TargetKind, values: FormValues) {
  const config: Record<string, unknown> = {};
  const secrets: Record<string, string> = {};
  for (const field of visibleFields(kind, values)) {
    if (field.formOnly) continue;
    const v = values[field.name];
    if (field.secret) {
      if (typeof v === "string" && v !== "") secrets[field.name] = v;
      continue;
    }
    if (field.type === "boolean") config[field.name] = Boolean(v);
    else if (field.type === "number" || field.name === "qos") {
      if (v !== "" && v !== undefined) config[field.name] = Number(v);
    } else if (field.type === "map") {
      config[field.name] = Object.fromEntries(
        lines(String(v ?? "")).map((l) => {
          const eq = l.indexOf("=");
          return eq < 0 ? [l, ""] : [l.slice(0, eq).trim(), l.slice(eq + 1).trim()];
        }),
      );
    } else if (field.type === "list") {
      config[field.name] = String(v ?? "")
        .split(/[\s,;]+/)
        .filter(Boolean);
    } else if (typeof v === "string" && v.trim() !== "") config[field.name] = v.trim();
  }
  const generateCertificate = kind === "AZURE_IOT_HUB" && values.auth === "x509" && values.generateCertificate === true;
  return { config, secrets, generateCertificate };
}
