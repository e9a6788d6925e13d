import { PageHeader } from "@tidewire/ui";
import { ApiKeysView } from "./api-keys-view";

export const dynamic = "force-dynamic";

export default function ApiKeysPage() {
  return (
    <>
      <PageHeader title="API keys" description="Keys for scripts and integrations: the REST API (HTTP Basic: key id and secret), the IoTC-compatible API and the built-in MQTT broker." />
      <ApiKeysView />
    </>
  );
}
