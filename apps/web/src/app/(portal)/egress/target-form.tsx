"use client";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { Badge, Card } from "@tidewire/ui";
import { useRouter } from "next/navigation";
import { Fragment, useState, type FormEvent } from "react";
import { errorText } from "@/components/error-text";
import { useTRPC } from "@/trpc/client";
import { ConnectionResult } from "./connection-result";
import { KIND_DESCRIPTIONS, KIND_FIELDS, KIND_LABELS, settingsOf, valuesOf, visibleFields, type FieldSpec, type FormValues, type TargetKind } from "./target-fields";

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

const list = (text: string) =>
  text
    .split(/[\s,;]+/)
    .map((t) => t.trim())
    .filter(Boolean);

/** The server's problems by field ("config.url" → "url"), for messages under each field. */
function problemsByField(error: unknown): Record<string, string> {
  const issues = (error as { data?: { issues?: { path: (string | number)[]; message: string }[] } } | null)?.data?.issues ?? [];
  const byField: Record<string, string> = {};
  for (const i of issues) {
    const [scope, field] = i.path.map(String);
    const name = (scope === "config" || scope === "secrets") && field ? field : scope;
    if (name) byField[name] = byField[name] ? `${byField[name]}; ${i.message}` : i.message;
  }
  return byField;
}

function SettingField({
  field,
  value,
  isSet,
  removing,
  problem,
  onChange,
  onRemove,
}: {
  field: FieldSpec;
  value: string | boolean | undefined;
  isSet: boolean;
  removing: boolean;
  problem: string | undefined;
  onChange: (v: string | boolean) => void;
  onRemove: (remove: boolean) => void;
}) {
  const id = `target-${field.name}`;
  if (field.type === "boolean") {
    return (
      <label className="tw-check" style={{ gridColumn: "1 / -1" }}>
        <input id={id} type="checkbox" checked={Boolean(value)} onChange={(e) => onChange(e.target.checked)} />
        {field.label}
      </label>
    );
  }
  const wide = field.type === "textarea" || field.type === "map";
  const common = {
    id,
    name: field.name,
    value: typeof value === "string" ? value : "",
    onChange: (e: { target: { value: string } }) => onChange(e.target.value),
    required: Boolean(field.required && !(field.secret && isSet)),
    placeholder: field.secret && isSet ? "set — leave empty to keep" : field.placeholder,
    autoComplete: field.secret ? "off" : undefined,
    "aria-invalid": problem ? true : undefined,
  };
  return (
    <div className="tw-field" style={wide ? { gridColumn: "1 / -1" } : undefined}>
      <label htmlFor={id}>
        {field.label} {field.secret && isSet ? <Badge tone="info">set</Badge> : null}
      </label>
      {field.type === "select" ? (
        <select {...common}>
          {(field.options ?? []).map((o) => (
            <option key={o.value} value={o.value}>
              {o.label}
            </option>
          ))}
        </select>
      ) : field.type === "textarea" || field.type === "map" ? (
        <textarea {...common} rows={field.type === "map" ? 4 : 3} className="tw-mono" />
      ) : (
        <input {...common} type={field.type === "password" ? "password" : field.type === "number" ? "number" : "text"} />
      )}
      {problem ? (
        <span className="tw-error" data-field-error={field.name}>
          {problem}
        </span>
      ) : null}
      {field.hint ? <span className="tw-hint">{field.hint}</span> : null}
      {field.secret ? <span className="tw-hint">Write-only: stored encrypted, never shown again{isSet ? "; leave empty to keep it" : ""}.</span> : null}
      {field.secret && isSet ? (
        <label className="tw-check" style={{ margin: 0, fontSize: 12 }}>
          <input type="checkbox" checked={removing} onChange={(e) => onRemove(e.target.checked)} />
          remove it
        </label>
      ) : null}
    </div>
  );
}

