import type { IncomingMessage } from "node:http";
import type { TLSSocket } from "node:tls";
import { findGatewayCertificate, findGatewayToken, type Db } from "@tidewire/db";
import type { Logger } from "../logging/logger";
import type { LoginRateLimiter } from "./auth/login-rate-limiter";
import type { GatewayRegistry } from "./gateway-registry";
import type { GatewaySession } from "./gateway-session";

export type GatewayAuthResult =
  | { ok: true; session: GatewaySession }
  | { ok: false; status: 401 | 403 | 429 | 503; reason: string; retryAfterSeconds?: number };

const GATEWAY_ID = /^[A-Za-z0-9:._-]{1,64}$/;

/** The bearer token of an upgrade request, if it has one. */
export function bearerToken(req: IncomingMessage): string | undefined {
  return /^Bearer\s+(\S+)$/i.exec(req.headers.authorization ?? "")?.[1];
}

/** SHA-256 fingerprint (lower-case hex) of the client certificate, when the TLS layer verified it
 * against INGEST_TLS_CA. */
export function verifiedClientCertificate(req: IncomingMessage): string | undefined {
  const socket = req.socket as Partial<TLSSocket>;
  if (!socket.encrypted || !socket.authorized || typeof socket.getPeerCertificate !== "function") return undefined;
  const cert = socket.getPeerCertificate();
  return cert?.fingerprint256 ? cert.fingerprint256.replace(/:/g, "").toLowerCase() : undefined;
}

/**
 * Generic gateway protocol v1 authentication (docs/gateway-protocol.md): a bearer token, or a
 * client certificate signed by INGEST_TLS_CA and registered to a credential; then the gateway is
 * registered under the identity it names (X-Gateway-Id). Failed attempts are limited per source
 * address.
 */
export class GenericGatewayAuthenticator {
  constructor(
    private readonly options: { db: Db; registry: GatewayRegistry; limiter: LoginRateLimiter; log: Logger },
  ) {}

  async authenticate(req: IncomingMessage): Promise<GatewayAuthResult> {
    const { db, registry, limiter, log } = this.options;
    const source = req.socket.remoteAddress ?? "unknown";
    const held = await limiter.checkFailures(source);
    if (!held.allowed) return { ok: false, status: 429, reason: held.reason, retryAfterSeconds: held.retryAfterSeconds };

    const token = bearerToken(req);
    const fingerprint = token ? undefined : verifiedClientCertificate(req);
    const credential = token ? await findGatewayToken(db, token) : fingerprint ? await findGatewayCertificate(db, fingerprint) : null;
    if (!credential) {
      await limiter.failed(source);
      log.info({ remote: source, method: token ? "token" : fingerprint ? "certificate" : "none" }, "gateway refused: unknown credential");
      return { ok: false, status: 401, reason: token || fingerprint ? "unknown credential" : "a bearer token or client certificate is required" };
    }

    const header = (name: string) => {
      const v = req.headers[name];
      return typeof v === "string" && v.length > 0 && v.length <= 128 ? v : undefined;
    };
    const requested = header("x-gateway-id");
    if (requested !== undefined && !GATEWAY_ID.test(requested)) {
      return { ok: false, status: 403, reason: "X-Gateway-Id: 1-64 letters, digits or : . _ -" };
    }
    const identity = requested ? requested.toLowerCase() : `gw-${credential.id}`;
    if (credential.allowedMacs.length > 0 && !credential.allowedMacs.includes(identity.replace(/[:.-]/g, ""))) {
      log.info({ gateway: identity, tenantId: credential.tenantId }, "gateway refused: not on the credential's allow-list");
      return { ok: false, status: 403, reason: "this gateway is not on the credential's allow-list" };
    }
    const session = await registry.register(credential.tenantId, {
      kind: header("x-gateway-kind") === "simulator" ? "SIMULATOR" : "GENERIC",
      mac: identity,
      credentialId: credential.id,
      ipAddress: source,
      ...(header("x-gateway-model") ? { hardwareDescriptor: header("x-gateway-model")! } : {}),
      ...(header("x-gateway-version") ? { softwareVersion: header("x-gateway-version")! } : {}),
    });
    return { ok: true, session };
  }
}
