"use client";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { Badge, Card, SecretOnce } from "@tidewire/ui";
import Link from "next/link";
import { useState, type FormEvent } from "react";
import { errorText } from "@/components/error-text";
import { useTRPC } from "@/trpc/client";

const over = (used: number, limit: number) => (used > limit ? "tw-row-bad" : "");

export function AdminTenants() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const tenants = useQuery(trpc.admin.tenants.queryOptions());
  const [form, setForm] = useState({ slug: "", name: "", ownerEmail: "" });
  const [invite, setInvite] = useState<string | null>(null);
  const create = useMutation(
    trpc.admin.createTenant.mutationOptions({
      onSuccess: (t) => {
        setInvite(t.inviteUrl);
        setForm({ slug: "", name: "", ownerEmail: "" });
        void queryClient.invalidateQueries({ queryKey: trpc.admin.tenants.queryKey() });
      },
    }),
  );
  return (
    <div className="tw-stack">
      <Card title="Tenants">
        {tenants.error ? <div className="tw-alert tw-alert-bad">{errorText(tenants.error)}</div> : null}
        <div className="tw-table-wrap">
          <table className="tw-table" aria-label="Tenants">
            <thead>
              <tr>
                <th>Tenant</th>
                <th>License</th>
                <th>Devices</th>
                <th>Gateways</th>
                <th>Messages today</th>
                <th>Members</th>
              </tr>
            </thead>
            <tbody>
              {(tenants.data ?? []).map((t) => (
                <tr key={t.id} data-tenant={t.slug} className={over(t.devices, t.limits.maxDevices) || over(t.gateways, t.limits.maxGateways)}>
                  <td>
                    <Link href={`/admin/tenants/${t.id}`}>
                      <strong>{t.name}</strong>
                    </Link>
                    <div className="tw-hint tw-mono">{t.slug}</div>
                  </td>
                  <td>
                    {t.limits.source === "license" ? (
                      <>
                        <Badge tone="ok">licensed</Badge>
                        <div className="tw-hint">until {t.limits.validUntil ? new Date(t.limits.validUntil).toLocaleDateString("en-GB") : "—"}</div>
                      </>
                    ) : (
                      <Badge tone="warn">trial</Badge>
                    )}
                  </td>
                  <td>
                    {t.devices} / {t.limits.maxDevices}
                    {t.unlicensedDevices ? <div className="tw-error" style={{ color: "var(--tw-bad)" }}>{t.unlicensedDevices} dropped</div> : null}
                  </td>
                  <td>
                    {t.gateways} / {t.limits.maxGateways}
                    {t.unlicensedGateways ? <div style={{ color: "var(--tw-bad)" }}>{t.unlicensedGateways} dropped</div> : null}
                  </td>
                  <td>
                    {t.messagesToday.toLocaleString("en")} / {t.limits.maxMessagesPerDay.toLocaleString("en")}
                    {t.droppedToday ? <div style={{ color: "var(--tw-bad)" }}>{t.droppedToday.toLocaleString("en")} dropped</div> : null}
                  </td>
                  <td>{t.members}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </Card>
      <Card title="New tenant">
        {invite ? <SecretOnce label="The owner's invitation link (also sent by e-mail)" value={invite} onDone={() => setInvite(null)} /> : null}
        {create.error ? <div className="tw-alert tw-alert-bad">{errorText(create.error)}</div> : null}
        <form
          className="tw-field-row"
          onSubmit={(e: FormEvent) => {
            e.preventDefault();
            create.mutate(form);
          }}
        >
          <div className="tw-field">
            <label htmlFor="tenant-name">Name</label>
            <input id="tenant-name" value={form.name} onChange={(e) => setForm({ ...form, name: e.target.value })} required />
          </div>
          <div className="tw-field">
            <label htmlFor="tenant-slug">Slug</label>
            <input id="tenant-slug" value={form.slug} onChange={(e) => setForm({ ...form, slug: e.target.value })} required placeholder="acme-buildings" />
          </div>
          <div className="tw-field">
            <label htmlFor="tenant-owner">Owner&apos;s e-mail</label>
            <input id="tenant-owner" type="email" value={form.ownerEmail} onChange={(e) => setForm({ ...form, ownerEmail: e.target.value })} required />
          </div>
          <div className="tw-field" style={{ justifyContent: "flex-end" }}>
            <button className="tw-button" type="submit" disabled={create.isPending}>
              Create and invite
            </button>
          </div>
        </form>
      </Card>
    </div>
  );
}
