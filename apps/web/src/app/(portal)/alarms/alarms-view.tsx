"use client";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { Card, Segmented } from "@tidewire/ui";
import { useState } from "react";
import { AlarmList } from "@/components/alarm-list";
import { errorText } from "@/components/error-text";
import { useAccess } from "@/components/use-access";
import { useLiveStream } from "@/components/use-live-events";
import { useTRPC } from "@/trpc/client";

export function AlarmsView() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const { canWrite } = useAccess();
  const [which, setWhich] = useState<"open" | "cleared" | "all">("open");
  const alarms = useQuery(trpc.alarms.list.queryOptions({ ...(which === "all" ? {} : { open: which === "open" }), take: 200 }));
  const tenant = useQuery(trpc.tenant.get.queryOptions());
  const update = useMutation(trpc.tenant.update.mutationOptions({ onSuccess: () => queryClient.invalidateQueries({ queryKey: trpc.tenant.get.queryKey() }) }));
  useLiveStream("alarms", () => void queryClient.invalidateQueries({ queryKey: trpc.alarms.list.pathKey() }));
  return (
    <div className="tw-stack">
      <Card>
        <div className="tw-row" style={{ justifyContent: "space-between" }}>
          <Segmented
            label="Which alarms"
            value={which}
            onChange={setWhich}
            options={[
              { value: "open", label: "Open" },
              { value: "cleared", label: "Cleared" },
              { value: "all", label: "All" },
            ]}
          />
          {tenant.data ? (
            <label className="tw-check" style={{ margin: 0 }}>
              <input
                type="checkbox"
                checked={tenant.data.alarmsToMqtt}
                disabled={!canWrite || update.isPending}
                onChange={(e) => update.mutate({ alarmsToMqtt: e.target.checked })}
              />
              <span>
                Also publish alarms as MQTT messages on the built-in broker (topic <code>alarms/&lt;eurid&gt;</code>)
              </span>
            </label>
          ) : null}
        </div>
        {update.error ? <div className="tw-alert tw-alert-bad">{errorText(update.error)}</div> : null}
      </Card>
      <Card>
        {alarms.error ? <div className="tw-alert tw-alert-bad">{errorText(alarms.error)}</div> : null}
        {alarms.isLoading ? <div className="tw-empty">Loading…</div> : <AlarmList alarms={alarms.data ?? []} empty={which === "open" ? "No open alarms." : "No alarms."} />}
      </Card>
    </div>
  );
}
