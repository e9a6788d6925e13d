"use client";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { Badge, Card, PageHeader, type BadgeTone } from "@tidewire/ui";
import Link from "next/link";
import { useState, type FormEvent } from "react";
import { errorText } from "@/components/error-text";
import { LicenseUsageView } from "@/components/license-usage";
import { useTRPC } from "@/trpc/client";

const STATE_TONE: Record<string, BadgeTone> = { active: "ok", scheduled: "info", expired: "neutral", revoked: "bad" };
const inDays = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);

export function AdminTenant({ tenantId }: { tenantId: string }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const tenant = useQuery(trpc.admin.tenant.queryOptions({ tenantId }));
  const refresh = () => queryClient.invalidateQueries({ queryKey: trpc.admin.pathKey() });
  const [form, setForm] = useState({ maxDevices: "100", maxGateways: "10", maxMessagesPerDay: "1000000", retentionDays: "30", validUntil: inDays(365), note: "" });
  const issue = useMutation(trpc.admin.issueLicense.mutationOptions({ onSuccess: () => void refresh() }));
  const extend = useMutation(trpc.admin.extendLicense.mutationOptions({ onSuccess: () => void refresh() }));
  const revoke = useMutation(trpc.admin.revokeLicense.mutationOptions({ onSuccess: () => void refresh() }));
  const error = issue.error ?? extend.error ?? revoke.error;
  if (!tenant.data) return tenant.error ? <div className="tw-alert tw-alert-bad">{errorText(tenant.error)}</div> : <div className="tw-empty">Loading…</div>;
  const t = tenant.data;
  return (
    <div className="tw-stack">
      <PageHeader title={t.name} description={<><Link href="/admin">License portal</Link> · <span className="tw-mono">{t.slug}</span></>} />
      {error ? <div className="tw-alert tw-alert-bad" role="alert">{errorText(error)}</div> : null}
      <div className="tw-grid tw-grid-2">
        <Card title="Usage against its limits">
          <LicenseUsageView usage={t.usage} />
        </Card>
        <Card title="Issue a license">
          <form
            aria-label="Issue a license"
            onSubmit={(e: FormEvent) => {
              e.preventDefault();
              issue.mutate({
                tenantId,
                maxDevices: Number(form.maxDevices),
                maxGateways: Number(form.maxGateways),
                maxMessagesPerDay: Number(form.maxMessagesPerDay),
                retentionDays: Number(form.retentionDays),
                validUntil: new Date(`${form.validUntil}T23:59:59Z`).toISOString(),
                ...(form.note ? { note: form.note } : {}),
              });
            }}
          >
            <div className="tw-field-row">
              {(
                [
                  ["maxDevices", "Devices"],
                  ["maxGateways", "Gateways"],
                  ["maxMessagesPerDay", "Messages per day"],
                  ["retentionDays", "History (days)"],
                ] as const
              ).map(([key, label]) => (
                <div key={key} className="tw-field">
                  <label htmlFor={`license-${key}`}>{label}</label>
                  <input id={`license-${key}`} type="number" min={key === "retentionDays" ? 1 : 0} value={form[key]} onChange={(e) => setForm({ ...form, [key]: e.target.value })} required />
                </div>
              ))}
              <div className="tw-field">
                <label htmlFor="license-validUntil">Valid until</label>
                <input id="license-validUntil" type="date" value={form.validUntil} onChange={(e) => setForm({ ...form, validUntil: e.target.value })} required />
              </div>
              <div className="tw-field">
                <label htmlFor="license-note">Note</label>
                <input id="license-note" value={form.note} onChange={(e) => setForm({ ...form, note: e.target.value })} placeholder="order 2026-114" />
              </div>
            </div>
            <button className="tw-button" type="submit" disabled={issue.isPending}>
              Issue license
            </button>
            {issue.isSuccess ? <span className="tw-hint" role="status"> Issued and applied.</span> : null}
          </form>
        </Card>
      </div>
      <Card title="Licenses">
        {t.licenses.length === 0 ? <div className="tw-muted">No license: the tenant runs on the trial limits.</div> : null}
        {t.licenses.length ? (
          <table className="tw-table" aria-label="Licenses">
            <thead>
              <tr>
                <th>State</th>
                <th>Limits</th>
                <th>Valid</th>
                <th>Key</th>
                <th />
              </tr>
            </thead>
            <tbody>
              {t.licenses.map((l) => (
                <tr key={l.id} data-license={l.state}>
                  <td>
                    <Badge tone={STATE_TONE[l.state] ?? "neutral"}>{l.state}</Badge>
                    {l.note ? <div className="tw-hint">{l.note}</div> : null}
                  </td>
                  <td>
                    {l.maxDevices.toLocaleString("en")} devices · {l.maxGateways} gateways · {l.maxMessagesPerDay.toLocaleString("en")} msg/day · {l.retentionDays} d history
                  </td>
                  <td className="tw-nowrap">
                    {new Date(l.validFrom).toLocaleDateString("en-GB")} – {new Date(l.validUntil).toLocaleDateString("en-GB")}
                  </td>
                  <td>
                    <code title={l.key} style={{ fontSize: 11 }}>
                      {l.key.slice(0, 28)}…
                    </code>
                  </td>
                  <td className="tw-nowrap">
                    {l.state !== "revoked" ? (
                      <>
                        <button
                          type="button"
                          className="tw-button tw-button-secondary tw-button-small"
                          onClick={() => extend.mutate({ tenantId, licenseId: l.id, validUntil: new Date(Date.parse(l.validUntil) + 365 * 86_400_000).toISOString() })}
                        >
                          Extend a year
                        </button>{" "}
                        <button
                          type="button"
                          className="tw-button tw-button-secondary tw-button-small"
                          onClick={() => {
                            if (window.confirm("Revoke this license? The tenant falls back to the trial limits at once.")) revoke.mutate({ tenantId, licenseId: l.id });
                          }}
                        >
                          Revoke
                        </button>
                      </>
                    ) : null}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        ) : null}
      </Card>
    </div>
  );
}
