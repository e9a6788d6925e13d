/** EURIDs are stored as 8 lower-case hex digits; accept the spellings users paste. */
export function normalizeEurid(input: string): string {
  const hex = input.trim().toLowerCase().replace(/^0x/, "").replace(/[\s:.-]/g, "");
  if (!/^[0-9a-f]{1,8}$/.test(hex)) throw new Error(`not an EURID: ${JSON.stringify(input)}`);
  return hex.padStart(8, "0");
}

/** EEP codes are stored upper case with dashes: "A5-09-09". */
export function normalizeEep(input: string): string {
  const m = /^\s*([0-9a-f]{2})[-_ ]?([0-9a-f]{2})[-_ ]?([0-9a-f]{2})\s*$/i.exec(input);
  if (!m) throw new Error(`not an EEP code: ${JSON.stringify(input)}`);
  return `${m[1]}-${m[2]}-${m[3]}`.toUpperCase();
}

/** MACs are stored as 12 lower-case hex digits without separators (IoTC API format). */
export function normalizeMac(input: string): string {
  const hex = input.trim().toLowerCase().replace(/[\s:.-]/g, "");
  if (!/^[0-9a-f]{12}$/.test(hex)) throw new Error(`not a MAC address: ${JSON.stringify(input)}`);
  return hex;
}

export type DeviceKindName = "ENOCEAN" | "LORAWAN" | "SMALL_DEVICE";

/** Any device's identifier as stored in sourceEurid: an EURID (up to 8 hex digits, padded), a
 * LoRaWAN DevEUI (16 hex digits) or a small device's id (letters, digits, "_", "-", "."), all
 * lower case. Used for lookups, where the kind is not known. */
export function normalizeDeviceId(input: string): string {
  const compact = input.trim().toLowerCase().replace(/^0x/, "");
  const hex = compact.replace(/[\s:.-]/g, "");
  if (/^[0-9a-f]{1,8}$/.test(hex)) return hex.padStart(8, "0");
  if (/^[0-9a-f]{16}$/.test(hex)) return hex;
  if (/^[a-z0-9][a-z0-9_.-]{0,63}$/.test(compact)) return compact;
  throw new Error(`not a device id: ${JSON.stringify(input)}`);
}

/** A new device's identifier, checked against its kind: EnOcean devices have an EURID, LoRaWAN
 * devices a DevEUI (16 hex digits), small devices any short id. */
export function normalizeDeviceIdFor(kind: DeviceKindName, input: string): string {
  if (kind === "ENOCEAN") return normalizeEurid(input);
  if (kind === "LORAWAN") {
    const hex = input.trim().toLowerCase().replace(/[\s:.-]/g, "");
    if (!/^[0-9a-f]{16}$/.test(hex)) throw new Error(`not a DevEUI (16 hex digits): ${JSON.stringify(input)}`);
    return hex;
  }
  return normalizeDeviceId(input);
}

/** What non-EnOcean devices show where EnOcean devices have their EEP (topics, filters). */
export const KIND_PROFILE: Record<Exclude<DeviceKindName, "ENOCEAN">, string> = {
  LORAWAN: "LORAWAN",
  SMALL_DEVICE: "SMALL-DEVICE",
};
