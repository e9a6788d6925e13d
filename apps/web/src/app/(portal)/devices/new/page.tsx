import { PageHeader } from "@tidewire/ui";
import { Suspense } from "react";
import { DeviceForm } from "../device-form";

export const dynamic = "force-dynamic";

export default function NewDevicePage() {
  return (
    <>
      <PageHeader title="Onboard a device" description="Tell Tidewire which sensor to expect and how to decode it. Type its details, or paste the code from its product label." />
      <Suspense>
        <DeviceForm mode="create" />
      </Suspense>
    </>
  );
}
