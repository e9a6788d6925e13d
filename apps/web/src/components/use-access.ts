"use client";
import { useQuery } from "@tanstack/react-query";
import { useTRPC } from "@/trpc/client";

/** Who the portal is used by and what they may do in the current tenant. */
export function useAccess() {
  const trpc = useTRPC();
  const { data } = useQuery(trpc.session.whoami.queryOptions(undefined, { staleTime: 60_000 }));
  return {
    loaded: data !== undefined,
    canWrite: data?.tenant?.canWrite ?? false,
    role: data?.tenant?.role ?? null,
    isPlatformAdmin: data?.isPlatformAdmin ?? false,
    email: data?.email ?? null,
  };
}
