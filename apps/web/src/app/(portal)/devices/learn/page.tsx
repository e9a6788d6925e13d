import { PageHeader } from "@tidewire/ui";
import { LearnMode } from "./learn-mode";

export const dynamic = "force-dynamic";

export default function LearnModePage() {
  return (
    <>
      <PageHeader
        title="Learn mode"
        description="Press the teach-in (LRN) button of a sensor near one of your gateways: the devices that announce themselves appear here, ready to onboard."
      />
      <LearnMode />
    </>
  );
}
