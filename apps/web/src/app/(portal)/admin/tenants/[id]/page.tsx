import { redirect } from "next/navigation";
import { pageAccess } from "@/server/auth/page-access";
import { AdminTenant } from "./admin-tenant";

export const dynamic = "force-dynamic";

export default async function AdminTenantPage({ params }: { params: Promise<{ id: string }> }) {
  const { principal } = await pageAccess();
  if (!principal?.isPlatformAdmin) redirect("/dashboard");
  const { id } = await params;
  return <AdminTenant tenantId={id} />;
}
