import { PageHeader } from "@tidewire/ui";
import { TenantSettings } from "./tenant-settings";

export const dynamic = "force-dynamic";

export default function SettingsPage() {
  return (
    <>
      <PageHeader title="Settings" description="The tenant, its license and what it uses." />
      <TenantSettings />
    </>
  );
}
