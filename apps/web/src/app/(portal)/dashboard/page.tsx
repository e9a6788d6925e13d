import { PageHeader } from "@tidewire/ui";
import { DashboardView } from "./dashboard-view";

export const dynamic = "force-dynamic";

export default function DashboardPage() {
  return (
    <>
      <PageHeader title="Dashboard" description="Your installation at a glance: traffic, device health, delivery and license usage." />
      <DashboardView />
    </>
  );
}
