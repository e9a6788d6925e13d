"use client";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { Badge, Card, formatRelativeTime, SecretOnce } from "@tidewire/ui";
import Link from "next/link";
import { useState, type FormEvent } from "react";
import { errorText } from "@/components/error-text";
import { useAccess } from "@/components/use-access";
import { useTRPC } from "@/trpc/client";

const SCOPES = [
  ["read", "read: GET requests"],
  ["write", "write: changes (onboarding, targets…)"],
  ["mqtt", "mqtt: subscribe on the built-in broker"],
] as const;
type Scope = (typeof SCOPES)[number][0];

export function ApiKeysView() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const { canWrite } = useAccess();
  const keys = useQuery(trpc.apiKeys.list.queryOptions());
  const refresh = () => queryClient.invalidateQueries({ queryKey: trpc.apiKeys.list.queryKey() });
  const [name, setName] = useState("");
  const [scopes, setScopes] = useState<Scope[]>(["read"]);
  const [perSecond, setPerSecond] = useState("");
  const [perMinute, setPerMinute] = useState("");
  const [created, setCreated] = useState<{ keyId: string; secret: string } | null>(null);
  const create = useMutation(trpc.apiKeys.create.mutationOptions({ onSuccess: (k) => (setCreated({ keyId: k.keyId, secret: k.secret }), setName(""), void refresh()) }));
  const revoke = useMutation(trpc.apiKeys.revoke.mutationOptions({ onSuccess: () => void refresh() }));
  return (
    <div className="tw-stack">
      {canWrite ? (
        <Card title="New API key">
          {created ? (
            <div data-testid="new-api-key" data-key-id={created.keyId}>
              <p style={{ margin: 0 }}>
                Key id <code data-testid="key-id">{created.keyId}</code>
              </p>
              <SecretOnce label="Secret" value={created.secret} onDone={() => setCreated(null)} />
              <pre className="tw-code">{`curl -u ${created.keyId}:<secret> ${typeof window !== "undefined" ? window.location.origin : ""}/api/v1/devices`}</pre>
            </div>
          ) : null}
          {create.error ? <div className="tw-alert tw-alert-bad">{errorText(create.error)}</div> : null}
          <form
            onSubmit={(e: FormEvent) => {
              e.preventDefault();
              create.mutate({
                name,
                scopes,
                ...(perSecond ? { rateLimitPerSecond: Number(perSecond) } : {}),
                ...(perMinute ? { rateLimitPerMinute: Number(perMinute) } : {}),
              });
            }}
          >
            <div className="tw-field-row">
              <div className="tw-field">
                <label htmlFor="key-name">Name</label>
                <input id="key-name" value={name} onChange={(e) => setName(e.target.value)} required placeholder="Building management integration" />
              </div>
              <div className="tw-field">
                <label htmlFor="key-per-second">Requests per second (optional)</label>
                <input id="key-per-second" type="number" min={1} value={perSecond} onChange={(e) => setPerSecond(e.target.value)} placeholder="installation default" />
              </div>
              <div className="tw-field">
                <label htmlFor="key-per-minute">Requests per minute (optional)</label>
                <input id="key-per-minute" type="number" min={1} value={perMinute} onChange={(e) => setPerMinute(e.target.value)} placeholder="installation default" />
              </div>
            </div>
            <fieldset className="tw-row" style={{ border: "none", padding: 0, margin: "0 0 12px" }}>
              <legend className="tw-hint">Scopes</legend>
              {SCOPES.map(([scope, label]) => (
                <label key={scope} className="tw-check" style={{ margin: 0 }}>
                  <input
                    type="checkbox"
                    name={`scope-${scope}`}
                    checked={scopes.includes(scope)}
                    onChange={(e) => setScopes((s) => (e.target.checked ? [...s, scope] : s.filter((x) => x !== scope)))}
                  />
                  {label}
                </label>
              ))}
            </fieldset>
            <button className="tw-button" type="submit" disabled={create.isPending || scopes.length === 0}>
              Create key
            </button>
          </form>
        </Card>
      ) : null}
      <Card title="Keys">
        {keys.error ? <div className="tw-alert tw-alert-bad">{errorText(keys.error)}</div> : null}
        {(keys.data ?? []).length === 0 ? <div className="tw-muted">No API keys.</div> : null}
        {(keys.data ?? []).length ? (
          <table className="tw-table" aria-label="API keys">
            <thead>
              <tr>
                <th>Key</th>
                <th>Scopes</th>
                <th>Limits</th>
                <th>Last used</th>
                <th />
              </tr>
            </thead>
            <tbody>
              {keys.data!.map((k) => (
                <tr key={k.id} data-key-id={k.keyId}>
                  <td>
                    <strong>{k.name}</strong>
                    <div className="tw-mono tw-hint">{k.keyId}</div>
                  </td>
                  <td>
                    {k.scopes.map((s) => (
                      <Badge key={s}>{s}</Badge>
                    ))}
                  </td>
                  <td className="tw-hint">
                    {k.rateLimitPerSecond ?? "default"}/s · {k.rateLimitPerMinute ?? "default"}/min
                  </td>
                  <td className="tw-hint">{formatRelativeTime(k.lastUsedAt)}</td>
                  <td>
                    {k.revokedAt ? (
                      <Badge tone="neutral">revoked</Badge>
                    ) : canWrite ? (
                      <button
                        type="button"
                        className="tw-button tw-button-secondary tw-button-small"
                        onClick={() => {
                          if (window.confirm(`Revoke ${k.name}? Requests with it are refused at once.`)) revoke.mutate({ id: k.id });
                        }}
                      >
                        Revoke
                      </button>
                    ) : null}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        ) : null}
        <p className="tw-hint">
          See the <Link href="/api-docs">API reference</Link>. A key has its own request limits; past one, the API answers 429 and names it.
        </p>
      </Card>
    </div>
  );
}
