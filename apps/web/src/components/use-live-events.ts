"use client";
import { useEffect, useRef, useState } from "react";

/** What a worker publishes for every processed telegram of an onboarded device. */
export interface LiveDeviceEvent {
  deviceId: string;
  sourceEurid: string;
  seenAt: string;
  rssi: number | null;
  message: Record<string, unknown>;
}

export type LiveStream = "devices" | "teach-in" | "alarms";

/** Subscribes to one of the tenant's live streams (server-sent events); reconnects by itself. */
export function useLiveStream<T>(
  stream: LiveStream,
  onEvent: (event: T) => void,
  enabled = true,
  device?: string,
): "off" | "connecting" | "open" {
  const handler = useRef(onEvent);
  handler.current = onEvent;
  const [state, setState] = useState<"off" | "connecting" | "open">(enabled ? "connecting" : "off");
  useEffect(() => {
    if (!enabled) {
      setState("off");
      return;
    }
    setState("connecting");
    const source = new EventSource(`/api/live?stream=${stream}${device ? `&device=${encodeURIComponent(device)}` : ""}`);
    source.onopen = () => setState("open");
    source.onerror = () => setState("connecting");
    source.onmessage = (e) => {
      try {
        handler.current(JSON.parse(e.data) as T);
      } catch {
        /* a malformed event is ignored; the next one will do */
      }
    };
    return () => source.close();
  }, [stream, enabled, device]);
  return state;
}

/** The tenant's device messages as they are processed (one device's, when given). */
export function useLiveEvents(onEvent: (event: LiveDeviceEvent) => void, device?: string): "connecting" | "open" {
  const state = useLiveStream<LiveDeviceEvent>("devices", onEvent, true, device);
  return state === "off" ? "connecting" : state;
}
