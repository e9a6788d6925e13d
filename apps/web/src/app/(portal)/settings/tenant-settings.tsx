"use client";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { Card, KeyValueList } from "@tidewire/ui";
import { useState, type FormEvent } from "react";
import { errorText } from "@/components/error-text";
import { LicenseUsageView } from "@/components/license-usage";
import { useAccess } from "@/components/use-access";
import { useTRPC } from "@/trpc/client";

export function TenantSettings() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const { canWrite } = useAccess();
  const tenant = useQuery(trpc.tenant.get.queryOptions());
  const license = useQuery(trpc.tenant.license.queryOptions());
  const [name, setName] = useState<string | null>(null);
  const update = useMutation(trpc.tenant.update.mutationOptions({ onSuccess: () => queryClient.invalidateQueries({ queryKey: trpc.tenant.get.queryKey() }) }));
  return (
    <div className="tw-grid tw-grid-2">
      <Card title="Tenant">
        {tenant.data ? (
          <>
            <KeyValueList
              items={[
                ["Slug", <span key="s" className="tw-mono">{tenant.data.slug}</span>],
                ["History kept", `${tenant.data.retentionDays} days (set by the license)`],
                ["Since", new Date(tenant.data.createdAt).toLocaleDateString("en-GB")],
              ]}
            />
            {canWrite ? (
              <form
                className="tw-row"
                style={{ marginTop: 14 }}
                onSubmit={(e: FormEvent) => {
                  e.preventDefault();
                  if (name) update.mutate({ name });
                }}
              >
                <input aria-label="Tenant name" className="tw-input" value={name ?? tenant.data.name} onChange={(e) => setName(e.target.value)} />
                <button className="tw-button" type="submit" disabled={!name || update.isPending}>
                  Rename
                </button>
              </form>
            ) : null}
            {canWrite ? (
              <label className="tw-check" style={{ marginTop: 12 }}>
                <input type="checkbox" checked={tenant.data.alarmsToMqtt} onChange={(e) => update.mutate({ alarmsToMqtt: e.target.checked })} />
                <span>
                  Publish device alarms as MQTT messages (built-in broker, topic <code>alarms/&lt;eurid&gt;</code>)
                </span>
              </label>
            ) : null}
            {update.error ? <div className="tw-alert tw-alert-bad">{errorText(update.error)}</div> : null}
          </>
        ) : null}
      </Card>
      <Card title="License and usage">
        {license.error ? <div className="tw-alert tw-alert-bad">{errorText(license.error)}</div> : null}
        {license.data ? (
          <>
            <LicenseUsageView usage={license.data} />
            {license.data.unlicensedDevices.length ? (
              <>
                <h3 className="tw-section-title">Devices not processed (over the limit)</h3>
                <ul className="tw-mono" style={{ fontSize: 13 }}>
                  {license.data.unlicensedDevices.map((d) => (
                    <li key={d.sourceEurid}>
                      {d.sourceEurid} {d.friendlyId}
                    </li>
                  ))}
                </ul>
              </>
            ) : null}
            <h3 className="tw-section-title">Messages per day, last 14 days</h3>
            <table className="tw-table" aria-label="Daily usage">
              <tbody>
                {license.data.history
                  .slice()
                  .reverse()
                  .map((d) => (
                    <tr key={d.day}>
                      <td>{d.day}</td>
                      <td>{d.messages.toLocaleString("en")} messages</td>
                      <td className={d.dropped ? "" : "tw-hint"}>{d.dropped ? `${d.dropped.toLocaleString("en")} dropped` : "none dropped"}</td>
                    </tr>
                  ))}
              </tbody>
            </table>
          </>
        ) : null}
      </Card>
    </div>
  );
}
