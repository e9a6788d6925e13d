"use client";
import { useQuery } from "@tanstack/react-query";
import { Card, UsageMeter } from "@tidewire/ui";
import Link from "next/link";
import { errorText } from "@/components/error-text";
import { useTRPC } from "@/trpc/client";

/** The license's gateway limit, and which gateways are over it: their frames are dropped at
 * ingest and counted as "not processed: license". */
export function GatewayLicense() {
  const trpc = useTRPC();
  const license = useQuery(trpc.tenant.license.queryOptions());
  if (license.error) return <div className="tw-alert tw-alert-bad">{errorText(license.error)}</div>;
  if (!license.data) return null;
  const { limits, gateways, unlicensedGateways } = license.data;
  return (
    <Card title="Gateway license">
      <div data-testid="gateway-license">
        <UsageMeter label="Gateways" used={gateways.total} limit={limits.maxGateways} testId="gateway-limit" />
        <p className="tw-hint" style={{ margin: "4px 0 0" }}>
          {limits.source === "license" ? "Limit from your license." : "Trial limit: no license yet."} The first {limits.maxGateways} gateway
          {limits.maxGateways === 1 ? "" : "s"} to connect are licensed; see <Link href="/settings">license and usage</Link>.
        </p>
        {unlicensedGateways.length ? (
          <div className="tw-alert tw-alert-bad" role="alert" style={{ marginTop: 10, marginBottom: 0 }}>
            {gateways.unlicensed} gateway{gateways.unlicensed === 1 ? " is" : "s are"} over the limit of {limits.maxGateways}: every frame {gateways.unlicensed === 1 ? "it sends" : "they send"} is dropped and counted as
            &quot;not processed: license&quot; —{" "}
            {unlicensedGateways.map((g, i) => (
              <span key={g.mac}>
                {i ? ", " : ""}
                <strong className="tw-mono">{g.name || g.mac}</strong>
              </span>
            ))}
            {gateways.unlicensed > unlicensedGateways.length ? ` and ${gateways.unlicensed - unlicensedGateways.length} more` : ""}.
          </div>
        ) : null}
      </div>
    </Card>
  );
}
