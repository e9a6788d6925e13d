"use client";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { Badge, Card } from "@tidewire/ui";
import { useRouter } from "next/navigation";
import { useState, type FormEvent } from "react";
import { errorText } from "@/components/error-text";
import { useTRPC } from "@/trpc/client";
import { ConnectionResult } from "./connection-result";
import { KIND_FIELDS, KIND_LABELS, settingsOf, type TargetKind } from "./target-fields";

interface Existing {
  id: string;
  kind: TargetKind;
  name: string;
  enabled: boolean;
  config: Record<string, unknown>;
  secretFields: string[];
  filters: { tags?: string[]; eeps?: string[]; devices?: string[] };
  payloadFormat: "IOTC" | "COMPACT";
}

/** The form's values for a kind: the stored settings, else the kind's defaults (secrets start
 * empty: they are never shown). */
function valuesOf(kind: TargetKind, config?: Record<string, unknown>): Record<string, string | boolean> {
  const values: Record<string, string | boolean> = {};
  for (const f of KIND_FIELDS[kind]) {
    if (f.secret) continue;
    const v = config?.[f.name] ?? f.default;
    if (v !== undefined) values[f.name] = typeof v === "boolean" ? v : String(v);
  }
  return values;
}

const list = (text: string) =>
  text
    .split(/[\s,;]+/)
    .map((t) => t.trim())
    .filter(Boolean);

