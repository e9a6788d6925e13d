import type { TelemetryEntry } from "@tidewire/decoder";
import { UplinkError } from "../uplink-error";
import { decodeCayenneLpp } from "./cayenne-lpp";
import { objectEntries } from "./object-entries";

/** The payload decoders a tenant can choose per LoRaWAN device. "tts" relies on the payload
 * formatter configured in The Things Stack (decoded_payload); the others decode frm_payload. */
export const PAYLOAD_DECODERS = ["tts", "cayenne-lpp", "json", "raw"] as const;
export type PayloadDecoderName = (typeof PAYLOAD_DECODERS)[number];

export const PAYLOAD_DECODER_LABELS: Record<PayloadDecoderName, string> = {
  tts: "The Things Stack payload formatter (decoded_payload)",
  "cayenne-lpp": "Cayenne LPP",
  json: "UTF-8 JSON object",
  raw: "None (raw payload only)",
};

export function isPayloadDecoderName(value: string): value is PayloadDecoderName {
  return (PAYLOAD_DECODERS as readonly string[]).includes(value);
}

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
