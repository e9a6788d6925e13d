import type { TelemetryEntry } from "@tidewire/decoder";
import { UplinkError } from "../uplink-error";
import { decodeCayenneLpp } from "./cayenne-lpp";
import type { PayloadDecoderName } from "./decoder-names";
import { objectEntries } from "./object-entries";

function decodeJsonPayload(payload: Buffer): TelemetryEntry[] {
  let value: unknown;
  try {
    value = JSON.parse(payload.toString("utf8"));
  } catch {
    throw new UplinkError("BAD_PAYLOAD", "the payload is not JSON");
  }
  if (value === null || typeof value !== "object" || Array.isArray(value)) throw new UplinkError("BAD_PAYLOAD", "the payload is not a JSON object");
  return objectEntries(value as Record<string, unknown>);
}

/** The values of an uplink: TTS's decoded_payload when a formatter ran there, otherwise the
 * device's decoder applied to the raw payload. */
export function uplinkValues(
  uplink: { payloadHex: string; decodedPayload: Record<string, unknown> | null },
  decoder: PayloadDecoderName,
): TelemetryEntry[] {
  if (uplink.decodedPayload) return objectEntries(uplink.decodedPayload);
  const payload = Buffer.from(uplink.payloadHex, "hex");
  switch (decoder) {
    case "cayenne-lpp":
      return decodeCayenneLpp(payload);
    case "json":
      return decodeJsonPayload(payload);
    case "tts":
    case "raw":
      return [];
  }
}
