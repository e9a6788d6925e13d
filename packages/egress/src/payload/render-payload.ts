import type { DeliveryMessage } from "../delivery-batch";
import { compactPayload } from "./compact-payload";

export type PayloadFormat = "IOTC" | "COMPACT";

/** The object a target receives for one message, in the target's chosen payload format. */
export function renderPayload(format: PayloadFormat, m: DeliveryMessage): Record<string, unknown> {
  return format === "COMPACT" ? (compactPayload(m) as unknown as Record<string, unknown>) : m.message;
}

/** Reception time of a message in Unix milliseconds (raw.timestamp), or now. */
export function messageTimeMs(m: DeliveryMessage): number {
  const raw = (m.message.raw ?? {}) as { timestamp?: unknown };
  const seconds = Number(raw.timestamp);
  return Number.isFinite(seconds) && seconds > 0 ? Math.round(seconds * 1000) : Date.now();
}
