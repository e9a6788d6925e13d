import "server-only";
import { agrirouterApplicationFrom, checkOutboundHost, DeliveryError, parseAzureConnectionString, type EgressKind, type SettingsTestOptions, type TargetAdminDeps } from "@tidewire/egress";
import type { Services } from "../services";

/** What packages/egress's target administration needs from the web process. */
export const targetAdminDeps = (s: Services): TargetAdminDeps => ({ db: s.db, box: s.box, redis: s.redis, prefix: s.config.REDIS_PREFIX });

/** How this portal connects when it tests a target: as the workers do (same address rule, the
 * installation's agrirouter application, the built-in broker's internal account). */
export function connectionTestOptions(s: Services): SettingsTestOptions {
  const agrirouter = agrirouterApplicationFrom(s.config);
  return {
    allowPrivate: s.config.ALLOW_PRIVATE_EGRESS,
    timeoutMs: 10_000,
    ...(agrirouter ? { agrirouter } : {}),
    ...(s.config.BROKER_INTERNAL_SECRET ? { builtin: { url: s.config.BROKER_INTERNAL_URL, internalSecret: s.config.BROKER_INTERNAL_SECRET } } : {}),
  };
}

function hostOf(url: unknown): string | undefined {
  if (typeof url !== "string") return undefined;
  try {
    return new URL(url).hostname || undefined;
  } catch {
    return undefined;
  }
}

/** The hosts a target's settings make Tidewire connect to. */
function outboundHosts(kind: EgressKind, config: Record<string, unknown>, secrets: Record<string, string | null> | undefined): string[] {
  switch (kind) {
    case "MQTT":
    case "ENOS":
      return [hostOf(config.url)].filter((h): h is string => Boolean(h));
    case "AZURE_IOT_HUB": {
      const hosts = [config.hostName, config.gatewayHostName].filter((h): h is string => typeof h === "string" && h !== "").map((h) => h.replace(/:\d+$/, ""));
      const cs = secrets?.connectionString;
      if (cs) {
        try {
          hosts.push(parseAzureConnectionString(cs).hostName);
        } catch {
          // the settings check names a bad connection string
        }
      }
      return hosts;
    }
    default:
      return [];
  }
}

/** Outbound addresses are checked when a target is saved, not only when delivering: a private or
 * loopback address is refused unless the installation allows it. A host that does not resolve
 * (yet) is allowed: DNS may come later, and test connection says so. */
export async function refusedOutboundAddress(s: Services, kind: EgressKind, config: Record<string, unknown>, secrets?: Record<string, string | null>): Promise<string | undefined> {
  for (const host of outboundHosts(kind, config, secrets)) {
    try {
      await checkOutboundHost(host, s.config.ALLOW_PRIVATE_EGRESS);
    } catch (error) {
      if (error instanceof DeliveryError && error.stage === "address") return error.message;
      if (!(error instanceof DeliveryError)) throw error;
    }
  }
  return undefined;
}
