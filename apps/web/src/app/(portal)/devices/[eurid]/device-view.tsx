"use client";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { Badge, Card, formatRelativeTime, KeyValueList, PageHeader, TelemetryValues, type TelemetryEntry } from "@tidewire/ui";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useEffect, useState, type ReactNode } from "react";
import { errorText } from "@/components/error-text";
import { useAccess } from "@/components/use-access";
import { useLiveEvents, type LiveDeviceEvent } from "@/components/use-live-events";
import { useTRPC } from "@/trpc/client";
import type { PayloadDecoderName } from "@tidewire/uplinks/decoder-names";
import { DeviceForm } from "../device-form";
import { DeviceCharts, type LivePoints, type RangeValue } from "./device-charts";
import { DeviceHealth } from "./device-health";
import { DeviceTelegrams } from "./device-telegrams";

const entriesOf = (message: Record<string, unknown> | null | undefined): TelemetryEntry[] =>
  ((message?.telemetry as { data?: TelemetryEntry[] } | undefined)?.data ?? []) as TelemetryEntry[];

export function DeviceView({ eurid }: { eurid: string }) {
  const trpc = useTRPC();
  const router = useRouter();
  const queryClient = useQueryClient();
  const { canWrite } = useAccess();
  const deviceOptions = trpc.devices.get.queryOptions({ sourceEurid: eurid }, { refetchInterval: 30_000 });
  const device = useQuery(deviceOptions);
  const profile = useQuery(trpc.profiles.get.queryOptions({ eep: device.data?.eep ?? "" }, { enabled: device.data?.kind === "ENOCEAN", staleTime: Infinity }));
  const [range, setRange] = useState<RangeValue>("1h");
  const [loadedAt, setLoadedAt] = useState(() => Date.now());
  const [live, setLive] = useState<LivePoints>({});
  const [liveCount, setLiveCount] = useState(0);
  const [editing, setEditing] = useState(false);
  const [, tick] = useState(0);
  useEffect(() => {
    const t = setInterval(() => tick((n) => n + 1), 5000);
    return () => clearInterval(t);
  }, []);

  const state = useLiveEvents((event: LiveDeviceEvent) => {
    if (!device.data || event.deviceId !== device.data.id) return;
    queryClient.setQueryData(deviceOptions.queryKey, (old) => (old ? { ...old, lastMessage: event.message, lastSeenAt: event.seenAt, lastRssi: event.rssi } : old));
    const t = Date.parse(event.seenAt) / 1000;
    setLive((current) => {
      const next = { ...current };
      for (const entry of entriesOf(event.message)) {
        if (typeof entry.value === "number") next[entry.key] = [...(next[entry.key] ?? []), { t, value: entry.value }];
      }
      return next;
    });
    setLiveCount((n) => n + 1);
    // Workers write statistics every few seconds, not per telegram: read them again shortly.
    setTimeout(() => void queryClient.invalidateQueries({ queryKey: deviceOptions.queryKey }), 4000);
  }, device.data?.id);

  const remove = useMutation(
    trpc.devices.delete.mutationOptions({
      onSuccess: async () => {
        await queryClient.invalidateQueries({ queryKey: trpc.devices.pathKey() });
        router.push("/devices");
      },
    }),
  );
  const setActive = useMutation(trpc.devices.update.mutationOptions({ onSuccess: () => queryClient.invalidateQueries({ queryKey: deviceOptions.queryKey }) }));

  if (device.isLoading) return <div className="tw-empty">Loading…</div>;
  if (device.error || !device.data) {
    return (
      <div className="tw-alert tw-alert-bad" role="alert">
        {errorText(device.error) || "Device not found"}. <Link href="/devices">Back to the devices</Link>
      </div>
    );
  }
  const d = device.data;
  const units = Object.fromEntries((profile.data?.fields ?? []).map((f) => [f.key, f.unit]));
  const values = entriesOf(d.lastMessage);

  return (
    <div className="tw-stack">
      <PageHeader
        title={
          <span data-testid="device-title">
            {d.friendlyId || d.sourceEurid}{" "}
            <span className="tw-mono tw-hint" style={{ fontSize: 14 }}>
              {d.sourceEurid}
            </span>
          </span>
        }
        description={
          <span className="tw-row" style={{ gap: 6 }}>
            {d.kind === "ENOCEAN" ? <span className="tw-mono">{d.eep}</span> : <Badge tone="info">{d.kind === "LORAWAN" ? "LoRaWAN" : "Small device"}</Badge>}
            {profile.data ? <span>{profile.data.title}</span> : null}
            {d.location ? <span>· {d.location}</span> : null}
            {!d.active ? <Badge tone="warn">inactive</Badge> : <Badge tone="ok">active</Badge>}
            {!d.licensed ? <Badge tone="bad">over the license: not processed</Badge> : null}
            {d.secured && d.kind === "ENOCEAN" ? <Badge tone="info">secured ({d.slf})</Badge> : null}
          </span>
        }
        actions={
          canWrite ? (
            <div className="tw-row">
              <button type="button" className="tw-button tw-button-secondary" onClick={() => setActive.mutate({ sourceEurid: d.sourceEurid, active: !d.active })}>
                {d.active ? "Deactivate" : "Activate"}
              </button>
              <button type="button" className="tw-button tw-button-secondary" onClick={() => setEditing((e) => !e)}>
                {editing ? "Close editing" : "Edit"}
              </button>
              <button
                type="button"
                className="tw-button tw-button-danger"
                onClick={() => {
                  if (window.confirm(`Remove ${d.friendlyId || d.sourceEurid} and its history?`)) remove.mutate({ sourceEurid: d.sourceEurid });
                }}
              >
                Remove
              </button>
            </div>
          ) : null
        }
      />
      {remove.error ? <div className="tw-alert tw-alert-bad">{errorText(remove.error)}</div> : null}
      {editing ? (
        <DeviceForm
          mode="edit"
          secured={d.secured}
          hmacKeySet={d.hmacKeySet}
          initial={{
            kind: d.kind,
            payloadDecoder: (d.payloadDecoder ?? "tts") as PayloadDecoderName,
            ttsApplicationId: d.ttsApplicationId ?? "",
            sourceEurid: d.sourceEurid,
            eep: d.eep,
            friendlyId: d.friendlyId,
            location: d.location,
            tags: d.tags.join(", "),
            active: d.active,
            expectedIntervalSec: d.expectedIntervalSec ? String(d.expectedIntervalSec) : "",
            isPTM: d.isPTM,
            slf: d.slf ?? "",
          }}
        />
      ) : null}

      <div className="tw-grid tw-grid-2">
        <Card
          title={
            <span className="tw-row" style={{ justifyContent: "space-between" }}>
              <span>Live values</span>
              <span className="live-indicator" data-state={state}>
                {state === "open" ? "Live" : "Connecting…"}
              </span>
            </span>
          }
        >
          <div data-testid="live-values" data-live-count={liveCount} className="live-values">
            {values.length ? <TelemetryValues entries={values} /> : <div className="tw-muted">Nothing received yet. Values appear here as soon as the device sends.</div>}
          </div>
          <p className="tw-hint" style={{ marginBottom: 0 }}>
            Last seen {formatRelativeTime(d.lastSeenAt)}
            {d.lastRssi !== null ? ` at -${d.lastRssi} dBm` : ""}.
          </p>
        </Card>
        <DeviceHealth eurid={eurid} lastSeenAt={d.lastSeenAt} createdAt={d.createdAt} expectedIntervalSec={d.expectedIntervalSec} lastRssi={d.lastRssi} alarms={d.alarms} loadedAt={loadedAt} />
      </div>

      <DeviceCharts
        eurid={eurid}
        range={range}
        onRange={(r) => {
          setRange(r);
          setLoadedAt(Date.now());
          setLive({});
        }}
        units={units}
        live={live}
        loadedAt={loadedAt}
      />

      <DeviceTelegramsLive eurid={eurid} refreshKey={liveCount} />

      <div className="tw-grid tw-grid-2">
        <Card title="Statistics">
          <KeyValueList
            items={[
              ["Telegrams received", <span key="total" data-testid="stat-total">{d.stats.totalTelegramCount.toLocaleString("en")}</span>],
              ["Processed", d.stats.successfullyProcessed.toLocaleString("en")],
              [
                "Not processed",
                <span key="np">
                  {d.stats.notProcessed.toLocaleString("en")}
                  {Object.entries(d.stats.notProcessedByReason).map(([reason, n]) => (
                    <span key={reason} className="tw-hint">
                      {" "}
                      · {reason}: {n}
                    </span>
                  ))}
                </span>,
              ],
              ["Last seen", d.stats.lastSeenAt ? new Date(d.stats.lastSeenAt).toLocaleString("en-GB") : "never"],
            ]}
          />
        </Card>
        <Card title="Settings">
          <KeyValueList
            items={[
              ...kindSettings(d),
              ["Tags", d.tags.length ? d.tags.join(", ") : "—"],
              ["Expected interval", d.expectedIntervalSec ? `${d.expectedIntervalSec} s` : "—"],
              ["Security", d.secured ? (d.kind === "ENOCEAN" ? `AES key set (SLF ${d.slf}${d.isPTM ? ", PTM" : ""})` : "AES key set") : "none"],
              ["Onboarded", new Date(d.createdAt).toLocaleString("en-GB")],
            ]}
          />
        </Card>
      </div>
    </div>
  );
}

