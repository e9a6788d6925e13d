import { z } from "zod";
import { UplinkError } from "../uplink-error";

// The Things Stack v3 uplink message (the same JSON for the MQTT and the webhook integration).
// TTS omits empty, zero and false fields, so almost everything is optional here.
const gatewayReceptionSchema = z.looseObject({
  gateway_ids: z.looseObject({ gateway_id: z.string().max(200).optional(), eui: z.string().max(32).optional() }).optional(),
  rssi: z.number().optional(),
  channel_rssi: z.number().optional(),
  snr: z.number().optional(),
  time: z.string().max(64).optional(),
  received_at: z.string().max(64).optional(),
});

const uplinkMessageSchema = z.looseObject({
  session_key_id: z.string().max(200).optional(),
  f_port: z.number().int().min(0).max(255).optional(),
  f_cnt: z.number().int().min(0).optional(),
  frm_payload: z.string().max(1024).regex(/^[A-Za-z0-9+/=]*$/, "frm_payload is not base64").optional(),
  decoded_payload: z.record(z.string(), z.unknown()).optional(),
  rx_metadata: z.array(gatewayReceptionSchema).max(100).optional(),
  received_at: z.string().max(64).optional(),
});

export const ttsUplinkSchema = z.looseObject({
  end_device_ids: z.looseObject({
    device_id: z.string().max(100).optional(),
    application_ids: z.looseObject({ application_id: z.string().max(100).optional() }).optional(),
    dev_eui: z.string().regex(/^[0-9A-Fa-f]{16}$/, "dev_eui is 16 hex digits"),
  }),
  received_at: z.string().max(64).optional(),
  uplink_message: uplinkMessageSchema.optional(),
  simulated: z.boolean().optional(),
});

/** One gateway that received the uplink. */
export interface UplinkReception {
  gateway: string;
  /** dBm as TTS reports it (negative); null when absent */
  rssi: number | null;
  snr: number | null;
  /** Unix milliseconds */
  at: number;
}

/** A TTS uplink reduced to what Tidewire needs. */
export interface LorawanUplink {
  /** lower-case hex */
  devEui: string;
  deviceId: string | null;
  applicationId: string | null;
  fPort: number;
  fCnt: number;
  sessionKeyId: string;
  /** application payload, hex (empty when none) */
  payloadHex: string;
  /** what a TTS payload formatter produced, if one ran */
  decodedPayload: Record<string, unknown> | null;
  /** Unix milliseconds (the Application Server's receive time) */
  receivedAt: number;
  receptions: UplinkReception[];
  simulated: boolean;
}

function timeOf(text: string | undefined, fallback: number): number {
  if (!text) return fallback;
  const ms = Date.parse(text);
  return Number.isNaN(ms) ? fallback : ms;
}

/** Parses the JSON body of a TTS uplink. Other message kinds (join accepts, downlink events)
 * are refused with NOT_AN_UPLINK so that callers can answer them without storing anything. */
export function parseTtsUplink(body: unknown, now: number = Date.now()): LorawanUplink {
  const parsed = ttsUplinkSchema.safeParse(body);
  if (!parsed.success) {
    throw new UplinkError("BAD_UPLINK", parsed.error.issues.map((i) => `${i.path.join(".") || "body"}: ${i.message}`).join("; "));
  }
  const { end_device_ids: ids, uplink_message: up } = parsed.data;
  if (!up) throw new UplinkError("NOT_AN_UPLINK", "the message carries no uplink_message");
  const receivedAt = timeOf(parsed.data.received_at ?? up.received_at, now);
  const receptions = (up.rx_metadata ?? []).map((r, index) => ({
    gateway: r.gateway_ids?.gateway_id ?? r.gateway_ids?.eui?.toLowerCase() ?? `gateway-${index + 1}`,
    rssi: r.rssi ?? r.channel_rssi ?? null,
    snr: r.snr ?? null,
    at: timeOf(r.received_at ?? r.time, receivedAt),
  }));
  return {
    devEui: ids.dev_eui.toLowerCase(),
    deviceId: ids.device_id ?? null,
    applicationId: ids.application_ids?.application_id ?? null,
    fPort: up.f_port ?? 0,
    fCnt: up.f_cnt ?? 0,
    sessionKeyId: up.session_key_id ?? "",
    payloadHex: Buffer.from(up.frm_payload ?? "", "base64").toString("hex"),
    decodedPayload: up.decoded_payload ?? null,
    receivedAt,
    receptions,
    simulated: parsed.data.simulated ?? false,
  };
}

/** The duplicate-removal identity of an uplink: device, session and frame counter. */
export function uplinkIdentity(uplink: Pick<LorawanUplink, "devEui" | "sessionKeyId" | "fCnt">): string {
  return `${uplink.devEui}:${uplink.sessionKeyId}:${uplink.fCnt}`;
}
