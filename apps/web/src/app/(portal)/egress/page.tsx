import { PageHeader } from "@tidewire/ui";
import { TargetsTable } from "./targets-table";

export const dynamic = "force-dynamic";

export default function EgressPage() {
  return (
    <>
      <PageHeader title="Egress targets" description="Where your sensors' messages go: the built-in MQTT broker, your own broker, Azure IoT Hub, EnOS or agrirouter." />
      <TargetsTable />
    </>
  );
}
