import { PageHeader } from "@tidewire/ui";
import { MembersView } from "./members-view";

export const dynamic = "force-dynamic";

export default function MembersPage() {
  return (
    <>
      <PageHeader title="Members" description="Who can use this tenant. Owners and admins change things; viewers only look." />
      <MembersView />
    </>
  );
}
