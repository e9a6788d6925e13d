/** Where a connection or delivery went wrong, as "test connection" reports it. */
export type FailureStage =
  | "config"
  | "address"
  | "dns"
  | "tcp"
  | "tls"
  | "auth"
  | "topic"
  | "timeout"
  | "protocol"
  | "onboarding"
  | "rejected";

/** A batch (or a connection test) did not go through. `stage` says at which step. */
export class DeliveryError extends Error {
  constructor(
    readonly stage: FailureStage,
    message: string,
    /** false when retrying cannot help (bad configuration); the batch still waits for a fix */
    readonly retryable = true,
  ) {
    super(message);
    this.name = "DeliveryError";
  }

  get code(): string {
    return `EGRESS_${this.stage.toUpperCase()}`;
  }
}

/** Classifies a socket/TLS/MQTT error into the stage it happened at. */
export function classifyConnectError(err: unknown): DeliveryError {
  if (err instanceof DeliveryError) return err;
  const e = err as { code?: string | number; message?: string } | undefined;
  const code = typeof e?.code === "string" ? e.code : undefined;
  const message = e?.message ?? String(err);
  if (code === "ENOTFOUND" || code === "EAI_AGAIN") return new DeliveryError("dns", `host name not found (${message})`);
  if (code === "ECONNREFUSED" || code === "EHOSTUNREACH" || code === "ENETUNREACH" || code === "ECONNRESET" || code === "EPIPE")
    return new DeliveryError("tcp", `cannot connect: ${message}`);
  if (code === "ETIMEDOUT") return new DeliveryError("timeout", `connection timed out: ${message}`);
  if (
    (code && (code.startsWith("ERR_TLS") || code.startsWith("ERR_SSL") || code.includes("CERT") || code === "DEPTH_ZERO_SELF_SIGNED_CERT" || code === "SELF_SIGNED_CERT_IN_CHAIN")) ||
    /certificate|ssl|tls|handshake/i.test(message)
  )
    return new DeliveryError("tls", `TLS failed: ${message}`);
  // MQTT CONNACK refusals: 4 bad username or password, 5 not authorized (mqtt.js error codes)
  if (e?.code === 4 || e?.code === 5 || e?.code === 134 || e?.code === 135 || /not authori[sz]ed|bad user ?name or password/i.test(message))
    return new DeliveryError("auth", `refused the credentials: ${message}`);
  if (/timeout|timed out/i.test(message)) return new DeliveryError("timeout", message);
  return new DeliveryError("protocol", message);
}
