"use client";
import { useQuery } from "@tanstack/react-query";
import { useMemo, useState } from "react";
import { useTRPC } from "@/trpc/client";

/** Chooses an EEP from the decoder's profile list, searchable by code or title, and shows what
 * the chosen profile outputs. */
export function EepPicker({ value, onChange, error }: { value: string; onChange: (eep: string) => void; error?: string | undefined }) {
  const trpc = useTRPC();
  const profiles = useQuery(trpc.profiles.list.queryOptions(undefined, { staleTime: Infinity }));
  const [filter, setFilter] = useState("");
  const matching = useMemo(() => {
    const f = filter.trim().toLowerCase();
    const list = profiles.data ?? [];
    return f ? list.filter((p) => p.eep.toLowerCase().includes(f) || p.title.toLowerCase().includes(f)) : list;
  }, [profiles.data, filter]);
  const chosen = profiles.data?.find((p) => p.eep === value);
  return (
    <div className="tw-field eep-picker">
      <label htmlFor="eep">EEP (profile)</label>
      <div className="tw-row" style={{ gap: 8 }}>
        <input
          aria-label="Filter profiles"
          placeholder="Filter: A5-09, CO2, rocker…"
          value={filter}
          onChange={(e) => setFilter(e.target.value)}
          style={{ flex: "0 0 220px" }}
        />
        <select id="eep" name="eep" value={value} onChange={(e) => onChange(e.target.value)} style={{ flex: 1 }} required>
          <option value="">{profiles.isLoading ? "Loading profiles…" : `Choose one of ${matching.length} profiles`}</option>
          {chosen && !matching.includes(chosen) ? (
            <option value={chosen.eep}>
              {chosen.eep} — {chosen.title}
            </option>
          ) : null}
          {matching.map((p) => (
            <option key={p.eep} value={p.eep}>
              {p.eep} — {p.title}
            </option>
          ))}
        </select>
      </div>
      {error ? <span className="tw-error">{error}</span> : null}
      {chosen ? (
        <div className="eep-preview" data-testid="eep-fields">
          <span className="tw-hint">
            {chosen.telegram} telegram; sends {chosen.fields.length} value{chosen.fields.length === 1 ? "" : "s"}:
          </span>
          <ul className="eep-fields">
            {chosen.fields.map((f) => (
              <li key={f.key}>
                <code>{f.key}</code> {f.kind === "number" ? `${f.unit ? `in ${f.unit}` : "number"}${f.min !== undefined ? ` (${f.min} to ${f.max})` : ""}` : `one of ${(f.enum ?? []).map((e) => e.value).join(", ")}`}
                {f.conditional ? <span className="tw-hint"> — only in some telegrams</span> : null}
              </li>
            ))}
          </ul>
        </div>
      ) : null}
    </div>
  );
}
