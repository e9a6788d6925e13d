import { PageHeader } from "@tidewire/ui";
import { IntegrationsView } from "./integrations-view";

export const dynamic = "force-dynamic";

export default function IntegrationsPage() {
  return (
    <>
      <PageHeader
        title="Integrations"
        description="Bring LoRaWAN devices in from The Things Stack (webhook or MQTT), and let small devices post encrypted readings. Onboard the devices themselves on the Devices page."
      />
      <IntegrationsView />
    </>
  );
}
