"use client";
import { UsageMeter } from "@tidewire/ui";

export interface LicenseUsage {
  limits: { source: "license" | "trial"; maxDevices: number; maxGateways: number; maxMessagesPerDay: number; retentionDays: number; validUntil: string | null };
  devices: { total: number; licensed: number; unlicensed: number };
  gateways: { total: number; licensed: number; unlicensed: number };
  messagesToday: number;
  droppedToday: number;
}

/** What the tenant uses against its limits, and, when over one, what is being dropped. */
export function LicenseUsageView({ usage }: { usage: LicenseUsage }) {
  const { limits } = usage;
  return (
    <div data-testid="license-usage">
      <p className="tw-hint" style={{ marginTop: 0 }}>
        {limits.source === "license"
          ? `Licensed until ${limits.validUntil ? new Date(limits.validUntil).toLocaleDateString("en-GB", { day: "numeric", month: "long", year: "numeric" }) : "—"}; history kept ${limits.retentionDays} days.`
          : `Trial limits (no license yet); history kept ${limits.retentionDays} days.`}
      </p>
      <UsageMeter label="Devices" used={usage.devices.total} limit={limits.maxDevices} testId="usage-devices" />
      <UsageMeter label="Gateways" used={usage.gateways.total} limit={limits.maxGateways} testId="usage-gateways" />
      <UsageMeter label="Messages today" used={usage.messagesToday} limit={limits.maxMessagesPerDay} testId="usage-messages" />
      {usage.devices.unlicensed > 0 ? (
        <div className="tw-alert tw-alert-bad" role="alert">
          {usage.devices.unlicensed} device{usage.devices.unlicensed === 1 ? " is" : "s are"} over the license&apos;s limit of {limits.maxDevices}: their telegrams are
          dropped (counted as &quot;not processed: license&quot;). The devices onboarded last are the ones left out.
        </div>
      ) : null}
      {usage.gateways.unlicensed > 0 ? (
        <div className="tw-alert tw-alert-bad" role="alert">
          {usage.gateways.unlicensed} gateway{usage.gateways.unlicensed === 1 ? " is" : "s are"} over the limit of {limits.maxGateways}: what they hear is dropped.
        </div>
      ) : null}
      {usage.droppedToday > 0 ? (
        <div className="tw-alert tw-alert-bad" role="alert">
          The daily limit of {limits.maxMessagesPerDay.toLocaleString("en")} messages was reached: {usage.droppedToday.toLocaleString("en")} message
          {usage.droppedToday === 1 ? " was" : "s were"} dropped today.
        </div>
      ) : null}
    </div>
  );
}
