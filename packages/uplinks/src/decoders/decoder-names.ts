// No imports: the portal's browser code reads these names too.
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
