import { createHash, randomBytes } from "node:crypto";
import type { Redis } from "ioredis";
import { z } from "zod";
import { redisKey } from "@tidewire/config";
import { findGatewayToken, type Db } from "@tidewire/db";

/** What an Aruba access token stands for. */
export interface ArubaGrant {
  tenantId: string;
  credentialId: string;
  /** access points allowed to use it (lower-case hex MACs); empty: any */
  allowedMacs: string[];
  /** Unix ms; Infinity for a static token (authentication-mode none) */
  expiresAt: number;
}

export type TokenCheck = { ok: true; grant: ArubaGrant } | { ok: false; reason: "unknown" | "expired" };

const grantSchema = z.object({
  tenantId: z.string(),
  credentialId: z.string(),
  allowedMacs: z.array(z.string()),
  expiresAt: z.number(),
});

// An expired token is remembered this long after its expiry, to tell "expired" from "unknown".
const REMEMBER_EXPIRED_MS = 24 * 3600_000;
const CACHE_LIMIT = 50_000;
const STATIC_CACHE_MS = 60_000;
const UNKNOWN_CACHE_MS = 10_000;

/**
 * Access tokens that /auth/aruba issues and /aruba checks in every message. They live in Redis
 * (any ingest process accepts a token another one issued) under the SHA-256 of the token, with a
 * small local cache because every message carries the token. A tenant's generic gateway token
 * also works as a static Aruba token (authentication-mode none, endpointToken).
 */
export class ArubaAccessTokens {
  private readonly cache = new Map<string, { check: TokenCheck; until: number }>();

  constructor(
    private readonly options: { redis: Redis; prefix: string; db: Db; ttlSeconds: number },
  ) {}

  private key(token: string): string {
    return redisKey(this.options.prefix, "aruba-token", createHash("sha256").update(token).digest("hex"));
  }

  async issue(grant: Omit<ArubaGrant, "expiresAt">): Promise<{ token: string; expiresIn: number }> {
    // Hex only: access points accept a narrow character set in tokens.
    const token = randomBytes(32).toString("hex");
    const expiresAt = Date.now() + this.options.ttlSeconds * 1000;
    await this.options.redis.set(this.key(token), JSON.stringify({ ...grant, expiresAt }), "PX", this.options.ttlSeconds * 1000 + REMEMBER_EXPIRED_MS);
    return { token, expiresIn: this.options.ttlSeconds };
  }

  async check(token: string, now = Date.now()): Promise<TokenCheck> {
    const cached = this.cache.get(token);
    if (cached && cached.until > now) return judge(cached.check, now);
    const check = await this.lookup(token, now);
    if (this.cache.size >= CACHE_LIMIT) this.cache.clear();
    const until = check.ok ? Math.min(check.grant.expiresAt, now + STATIC_CACHE_MS) : now + UNKNOWN_CACHE_MS;
    this.cache.set(token, { check, until: Number.isFinite(until) ? until : now + STATIC_CACHE_MS });
    return judge(check, now);
  }

  private async lookup(token: string, now: number): Promise<TokenCheck> {
    const stored = await this.options.redis.get(this.key(token));
    if (stored !== null) {
      const parsed = grantSchema.safeParse(JSON.parse(stored));
      if (parsed.success) return parsed.data.expiresAt <= now ? { ok: false, reason: "expired" } : { ok: true, grant: parsed.data };
    }
    if (token.length > 200) return { ok: false, reason: "unknown" };
    const credential = await findGatewayToken(this.options.db, token);
    if (!credential) return { ok: false, reason: "unknown" };
    return { ok: true, grant: { tenantId: credential.tenantId, credentialId: credential.id, allowedMacs: credential.allowedMacs, expiresAt: Infinity } };
  }
}

function judge(check: TokenCheck, now: number): TokenCheck {
  return check.ok && check.grant.expiresAt <= now ? { ok: false, reason: "expired" } : check;
}
