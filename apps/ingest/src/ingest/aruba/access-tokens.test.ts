import { randomBytes } from "node:crypto";
import { afterAll, describe, expect, it } from "vitest";
import { createDb, createGatewayToken, upsertTenant } from "@tidewire/db";
import { createRedis } from "../../redis/connections";
import { ArubaAccessTokens } from "./access-tokens";

const redis = createRedis(process.env.REDIS_URL!);
const db = createDb(process.env.DATABASE_URL!);
const prefix = `${process.env.REDIS_PREFIX}:tokens-test`;
afterAll(async () => {
  redis.disconnect();
  await db.$disconnect();
});

describe("ArubaAccessTokens", () => {
  it("accepts a token issued by another ingest process, and tells an expired token from an unknown one", async () => {
    const issuer = new ArubaAccessTokens({ redis, prefix, db, ttlSeconds: 1 });
    const other = createRedis(process.env.REDIS_URL!);
    try {
      const checker = new ArubaAccessTokens({ redis: other, prefix, db, ttlSeconds: 1 });
      const { token, expiresIn } = await issuer.issue({ tenantId: "t1", credentialId: "c1", allowedMacs: ["aabbccddeeff"] });
      expect(expiresIn).toBe(1);
      expect(await checker.check(token)).toMatchObject({ ok: true, grant: { tenantId: "t1", allowedMacs: ["aabbccddeeff"] } });
      expect(await checker.check(token, Date.now() + 1500)).toEqual({ ok: false, reason: "expired" });
      expect(await checker.check(randomBytes(32).toString("hex"))).toEqual({ ok: false, reason: "unknown" });
    } finally {
      other.disconnect();
    }
  });

  it("accepts a tenant's gateway token as a static token (authentication-mode none), without expiry", async () => {
    const tenant = await upsertTenant(db, { slug: `tok-${randomBytes(4).toString("hex")}`, name: "t" });
    const { token } = await createGatewayToken(db, tenant.id, { name: "static" });
    const tokens = new ArubaAccessTokens({ redis, prefix, db, ttlSeconds: 3600 });
    expect(await tokens.check(token, Date.now() + 365 * 24 * 3600_000)).toMatchObject({ ok: true, grant: { tenantId: tenant.id } });
  });
});
