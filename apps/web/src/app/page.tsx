import { redirect } from "next/navigation";
import { pageAccess } from "@/server/auth/page-access";

export const dynamic = "force-dynamic";

export default async function Home() {
  const { principal, access } = await pageAccess();
  if (!principal) redirect("/sign-in");
  redirect(access ? "/dashboard" : principal.isPlatformAdmin ? "/admin" : "/dashboard");
}
