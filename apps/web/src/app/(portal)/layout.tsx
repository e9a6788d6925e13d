import { listUserTenants } from "@tidewire/db";
import { redirect } from "next/navigation";
import type { ReactNode } from "react";
import { pageAccess } from "@/server/auth/page-access";
import { services } from "@/server/services";
import { LicenseBanner } from "./license-banner";
import { NavLinks } from "./nav-links";
import { SignOutButton } from "./sign-out-button";
import { TenantSwitcher } from "./tenant-switcher";

export const dynamic = "force-dynamic";

export default async function PortalLayout({ children }: { children: ReactNode }) {
  const { principal, access } = await pageAccess();
  if (!principal) redirect("/sign-in");
  const tenants = await listUserTenants(services().db, principal.userId);
  return (
    <div className="portal">
      <nav className="portal-nav" aria-label="Main">
        <div className="brand">
          tide<span>wire</span>
        </div>
        <NavLinks isPlatformAdmin={principal.isPlatformAdmin} hasTenant={access !== null} />
        <div className="tenant">
          {access ? (
            <>
              <strong>{access.tenantName}</strong>
              <span data-testid="current-role">{access.role.toLowerCase()}</span> · {principal.email}
              <TenantSwitcher current={access.tenantSlug} tenants={tenants} />
            </>
          ) : (
            <>{principal.email}</>
          )}
          <div style={{ marginTop: 8 }}>
            <SignOutButton />
          </div>
        </div>
      </nav>
      <main className="portal-main">
        {access ? <LicenseBanner tenantId={access.tenantId} /> : null}
        {access || principal.isPlatformAdmin ? children : <div className="tw-empty">Your account is not a member of any tenant yet. Ask a tenant owner for an invitation.</div>}
      </main>
    </div>
  );
}
