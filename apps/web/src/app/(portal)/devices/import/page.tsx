import { PageHeader } from "@tidewire/ui";
import { DeviceImport } from "./device-import";

export const dynamic = "force-dynamic";

export default function ImportDevicesPage() {
  return (
    <>
      <PageHeader
        title="Import devices"
        description="Onboard many devices at once from a CSV file or an IoTC backup. A dry run checks every row first; nothing is written until the file is clean."
      />
      <DeviceImport />
    </>
  );
}
