import { PageHeader } from "@tidewire/ui";
import { redirect } from "next/navigation";
import { pageAccess } from "@/server/auth/page-access";
import { AdminTenants } from "./admin-tenants";

export const dynamic = "force-dynamic";

export default async function AdminPage() {
  const { principal } = await pageAccess();
  if (!principal?.isPlatformAdmin) redirect("/dashboard");
  return (
    <>
      <PageHeader title="License portal" description="Every tenant with what it uses against its limits. Issue, extend and revoke licenses; the pipeline checks their signed keys offline." />
      <AdminTenants />
    </>
  );
}
