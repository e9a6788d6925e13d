import { PageHeader } from "@tidewire/ui";
import { TargetForm } from "../target-form";

export const dynamic = "force-dynamic";

export default function NewTargetPage() {
  return (
    <>
      <PageHeader title="New egress target" description="Test the connection before you save; secrets are stored encrypted and never shown again." />
      <TargetForm />
    </>
  );
}