/** The settings that depend on the device's kind. */
function kindSettings(d: {
  kind: string;
  eep: string;
  destinationEurid: string;
  payloadDecoder: string | null;
  ttsApplicationId: string | null;
  lastSequence: number | null;
  hmacKeySet: boolean;
}): [string, ReactNode][] {
  if (d.kind === "LORAWAN") {
    return [
      ["Kind", "LoRaWAN (The Things Stack)"],
      ["Payload decoder", d.payloadDecoder ?? "tts"],
      ["TTS application", d.ttsApplicationId || "—"],
    ];
  }
  if (d.kind === "SMALL_DEVICE") {
    return [
      ["Kind", "Small device (AES-128-CBC JSON over HTTP)"],
      ["Last sequence number", d.lastSequence ?? "none yet"],
      ["HMAC", d.hmacKeySet ? "required (key set)" : "not used"],
    ];
  }
  return [
    ["EEP", <span key="eep" className="tw-mono">{d.eep}</span>],
    ["Destination", <span key="dest" className="tw-mono">{d.destinationEurid}</span>],
  ];
}

/** Reloads the telegram list when a live telegram of this device arrives. */
function DeviceTelegramsLive({ eurid, refreshKey }: { eurid: string; refreshKey: number }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  useEffect(() => {
    if (refreshKey > 0) void queryClient.invalidateQueries({ queryKey: trpc.devices.telegrams.queryKey({ sourceEurid: eurid, take: 20 }) });
  }, [refreshKey, eurid, queryClient, trpc]);
  return <DeviceTelegrams eurid={eurid} refreshKey={refreshKey} />;
}
