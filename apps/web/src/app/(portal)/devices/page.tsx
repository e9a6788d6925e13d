import { PageHeader } from "@tidewire/ui";
import { Suspense } from "react";
import { DeviceActions } from "./device-actions";
import { DevicesTable } from "./devices-table";

export const dynamic = "force-dynamic";

export default function DevicesPage() {
  return (
    <>
      <PageHeader title="Devices" description="Every onboarded sensor with its latest decoded values, updated as telegrams arrive." actions={<DeviceActions />} />
      <Suspense fallback={<div className="tw-empty">Loading devices…</div>}>
        <DevicesTable />
      </Suspense>
    </>
  );
}