export function TargetForm({ existing, onSaved }: { existing?: Existing; onSaved?: () => void }) {
  const trpc = useTRPC();
  const router = useRouter();
  const queryClient = useQueryClient();
  const [kind, setKind] = useState<TargetKind>(existing?.kind ?? "MQTT");
  const [name, setName] = useState(existing?.name ?? "");
  const [values, setValues] = useState<Record<string, string | boolean>>(() => valuesOf(existing?.kind ?? "MQTT", existing?.config));
  const [secretsToRemove, setSecretsToRemove] = useState<string[]>([]);
  const [tags, setTags] = useState(existing?.filters.tags?.join(", ") ?? "");
  const [eeps, setEeps] = useState(existing?.filters.eeps?.join(", ") ?? "");
  const [devices, setDevices] = useState(existing?.filters.devices?.join(", ") ?? "");
  const [payloadFormat, setPayloadFormat] = useState<"IOTC" | "COMPACT">(existing?.payloadFormat ?? "IOTC");

  const saved = async (target: { id: string }) => {
    await queryClient.invalidateQueries({ queryKey: trpc.egress.pathKey() });
    if (onSaved) onSaved();
    else router.push(`/egress/${target.id}`);
  };
  const create = useMutation(trpc.egress.create.mutationOptions({ onSuccess: saved }));
  const update = useMutation(trpc.egress.update.mutationOptions({ onSuccess: saved }));
  const test = useMutation(trpc.egress.testSettings.mutationOptions());
  const error = create.error ?? update.error;

  function filters() {
    return {
      ...(list(tags).length ? { tags: list(tags) } : {}),
      ...(list(eeps).length ? { eeps: list(eeps).map((e) => e.toUpperCase()) } : {}),
      ...(list(devices).length ? { devices: list(devices).map((d) => d.toLowerCase()) } : {}),
    };
  }

  function submit(e: FormEvent) {
    e.preventDefault();
    const { config, secrets } = settingsOf(kind, values);
    const secretChanges: Record<string, string | null> = { ...secrets, ...Object.fromEntries(secretsToRemove.map((s) => [s, null])) };
    if (existing) {
      update.mutate({ id: existing.id, name, config, secrets: secretChanges, filters: filters(), payloadFormat });
    } else {
      create.mutate({ kind, name, enabled: true, config, secrets, filters: filters(), payloadFormat });
    }
  }

  return (
    <form onSubmit={submit} aria-label={existing ? "Edit egress target" : "New egress target"} className="tw-stack">
      {error ? (
        <div className="tw-alert tw-alert-bad" role="alert">
          {errorText(error)}
        </div>
      ) : null}
      <Card title="Target">
        <div className="tw-field-row">
          <div className="tw-field">
            <label htmlFor="target-kind">Kind</label>
            <select
              id="target-kind"
              value={kind}
              onChange={(e) => {
                const next = e.target.value as TargetKind;
                setKind(next);
                setValues(valuesOf(next));
              }}
              disabled={Boolean(existing)}
            >
              {(Object.keys(KIND_LABELS) as TargetKind[]).map((k) => (
                <option key={k} value={k}>
                  {KIND_LABELS[k]}
                </option>
              ))}
            </select>
          </div>
          <div className="tw-field">
            <label htmlFor="target-name">Name</label>
            <input id="target-name" value={name} onChange={(e) => setName(e.target.value)} required maxLength={80} placeholder="Building management MQTT" />
          </div>
        </div>
      </Card>
      <Card title={`${KIND_LABELS[kind]} settings`}>
        <div className="tw-field-row">
          {KIND_FIELDS[kind].map((f) => {
            const id = `target-${f.name}`;
            const isSet = existing?.secretFields.includes(f.name);
            if (f.type === "boolean") {
              return (
                <label key={f.name} className="tw-check">
                  <input id={id} type="checkbox" checked={Boolean(values[f.name])} onChange={(e) => setValues({ ...values, [f.name]: e.target.checked })} />
                  {f.label}
                </label>
              );
            }
            const common = {
              id,
              name: f.name,
              value: typeof values[f.name] === "string" ? (values[f.name] as string) : "",
              onChange: (e: { target: { value: string } }) => setValues({ ...values, [f.name]: e.target.value }),
              required: Boolean(f.required && !(f.secret && isSet)),
              placeholder: f.secret && isSet ? "set — type to replace" : f.placeholder,
              autoComplete: f.secret ? "off" : undefined,
            };
            return (
              <div key={f.name} className="tw-field" style={f.type === "textarea" ? { gridColumn: "1 / -1" } : undefined}>
                <label htmlFor={id}>
                  {f.label} {f.secret && isSet ? <Badge tone="info">set</Badge> : null}
                </label>
                {f.type === "select" ? (
                  <select {...common}>
                    {(f.options ?? []).map((o) => (
                      <option key={o.value} value={o.value}>
                        {o.label}
                      </option>
                    ))}
                  </select>
                ) : f.type === "textarea" ? (
                  <textarea {...common} rows={3} className="tw-mono" />
                ) : (
                  <input {...common} type={f.type === "password" ? "password" : f.type === "number" ? "number" : "text"} />
                )}
                {f.hint ? <span className="tw-hint">{f.hint}</span> : null}
                {f.secret ? <span className="tw-hint">Write-only: stored encrypted, never shown again.</span> : null}
                {f.secret && isSet ? (
                  <label className="tw-check" style={{ margin: 0, fontSize: 12 }}>
                    <input
                      type="checkbox"
                      checked={secretsToRemove.includes(f.name)}
                      onChange={(e) => setSecretsToRemove((s) => (e.target.checked ? [...s, f.name] : s.filter((x) => x !== f.name)))}
                    />
                    remove it
                  </label>
                ) : null}
              </div>
            );
          })}
        </div>
        <div className="tw-row">
          <button
            type="button"
            className="tw-button tw-button-secondary"
            disabled={test.isPending}
            onClick={() => {
              const { config, secrets } = settingsOf(kind, values);
              test.mutate({ kind, config, secrets, ...(existing ? { targetId: existing.id } : {}) });
            }}
          >
            {test.isPending ? "Testing…" : "Test connection"}
          </button>
          {test.data ? <ConnectionResult result={test.data} /> : null}
          {test.error ? <span className="tw-error">{errorText(test.error)}</span> : null}
        </div>
      </Card>
      <Card title="What it receives">
        <div className="tw-field-row">
          <div className="tw-field">
            <label htmlFor="filter-tags">Only devices tagged (optional)</label>
            <input id="filter-tags" value={tags} onChange={(e) => setTags(e.target.value)} placeholder="hvac, floor-2" />
          </div>
          <div className="tw-field">
            <label htmlFor="filter-eeps">Only these EEPs (optional)</label>
            <input id="filter-eeps" value={eeps} onChange={(e) => setEeps(e.target.value)} placeholder="A5-09-09" />
          </div>
          <div className="tw-field">
            <label htmlFor="filter-devices">Only these EURIDs (optional)</label>
            <input id="filter-devices" value={devices} onChange={(e) => setDevices(e.target.value)} placeholder="051b03c9" />
          </div>
          <div className="tw-field">
            <label htmlFor="payload-format">Message format</label>
            <select id="payload-format" value={payloadFormat} onChange={(e) => setPayloadFormat(e.target.value as "IOTC" | "COMPACT")}>
              <option value="IOTC">IoTC (as the EnOcean IoT Connector sends it)</option>
              <option value="COMPACT">Compact</option>
            </select>
          </div>
        </div>
        <p className="tw-hint" style={{ margin: 0 }}>
          A message goes to the target when it matches every filter that is set; no filter sends everything.
        </p>
      </Card>
      <div className="tw-row">
        <button className="tw-button" type="submit" disabled={create.isPending || update.isPending}>
          {existing ? "Save changes" : "Create target"}
        </button>
      </div>
    </form>
  );
}
