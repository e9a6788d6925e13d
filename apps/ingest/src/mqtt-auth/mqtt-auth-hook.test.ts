// The hook called the way EMQX 5's HTTP authenticator and HTTP authorizer call it (POST, JSON
// body from the templates in docs/mqtt-auth-hook.md, the secret header), against real API keys
// in the test database.
import { randomBytes } from "node:crypto";
import { pino } from "pino";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createApiKey, createDb, revokeApiKey, upsertTenant } from "@tidewire/db";
import { LoginRateLimiter } from "../ingest/auth/login-rate-limiter";
import { cachedMqttKeyTenant, mqttApiKeyVerifier } from "../broker/mqtt-api-keys";
import { TenantAccess } from "../broker/tenant-access";
import { INTERNAL_USERNAME } from "../broker/tenant-mount";
import { createRedis } from "../redis/connections";
import { HOOK_SECRET_HEADER, MqttAuthHook } from "./mqtt-auth-hook";

const db = createDb(process.env.DATABASE_URL!);
const redis = createRedis(process.env.REDIS_URL!);
const secret = randomBytes(24).toString("base64url");
const internalSecret = "internal-secret-for-hook-test";
let hook: MqttAuthHook;
let base: string;
const tenants: Record<"a" | "b", { id: string; keyId: string; secret: string }> = {} as never;
let readOnlyKey: { keyId: string; secret: string };

beforeAll(async () => {
  for (const name of ["a", "b"] as const) {
    const slug = `hook-${name}-${randomBytes(3).toString("hex")}`;
    const tenant = await upsertTenant(db, { slug, name: slug });
    const key = await createApiKey(db, tenant.id, { name: "mqtt", scopes: ["mqtt"] });
    tenants[name] = { id: tenant.id, keyId: key.keyId, secret: key.secret };
  }
  readOnlyKey = await createApiKey(db, tenants.a.id, { name: "rest only", scopes: ["read"] });
  hook = new MqttAuthHook({
    access: new TenantAccess({ internalSecret, verifyApiKey: mqttApiKeyVerifier(db) }),
    keyTenant: cachedMqttKeyTenant(db, 0),
    secret,
    limiter: new LoginRateLimiter(redis, `${process.env.REDIS_PREFIX}:hook-${randomBytes(3).toString("hex")}`, { attemptsPerMinute: 1000, failuresPer15Min: 5 }),
    log: pino({ level: "silent" }),
  });
  base = `http://127.0.0.1:${await hook.listen(0, "127.0.0.1")}`;
});

afterAll(async () => {
  await hook?.close();
  redis.disconnect();
  await db.$disconnect();
});

async function call(path: string, body: unknown, headers: Record<string, string> = { [HOOK_SECRET_HEADER]: secret }) {
  const res = await fetch(`${base}${path}`, { method: "POST", headers: { "content-type": "application/json", ...headers }, body: typeof body === "string" ? body : JSON.stringify(body) });
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
}

const login = (username: string, password: string, peerhost = "198.51.100.7") =>
  call("/mqtt/authenticate", { username, password, clientid: "reader", peerhost });
const may = (username: string, action: "publish" | "subscribe", topic: string, mountpoint = "") =>
  call("/mqtt/authorize", { username, clientid: "reader", topic, action, mountpoint }).then((r) => r.body.result);

