import { createHash } from "node:crypto";
import type { IncomingMessage, ServerResponse } from "node:http";
import { findArubaCredential, touchIngressCredential, verifyPassword, type Db } from "@tidewire/db";
import type { Logger } from "../../logging/logger";
import type { LoginRateLimiter } from "../auth/login-rate-limiter";
import type { ArubaAccessTokens } from "./access-tokens";
import { parseArubaLogin } from "./aruba-login";
import { readBody, sendJson } from "../http-body";

export const ARUBA_AUTH_PATH = "/auth/aruba";
const MAX_BODY_BYTES = 8 * 1024;
const VERIFIED_CACHE_MS = 10 * 60_000;
// Compared against when the username is unknown, so that a wrong username costs as much time as a
// wrong password (no way to find out which usernames exist).
const DUMMY_HASH = "scrypt$32768$8$1$AAAAAAAAAAAAAAAAAAAAAA==$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=";

export interface ArubaAuthOptions {
  db: Db;
  tokens: ArubaAccessTokens;
  limiter: LoginRateLimiter;
  log: Logger;
  /** the websocket URL to steer access points to (`api_url`), when set */
  websocketUrl?: string;
}

/**
 * POST /auth/aruba — the access point's authentication URL: JSON credentials in, an access token
 * with its lifetime out (docs/aruba.md). Answers: 200 token; 400 body not JSON or credentials
 * missing; 401 wrong credentials; 405 not POST; 413 body too large; 429 rate limited.
 */
export class ArubaAuthHandler {
  // Passwords that were verified recently, by hash of (stored hash, password): access points log
  // in again every hour, and scrypt is deliberately slow.
  private readonly verified = new Map<string, number>();

  constructor(private readonly options: ArubaAuthOptions) {}

  handle(req: IncomingMessage, res: ServerResponse): void {
    this.respond(req, res).catch((err: unknown) => {
      this.options.log.error({ err }, "Aruba authentication failed");
      if (!res.headersSent) sendJson(res, 503, { error: "temporarily_unavailable", error_description: "Authentication is unavailable; try again." });
    });
  }

  private async respond(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const { log, limiter } = this.options;
    const remote = req.socket.remoteAddress ?? "unknown";
    if (req.method !== "POST") {
      res.setHeader("allow", "POST");
      return sendJson(res, 405, { error: "invalid_request", error_description: "Use POST." });
    }
    const body = await readBody(req, MAX_BODY_BYTES);
    if (body === null) return sendJson(res, 413, { error: "invalid_request", error_description: `The body is larger than ${MAX_BODY_BYTES} bytes.` });

    const parsed = parseArubaLogin(body, req.headers);
    // Aruba does not publish the request's field names: log which ones arrive (never values).
    log.debug({ remote, contentType: req.headers["content-type"], fields: fieldNames(body), basic: /^Basic\s/i.test(req.headers.authorization ?? "") }, "Aruba login request");
    if (!parsed.ok) {
      const held = await limiter.attempt(remote);
      if (!held.allowed) return tooMany(res, held.retryAfterSeconds, held.reason);
      if (parsed.code === "NOT_JSON") {
        log.warn({ remote }, "Failed to authenticate AP. Payload is not JSON.");
        return sendJson(res, 400, { error: "invalid_request", error_description: "Payload is not JSON." });
      }
      log.warn({ remote }, "Failed to authenticate AP. No username and password in the payload.");
      return sendJson(res, 400, { error: "invalid_request", error_description: "username and password (or client_id and client_secret) are required." });
    }
    const { username, password, clientId } = parsed.login;
    const held = await limiter.attempt(remote, username);
    if (!held.allowed) {
      log.warn({ remote, username, reason: held.reason }, "AP authentication refused: rate limited");
      return tooMany(res, held.retryAfterSeconds, held.reason);
    }

    const credential = await findArubaCredential(this.options.db, username);
    const ok = await this.passwordMatches(password, credential?.passwordHash ?? DUMMY_HASH);
    if (!credential || !ok) {
      await limiter.failed(remote, username);
      log.warn({ remote, username }, "Incorrect credentials.");
      return sendJson(res, 401, { error: "invalid_client", error_description: "Incorrect credentials." });
    }
    await limiter.succeeded(remote, username);
    void touchIngressCredential(this.options.db, credential.id).catch(() => {});
    const { token, expiresIn } = await this.options.tokens.issue({
      tenantId: credential.tenantId,
      credentialId: credential.id,
      allowedMacs: credential.allowedMacs,
    });
    log.info({ remote, username, tenantId: credential.tenantId, ...(clientId ? { clientId } : {}) }, "AP Authentication request accepted");
    // Both spellings of the lifetime: the access point's exact field name is not published.
    sendJson(res, 200, {
      access_token: token,
      token_type: "Bearer",
      expires_in: expiresIn,
      expiring_in: expiresIn,
      ...(this.options.websocketUrl ? { api_url: this.options.websocketUrl } : {}),
    });
  }

  private async passwordMatches(password: string, stored: string): Promise<boolean> {
    const key = createHash("sha256").update(stored).update("\0").update(password).digest("hex");
    const until = this.verified.get(key);
    if (until !== undefined && until > Date.now()) return true;
    const ok = await verifyPassword(password, stored).catch(() => false);
    if (ok) {
      if (this.verified.size > 10_000) this.verified.clear();
      this.verified.set(key, Date.now() + VERIFIED_CACHE_MS);
    }
    return ok;
  }
}

function fieldNames(body: string): string[] {
  try {
    const parsed: unknown = JSON.parse(body);
    return parsed && typeof parsed === "object" && !Array.isArray(parsed) ? Object.keys(parsed).slice(0, 20) : [];
  } catch {
    return [...new URLSearchParams(body).keys()].slice(0, 20);
  }
}

function tooMany(res: ServerResponse, retryAfterSeconds: number, reason: string): void {
  res.setHeader("retry-after", String(retryAfterSeconds));
  sendJson(res, 429, { error: "slow_down", error_description: `Too many attempts (${reason}); retry in ${retryAfterSeconds} s.` });
}
