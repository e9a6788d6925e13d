"use client";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { Badge, Card, KeyValueList } from "@tidewire/ui";
import { errorText } from "@/components/error-text";
import { useTRPC } from "@/trpc/client";

interface Target {
  id: string;
  kind: string;
  config: Record<string, unknown>;
  certificate: { sha1: string; sha256: string; subject: string; notAfter: string } | null;
  progress: { onboarded?: boolean; endpointId?: string; capabilitiesSent?: boolean; activated?: boolean } | null;
  lastError: string | null;
}

/** What the kind needs beyond settings: the Azure device certificate's thumbprints (to paste into
 * the hub) with "generate a new one", the agrirouter onboarding, the EnOS activation. */
export function ConnectorCard({ target, canWrite }: { target: Target; canWrite: boolean }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const generate = useMutation(trpc.egress.generateCertificate.mutationOptions({ onSuccess: () => void queryClient.invalidateQueries({ queryKey: trpc.egress.pathKey() }) }));
  const x509 = target.kind === "AZURE_IOT_HUB" && target.config.auth === "x509";
  const agrirouter = target.kind === "AGRIROUTER";
  const enosDynamic = target.kind === "ENOS" && target.config.activation === "dynamic";
  if (!x509 && !target.certificate && !agrirouter && !enosDynamic) return null;
  const title = target.kind === "AGRIROUTER" ? "agrirouter endpoint" : target.kind === "ENOS" ? "EnOS activation" : "Certificate";
  return (
    <Card title={title}>
      {target.certificate ? (
        <div data-testid="certificate">
          {x509 ? (
            <p className="tw-hint" style={{ marginTop: 0 }}>
              In the Azure portal, add the device <span className="tw-mono">{String(target.config.deviceId ?? "")}</span> with authentication &quot;X.509 self-signed&quot;
              and paste these thumbprints (primary and secondary may be the same).
            </p>
          ) : null}
          <KeyValueList
            items={[
              ["Subject", <span className="tw-mono">{target.certificate.subject}</span>],
              ["SHA-1 thumbprint", <span className="tw-mono" data-testid="sha1" style={{ wordBreak: "break-all" }}>{target.certificate.sha1}</span>],
              ["SHA-256 thumbprint", <span className="tw-mono" data-testid="sha256" style={{ wordBreak: "break-all" }}>{target.certificate.sha256}</span>],
              ["Valid until", new Date(target.certificate.notAfter).toISOString().slice(0, 10)],
            ]}
          />
        </div>
      ) : x509 ? (
        <p className="tw-muted">No certificate yet.</p>
      ) : null}
      {x509 && canWrite ? (
        <div className="tw-row" style={{ marginTop: 8 }}>
          <button
            type="button"
            className="tw-button tw-button-secondary"
            disabled={generate.isPending}
            onClick={() => {
              if (!target.certificate || window.confirm("Replace the certificate? The hub device must then be updated with the new thumbprints.")) generate.mutate({ id: target.id });
            }}
          >
            {target.certificate ? "Generate a new certificate" : "Generate certificate"}
          </button>
          {generate.error ? <span className="tw-error">{errorText(generate.error)}</span> : null}
        </div>
      ) : null}
      {agrirouter && target.progress ? (
        <div data-testid="onboarding">
          {target.progress.onboarded ? (
            <KeyValueList
              items={[
                ["Onboarding", <Badge tone="ok">onboarded</Badge>],
                ["Endpoint", <span className="tw-mono">{target.progress.endpointId}</span>],
                ["Capabilities", target.progress.capabilitiesSent ? "sent" : "sent on the first delivery"],
              ]}
            />
          ) : (
            <p style={{ margin: 0 }}>
              <Badge tone="warn">not onboarded yet</Badge>{" "}
              <span className="tw-hint">
                The endpoint is onboarded with the registration code on the first test connection or delivery.
                {target.lastError ? ` Last attempt: ${target.lastError}` : ""}
              </span>
            </p>
          )}
        </div>
      ) : null}
      {enosDynamic && target.progress ? (
        <p style={{ margin: 0 }} data-testid="activation">
          {target.progress.activated ? <Badge tone="ok">activated: device secret received and stored</Badge> : <Badge tone="warn">not activated yet (first connect activates)</Badge>}
        </p>
      ) : null}
    </Card>
  );
}