export function TargetForm({ existing, onSaved }: { existing?: Existing; onSaved?: () => void }) {
  const trpc = useTRPC();
  const router = useRouter();
  const queryClient = useQueryClient();
  const [kind, setKind] = useState<TargetKind>(existing?.kind ?? "MQTT");
  const [name, setName] = useState(existing?.name ?? "");
  const [values, setValues] = useState<FormValues>(() => valuesOf(existing?.kind ?? "MQTT", existing?.config, existing?.secretFields));
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
  const problems = problemsByField(error);
  const fields = visibleFields(kind, values);
  const storedSecrets = existing?.secretFields ?? [];

  function filters() {
    return {
      ...(list(tags).length ? { tags: list(tags) } : {}),
      ...(list(eeps).length ? { eeps: list(eeps).map((e) => e.toUpperCase()) } : {}),
      ...(list(devices).length ? { devices: list(devices).map((d) => d.toLowerCase()) } : {}),
    };
  }

  /** Secrets typed, secrets ticked for removal, and stored secrets a choice no longer uses (a
   * password after switching to a client certificate). */
  function secretChanges(typed: Record<string, string>): Record<string, string | null> {
    const shown = new Set(fields.filter((f) => f.secret).map((f) => f.name));
    const unused = storedSecrets.filter((s) => !shown.has(s) && KIND_FIELDS[kind].some((f) => f.name === s));
    return { ...typed, ...Object.fromEntries([...secretsToRemove, ...unused].map((s) => [s, null])) };
  }

  function submit(e: FormEvent) {
    e.preventDefault();
    const { config, secrets, generateCertificate } = settingsOf(kind, values);
    const certificate = generateCertificate ? { generateCertificate: true } : {};
    if (existing) {
      update.mutate({ id: existing.id, name, config, secrets: secretChanges(secrets), filters: filters(), payloadFormat, ...certificate });
    } else {
      create.mutate({ kind, name, enabled: true, config, secrets, filters: filters(), payloadFormat, ...certificate });
    }
  }

  return (
    <form onSubmit={submit} aria-label={existing ? "Edit egress target" : "New egress target"} className="tw-stack">
      {error ? (
        <div className="tw-alert tw-alert-bad" role="alert" data-testid="form-error">
          {Object.keys(problems).length ? "Please correct the marked fields: " : null}
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
                create.reset();
                test.reset();
              }}
              disabled={Boolean(existing)}
            >
              {(Object.keys(KIND_LABELS) as TargetKind[]).map((k) => (
                <option key={k} value={k}>
                  {KIND_LABELS[k]}
                </option>
              ))}
            </select>
            <span className="tw-hint">{KIND_DESCRIPTIONS[kind]}</span>
          </div>
          <div className="tw-field">
            <label htmlFor="target-name">Name</label>
            <input id="target-name" value={name} onChange={(e) => setName(e.target.value)} required maxLength={80} placeholder="Building management MQTT" />
            {problems.name ? <span className="tw-error">{problems.name}</span> : null}
          </div>
        </div>
      </Card>
      <Card title={`${KIND_LABELS[kind]} settings`}>
        <div className="tw-field-row">
          {fields.map((f) => (
            <Fragment key={f.name}>
              {f.section ? (
                <h3 className="tw-form-section" style={{ gridColumn: "1 / -1", margin: "8px 0 6px", fontSize: 14 }}>
                  {f.section}
                </h3>
              ) : null}
              <SettingField
                field={f}
                value={values[f.name]}
                isSet={storedSecrets.includes(f.name)}
                removing={secretsToRemove.includes(f.name)}
                problem={problems[f.name]}
                onChange={(v) => setValues((current) => ({ ...current, [f.name]: v }))}
                onRemove={(remove) => setSecretsToRemove((s) => (remove ? [...s, f.name] : s.filter((x) => x !== f.name)))}
              />
            </Fragment>
          ))}
        </div>
        <div className="tw-row">
          <button
            type="button"
            className="tw-button tw-button-secondary"
            disabled={test.isPending}
            onClick={() => {
              const { config, secrets } = settingsOf(kind, values);
              test.mutate({ kind, config, secrets: existing ? secretChanges(secrets) : secrets, ...(existing ? { targetId: existing.id } : {}) });
            }}
          >
            {test.isPending ? "Testing…" : "Test connection"}
          </button>
          {test.data ? <ConnectionResult result={test.data} /> : null}
          {test.error ? <span className="tw-error">{errorText(test.error)}</span> : null}
        </div>
        {kind === "AZURE_IOT_HUB" && values.auth === "x509" && values.generateCertificate ? (
          <p className="tw-hint" style={{ marginBottom: 0 }}>
            Save first: the certificate is made when the target is created, and its thumbprints are then shown on the target&apos;s page.
          </p>
        ) : null}
      </Card>
      <Card title="What it receives">
        <div className="tw-field-row">
          <div className="tw-field">
            <label htmlFor="filter-tags">Only devices tagged (optional)</label>
            <input id="filter-tags" value={tags} onChange={(e) => setTags(e.target.value)} placeholder="hvac, floor-2" />
            {problems.filters ? <span className="tw-error">{problems.filters}</span> : null}
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
              <option value="IOTC">IoTC message</option>
              <option value="COMPACT">Compact key/value</option>
            </select>
          </div>
        </div>
        <p className="tw-hint" style={{ margin: 0 }}>
          A message goes to the target when it matches every filter that is set; no filter sends everything. IoTC message: the EnOcean IoT Connector&apos;s JSON, unchanged;
          compact: EURID, time and a key/value map of the readings.
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
