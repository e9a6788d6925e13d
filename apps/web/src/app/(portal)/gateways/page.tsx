import { PageHeader } from "@tidewire/ui";
import { GatewayCredentials } from "./gateway-credentials";
import { GatewayLicense } from "./gateway-license";
import { GatewaysTable } from "./gateways-table";

export const dynamic = "force-dynamic";

export default function GatewaysPage() {
  return (
    <>
      <PageHeader title="Gateways" description="Access points and gateways that stream your sensors' telegrams, their health and what they heard." />
      <div className="tw-stack">
        <GatewaysTable />
        <GatewayLicense />
        <GatewayCredentials />
      </div>
    </>
  );
}
