import { PageHeader } from "@tidewire/ui";
import { AuditView } from "./audit-view";

export const dynamic = "force-dynamic";

export default function AuditPage() {
  return (
    <>
      <PageHeader title="Audit log" description="Every change, who made it (a person or an API key) and when. Secrets are recorded as set or removed, never their values." />
      <AuditView />
    </>
  );
}
