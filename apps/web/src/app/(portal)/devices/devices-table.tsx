"use client";
import { keepPreviousData, useQuery, useQueryClient } from "@tanstack/react-query";
import { Badge, formatRelativeTime, Pagination, SortableHeader, TelemetryValues, type TelemetryEntry } from "@tidewire/ui";
import Link from "next/link";
import { useRouter, useSearchParams } from "next/navigation";
import { useEffect, useRef, useState } from "react";
import { errorText } from "@/components/error-text";
import { useLiveEvents, type LiveDeviceEvent } from "@/components/use-live-events";
import { useTRPC } from "@/trpc/client";

const KIND_LABELS = { ENOCEAN: "EnOcean", LORAWAN: "LoRaWAN", SMALL_DEVICE: "Small device" } as const;

type SortField = "friendlyId" | "sourceEurid" | "eep" | "location" | "lastSeenAt" | "lastRssi" | "createdAt";

function entriesOf(message: Record<string, unknown> | null): TelemetryEntry[] {
  const telemetry = message?.telemetry as { data?: TelemetryEntry[] } | undefined;
  return telemetry?.data ?? [];
}

/** Search, filter, sort and page state lives in the URL, so a view can be shared and reloaded. */
function useTableState() {
  const params = useSearchParams();
  const router = useRouter();
  const state = {
    search: params.get("q") ?? "",
    tag: params.get("tag") ?? "",
    status: params.get("status") ?? "",
    kind: params.get("kind") ?? "",
    sort: (params.get("sort") ?? "friendlyId") as SortField,
    direction: (params.get("dir") ?? "asc") as "asc" | "desc",
    page: Number(params.get("page") ?? "1") || 1,
  };
  const set = (patch: Partial<typeof state>) => {
    const next = { ...state, ...patch };
    const q = new URLSearchParams();
    if (next.search) q.set("q", next.search);
    if (next.tag) q.set("tag", next.tag);
    if (next.status) q.set("status", next.status);
    if (next.kind) q.set("kind", next.kind);
    if (next.sort !== "friendlyId") q.set("sort", next.sort);
    if (next.direction !== "asc") q.set("dir", next.direction);
    if (next.page > 1) q.set("page", String(next.page));
    router.replace(`/devices${q.size ? `?${q}` : ""}`, { scroll: false });
  };
  return [state, set] as const;
}

