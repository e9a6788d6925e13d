import type { DeliveryMessage } from "../delivery-batch";

export interface CompactPayload {
  id: string;
  friendlyId: string;
  location: string;
  eep: string;
  /** reception time, Unix seconds */
  timestamp: number | null;
  rssi: number | null;
  telegramId: string;
  /** telemetry.data as key → value */
  values: Record<string, unknown>;
  /** telemetry.signal as key → value, when the telegram carried any */
  signal?: Record<string, unknown>;
}

interface Entry {
  key?: unknown;
  value?: unknown;
}

function toRecord(entries: unknown): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  if (!Array.isArray(entries)) return out;
  for (const e of entries as Entry[]) if (typeof e?.key === "string") out[e.key] = e.value;
  return out;
}

/** The compact key/value form of an IoTC message: one flat object per telegram, values by key. */
export function compactPayload(m: DeliveryMessage): CompactPayload {
  const telemetry = (m.message.telemetry ?? {}) as { data?: unknown; signal?: unknown };
  const raw = (m.message.raw ?? {}) as { timestamp?: unknown; rssi?: unknown };
  const ts = typeof raw.timestamp === "string" || typeof raw.timestamp === "number" ? Number(raw.timestamp) : NaN;
  const signal = toRecord(telemetry.signal);
  return {
    id: m.sourceEurid,
    friendlyId: m.friendlyId,
    location: m.location,
    eep: m.eep,
    timestamp: Number.isFinite(ts) ? ts : null,
    rssi: typeof raw.rssi === "number" ? raw.rssi : null,
    telegramId: m.telegramId,
    values: toRecord(telemetry.data),
    ...(Object.keys(signal).length ? { signal } : {}),
  };
}
