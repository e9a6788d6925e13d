"use client";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useTRPC } from "@/trpc/client";

/** Lets a member of several tenants choose which one the portal acts for. */
export function TenantSwitcher({ current, tenants }: { current: string; tenants: { slug: string; name: string; role: string }[] }) {
  const trpc = useTRPC();
  const router = useRouter();
  const queryClient = useQueryClient();
  const switchTenant = useMutation(
    trpc.session.switchTenant.mutationOptions({
      onSuccess: async () => {
        await queryClient.invalidateQueries();
        router.refresh();
      },
    }),
  );
  if (tenants.length < 2) return null;
  return (
    <label className="tenant-switcher">
      <span>Tenant</span>
      <select
        aria-label="Switch tenant"
        value={current}
        disabled={switchTenant.isPending}
        onChange={(e) => switchTenant.mutate({ slug: e.target.value })}
      >
        {tenants.map((t) => (
          <option key={t.slug} value={t.slug}>
            {t.name} ({t.role.toLowerCase()})
          </option>
        ))}
      </select>
    </label>
  );
}