export function DevicesTable() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [state, setState] = useTableState();
  const [searchText, setSearchText] = useState(state.search);
  const [flashed, setFlashed] = useState<Record<string, number>>({});
  const [, tick] = useState(0);

  // Typing searches after a short pause, not on every key.
  const setStateRef = useRef(setState);
  setStateRef.current = setState;
  useEffect(() => {
    const t = setTimeout(() => {
      if (searchText !== state.search) setStateRef.current({ search: searchText, page: 1 });
    }, 250);
    return () => clearTimeout(t);
  }, [searchText, state.search]);

  const input = {
    ...(state.search ? { search: state.search } : {}),
    ...(state.tag ? { tag: state.tag } : {}),
    ...(state.status === "active" ? { active: true } : state.status === "inactive" ? { active: false } : {}),
    ...(state.status === "unlicensed" ? { licensed: false } : {}),
    ...(state.kind in KIND_LABELS ? { kind: state.kind as keyof typeof KIND_LABELS } : {}),
    sort: state.sort,
    direction: state.direction,
    page: state.page,
    pageSize: 50,
  };
  const listOptions = trpc.devices.list.queryOptions(input, { placeholderData: keepPreviousData });
  const { data, isLoading, error } = useQuery(listOptions);
  const tags = useQuery(trpc.devices.tags.queryOptions());

  const live = useLiveEvents((event: LiveDeviceEvent) => {
    queryClient.setQueryData(listOptions.queryKey, (old) =>
      old
        ? {
            ...old,
            rows: old.rows.map((row) =>
              row.id === event.deviceId ? { ...row, lastMessage: event.message, lastSeenAt: event.seenAt, lastRssi: event.rssi } : row,
            ),
          }
        : old,
    );
    setFlashed((f) => ({ ...f, [event.deviceId]: Date.now() }));
  });

  // Re-render every few seconds so "12 s ago" keeps counting.
  useEffect(() => {
    const t = setInterval(() => tick((n) => n + 1), 5000);
    return () => clearInterval(t);
  }, []);

  const onSort = (sort: SortField, direction: "asc" | "desc") => setState({ sort, direction, page: 1 });
  const header = (field: SortField, label: string) => (
    <SortableHeader field={field} sort={state.sort} direction={state.direction} onSort={onSort}>
      {label}
    </SortableHeader>
  );

  return (
    <>
      <div className="tw-toolbar">
        <input
          type="search"
          aria-label="Search devices"
          placeholder="Search id, name, location, EEP or tag"
          value={searchText}
          onChange={(e) => setSearchText(e.target.value)}
        />
        <select aria-label="Filter by tag" value={state.tag} onChange={(e) => setState({ tag: e.target.value, page: 1 })}>
          <option value="">All tags</option>
          {(tags.data ?? []).map((t) => (
            <option key={t} value={t}>
              {t}
            </option>
          ))}
        </select>
        <select aria-label="Filter by status" value={state.status} onChange={(e) => setState({ status: e.target.value, page: 1 })}>
          <option value="">Any status</option>
          <option value="active">Active</option>
          <option value="inactive">Inactive</option>
          <option value="unlicensed">Over the license</option>
        </select>
        <select aria-label="Filter by kind" value={state.kind} onChange={(e) => setState({ kind: e.target.value, page: 1 })}>
          <option value="">Any kind</option>
          {Object.entries(KIND_LABELS).map(([kind, label]) => (
            <option key={kind} value={kind}>
              {label}
            </option>
          ))}
        </select>
        <span className="live-indicator" data-state={live}>
          {live === "open" ? "Live" : "Connecting…"}
        </span>
      </div>
      {error ? <div className="tw-alert tw-alert-bad">Could not load devices: {errorText(error)}</div> : null}
      {isLoading ? (
        <div className="tw-empty">Loading devices…</div>
      ) : data && data.total === 0 && !state.search && !state.tag && !state.status && !state.kind ? (
        <div className="tw-empty">
          No devices yet. <Link href="/devices/new">Onboard one</Link>, <Link href="/devices/import">import a file</Link> or use{" "}
          <Link href="/devices/learn">learn mode</Link>.
        </div>
      ) : data ? (
        <>
          <div className="tw-table-wrap">
            <table className="tw-table" aria-label="Devices" data-total={data.total}>
              <thead>
                <tr>
                  {header("friendlyId", "Device")}
                  {header("sourceEurid", "Id (EURID / DevEUI)")}
                  {header("eep", "Kind / EEP")}
                  <th>Latest values</th>
                  {header("lastRssi", "RSSI")}
                  {header("lastSeenAt", "Last seen")}
                </tr>
              </thead>
              <tbody>
                {data.rows.length === 0 ? (
                  <tr>
                    <td colSpan={6} className="tw-empty">
                      No device matches.
                    </td>
                  </tr>
                ) : (
                  data.rows.map((row) => (
                    <tr key={`${row.id}-${flashed[row.id] ?? 0}`} className={flashed[row.id] ? "tw-flash" : undefined} data-eurid={row.sourceEurid}>
                      <td>
                        <Link href={`/devices/${row.sourceEurid}`}>
                          <strong>{row.friendlyId || row.sourceEurid}</strong>
                        </Link>
                        <div className="tw-hint">{row.location}</div>
                        <div className="tw-row" style={{ gap: 4 }}>
                          {!row.active ? <Badge tone="warn">inactive</Badge> : null}
                          {!row.licensed ? <Badge tone="bad" title="over the license's device limit: not processed">unlicensed</Badge> : null}
                          {row.secured ? <Badge tone="info">secured</Badge> : null}
                          {row.tags.map((t) => (
                            <Badge key={t}>{t}</Badge>
                          ))}
                        </div>
                      </td>
                      <td className="tw-mono">{row.sourceEurid}</td>
                      <td data-kind={row.kind}>
                        {row.kind === "ENOCEAN" ? <span className="tw-mono">{row.eep}</span> : <Badge tone="info">{KIND_LABELS[row.kind]}</Badge>}
                      </td>
                      <td>
                        <TelemetryValues entries={entriesOf(row.lastMessage)} />
                      </td>
                      <td className="tw-nowrap">{row.lastRssi !== null ? `-${row.lastRssi} dBm` : "—"}</td>
                      <td className="tw-nowrap">{formatRelativeTime(row.lastSeenAt)}</td>
                    </tr>
                  ))
                )}
              </tbody>
            </table>
          </div>
          <Pagination page={data.page} pageSize={data.pageSize} total={data.total} onPage={(page) => setState({ page })} />
        </>
      ) : null}
    </>
  );
}
