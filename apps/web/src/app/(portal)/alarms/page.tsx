import { PageHeader } from "@tidewire/ui";
import { AlarmsView } from "./alarms-view";

export const dynamic = "force-dynamic";

export default function AlarmsPage() {
  return (
    <>
      <PageHeader
        title="Alarms"
        description="A device that stays silent longer than its expected interval, reports falling or low energy, or is heard with a weak signal raises an alarm; it clears itself when the condition ends."
      />
      <AlarmsView />
    </>
  );
}
