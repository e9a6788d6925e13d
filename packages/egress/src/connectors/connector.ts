import type { Logger } from "pino";
import type { DeliveryMessage } from "../delivery-batch";
import type { PayloadFormat } from "../payload/render-payload";

/** What every egress kind implements. A connector holds one connection (or a small pool, for one
 * hub device per sensor) for its target and delivers a batch in order; it throws a DeliveryError
 * when the batch did not go through. It reconnects on the next delivery after a failure. */
export interface EgressConnector {
  deliver(messages: DeliveryMessage[]): Promise<void>;
  /** connects (and onboards/activates where the kind needs it) without sending telemetry */
  connect(): Promise<void>;
  close(): Promise<void>;
}

/** The installation's agrirouter application (AGRIROUTER_* variables). */
export interface AgrirouterApplication {
  applicationId: string;
  certificationVersionId: string;
  /** PEM private key whose public key is registered with the application */
  privateKey: string;
  /** registration service base URL, e.g. https://onboard.my-agrirouter.com */
  registrationUrl: string;
  /** extra CA certificates for the registration service and the broker (tests, private clouds) */
  caCertificate?: string;
}

export interface ConnectorContext {
  targetId: string;
  tenantId: string;
  tenantSlug: string;
  payloadFormat: PayloadFormat;
  /** ALLOW_PRIVATE_EGRESS */
  allowPrivate: boolean;
  log: Logger;
  /** connector state kept between runs (opened), or undefined */
  state?: unknown;
  /** persists new connector state (sealed by the caller) */
  saveState?: (state: unknown) => Promise<void>;
  /** built-in broker: where and how workers publish */
  builtin?: { url: string; internalSecret: string };
  agrirouter?: AgrirouterApplication;
  /** ms to wait for a connection, an acknowledgement or a reply */
  timeoutMs?: number;
}

/** Rejects with onTimeout() when the promise has not settled within ms. */
export function withTimeout<T>(promise: Promise<T>, ms: number, onTimeout: () => Error): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(onTimeout()), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}