describe("MQTT auth hook: authentication", () => {
  it("lets a tenant's MQTT API key in and tells the broker the tenant's mount point", async () => {
    const { status, body } = await login(tenants.a.keyId, tenants.a.secret);
    expect(status).toBe(200);
    expect(body).toEqual({ result: "allow", is_superuser: false, client_attrs: { tw_tenant: tenants.a.id, tw_mount: `tenants/${tenants.a.id}/` } });
  });

  it("refuses a wrong secret, an unknown key, a key without the mqtt scope and a revoked key", async () => {
    expect((await login(tenants.a.keyId, "tws_wrong")).body).toEqual({ result: "deny" });
    expect((await login("tw_nosuchkey", "tws_whatever")).body).toEqual({ result: "deny" });
    expect((await login(readOnlyKey.keyId, readOnlyKey.secret)).body).toEqual({ result: "deny" });
    const revoked = await createApiKey(db, tenants.b.id, { name: "old", scopes: ["mqtt"] });
    await revokeApiKey(db, tenants.b.id, (await db.apiKey.findUniqueOrThrow({ where: { keyId: revoked.keyId } })).id);
    expect((await login(revoked.keyId, revoked.secret)).body).toEqual({ result: "deny" });
  });

  it("lets the internal publisher in with the internal secret only, never as a superuser", async () => {
    expect((await login(INTERNAL_USERNAME, internalSecret)).body).toEqual({ result: "allow", is_superuser: false });
    expect((await login(INTERNAL_USERNAME, "guess")).body).toEqual({ result: "deny" });
  });

  it("refuses further guesses after repeated failures, without locking out the tenant's known clients", async () => {
    const peer = "203.0.113.99";
    expect((await login(tenants.b.keyId, tenants.b.secret, "198.51.100.8")).body.result).toBe("allow");
    for (let i = 0; i < 5; i++) expect((await login(tenants.b.keyId, `wrong-${i}`, peer)).body.result).toBe("deny");
    expect((await login(tenants.b.keyId, tenants.b.secret, peer)).body.result).toBe("deny");
    // An address the key logged in from before is not held back by someone else's guessing.
    expect((await login(tenants.b.keyId, tenants.b.secret, "198.51.100.8")).body.result).toBe("allow");
  });

  it("answers only a caller with the shared secret, and denies bodies that do not validate", async () => {
    expect((await call("/mqtt/authenticate", { username: tenants.a.keyId, password: tenants.a.secret }, {})).status).toBe(401);
    expect((await call("/mqtt/authenticate", { username: tenants.a.keyId, password: tenants.a.secret }, { [HOOK_SECRET_HEADER]: "not-it" })).status).toBe(401);
    expect(await call("/mqtt/authenticate", "{not json")).toEqual({ status: 200, body: { result: "deny" } });
    expect(await call("/mqtt/authenticate", { username: 42 })).toEqual({ status: 200, body: { result: "deny" } });
    expect(await call("/mqtt/authorize", { username: tenants.a.keyId, topic: "x", action: "delete" })).toEqual({ status: 200, body: { result: "deny" } });
    expect((await call("/mqtt/authenticate", { username: "x".repeat(20_000) })).status).toBe(413);
  });
});

describe("MQTT auth hook: authorisation", () => {
  it("allows a tenant's client its own topic space, for publish and subscribe", async () => {
    const own = `tenants/${tenants.a.id}`;
    expect(await may(tenants.a.keyId, "subscribe", `${own}/devices/+/telemetry`)).toBe("allow");
    expect(await may(tenants.a.keyId, "subscribe", `${own}/#`)).toBe("allow");
    expect(await may(tenants.a.keyId, "publish", `${own}/commands/051b03c9`)).toBe("allow");
  });

  it("denies another tenant's space and every filter that reaches beyond the own space", async () => {
    const a = tenants.a.keyId;
    for (const topic of [`tenants/${tenants.b.id}/devices/+/telemetry`, `tenants/${tenants.b.id}/#`, "#", "+/#", "+/+/devices/+/telemetry", "tenants/+/devices/#", "tenants/#", `tenants/${tenants.a.id}`, "$SYS/#", "$SYS/brokers", "devices/+/telemetry"]) {
      expect({ topic, subscribe: await may(a, "subscribe", topic), publish: await may(a, "publish", topic) }).toEqual({ topic, subscribe: "deny", publish: "deny" });
    }
  });

  it("behind a listener mount point, allows the client's relative topics (#, +/...) and denies $SYS and a foreign mount point", async () => {
    const mount = `tenants/${tenants.a.id}/`;
    expect(await may(tenants.a.keyId, "subscribe", "#", mount)).toBe("allow");
    expect(await may(tenants.a.keyId, "subscribe", "+/+/telemetry", mount)).toBe("allow");
    // The broker may hand over the topic with its mount point already in front.
    expect(await may(tenants.a.keyId, "subscribe", `${mount}devices/#`, mount)).toBe("allow");
    expect(await may(tenants.a.keyId, "subscribe", "$SYS/#", mount)).toBe("deny");
    expect(await may(tenants.b.keyId, "subscribe", "#", mount)).toBe("deny");
  });

  it("lets the internal publisher write into any tenant's space but nowhere else", async () => {
    expect(await may(INTERNAL_USERNAME, "publish", `tenants/${tenants.b.id}/devices/051b03c9/telemetry`)).toBe("allow");
    expect(await may(INTERNAL_USERNAME, "publish", "devices/051b03c9/telemetry")).toBe("deny");
    expect(await may(INTERNAL_USERNAME, "subscribe", "$SYS/#")).toBe("deny");
    expect(await may(INTERNAL_USERNAME, "subscribe", "#")).toBe("deny");
  });

  it("denies unknown, revoked and non-MQTT key ids", async () => {
    expect(await may("tw_nosuchkey", "subscribe", `tenants/${tenants.a.id}/#`)).toBe("deny");
    expect(await may(readOnlyKey.keyId, "subscribe", `tenants/${tenants.a.id}/#`)).toBe("deny");
    expect(await may("", "subscribe", `tenants/${tenants.a.id}/#`)).toBe("deny");
  });
});
