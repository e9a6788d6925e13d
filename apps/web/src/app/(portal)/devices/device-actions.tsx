"use client";
import Link from "next/link";
import { useAccess } from "@/components/use-access";

export function DeviceActions() {
  const { canWrite } = useAccess();
  if (!canWrite) return null;
  return (
    <div className="tw-row">
      <Link className="tw-button tw-button-secondary" href="/devices/learn">
        Learn mode
      </Link>
      <Link className="tw-button tw-button-secondary" href="/devices/import">
        Import CSV or backup
      </Link>
      <Link className="tw-button" href="/devices/new">
        Onboard a device
      </Link>
    </div>
  );
}
