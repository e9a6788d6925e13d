export interface AzureConnectionString {
  hostName: string;
  deviceId?: string;
  moduleId?: string;
  sharedAccessKey?: string;
  sharedAccessKeyName?: string;
  sharedAccessSignature?: string;
  gatewayHostName?: string;
  x509?: boolean;
}

/** Parses "HostName=…;DeviceId=…;SharedAccessKey=…". Pairs split on ";" and each on its first
 * "=" (base64 keys end with "="); names are case-sensitive, as the hub's are. */
export function parseAzureConnectionString(value: string): AzureConnectionString {
  const pairs = new Map<string, string>();
  for (const part of value.trim().split(";")) {
    if (!part) continue;
    const eq = part.indexOf("=");
    if (eq <= 0) throw new Error(`connection string: "${part.slice(0, 20)}" is not name=value`);
    pairs.set(part.slice(0, eq), part.slice(eq + 1));
  }
  const hostName = pairs.get("HostName");
  if (!hostName) throw new Error("connection string: HostName is missing");
  const result: AzureConnectionString = { hostName };
  const copy = (name: string, key: keyof AzureConnectionString) => {
    const v = pairs.get(name);
    if (v !== undefined) (result as unknown as Record<string, unknown>)[key] = v;
  };
  copy("DeviceId", "deviceId");
  copy("ModuleId", "moduleId");
  copy("SharedAccessKey", "sharedAccessKey");
  copy("SharedAccessKeyName", "sharedAccessKeyName");
  copy("SharedAccessSignature", "sharedAccessSignature");
  copy("GatewayHostName", "gatewayHostName");
  if (pairs.get("x509") === "true") result.x509 = true;
  if (!result.sharedAccessKey && !result.sharedAccessSignature && !result.x509)
    throw new Error("connection string: needs SharedAccessKey, SharedAccessSignature or x509=true");
  if (!result.deviceId && !result.sharedAccessKeyName) throw new Error("connection string: needs DeviceId (or a SharedAccessKeyName for one device per sensor)");
  return result;
}
