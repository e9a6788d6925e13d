// The REST API as integrators use it: API keys over HTTP Basic, the OpenAPI document, the
// per-key rate limits, and the same procedures the portal uses.
import { Validator } from "@seriousme/openapi-schema-validator";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createApiKey, createDb, SecretBox, type Db } from "@tidewire/db";
import { basicAuth, signInWithPassword, startWeb, type RunningWeb } from "@tidewire/testkit";
import { appRouter } from "../../apps/web/src/server/trpc/root";
import { httpCall } from "../support/api-client";
import { DEVICE_KEY, tenantWithEverything, type TenantResources } from "../support/tenant-resources";

let db: Db;
let web: RunningWeb;
let A: TenantResources;
let key: Record<string, string>;

beforeAll(async () => {
  db = createDb(process.env.DATABASE_URL!);
  A = await tenantWithEverything(db, new SecretBox(process.env.TIDEWIRE_MASTER_KEY!), "rest");
  key = { authorization: basicAuth(A.writeKey.keyId, A.writeKey.secret) };
  web = await startWeb();
});

afterAll(async () => {
  await web?.stop();
  await db?.$disconnect();
});

describe("the OpenAPI document", () => {
  it("is a valid OpenAPI 3 document, served without signing in", async () => {
    const res = await fetch(`${web.url}/api/v1/openapi.json`);
    expect(res.status).toBe(200);
    const doc = (await res.json()) as { openapi: string; components: { securitySchemes: Record<string, unknown> } };
    const result = await new Validator().validate(doc as never);
    expect(result.errors ?? []).toEqual([]);
    expect(result.valid).toBe(true);
    expect(doc.openapi).toMatch(/^3\./);
    expect(doc.components.securitySchemes.basicAuth).toEqual(expect.objectContaining({ type: "http", scheme: "basic" }));
  });

  it("describes every procedure that has a REST path, under that path and method", async () => {
    const doc = (await (await fetch(`${web.url}/api/v1/openapi.json`)).json()) as { paths: Record<string, Record<string, unknown>> };
    const procedures = appRouter._def.procedures as unknown as Record<string, { _def: { meta?: { openapi?: { method: string; path: string } } } }>;
    const missing = Object.entries(procedures)
      .map(([name, p]) => [name, p._def.meta?.openapi] as const)
      .filter(([, o]) => o && !doc.paths[o.path]?.[o.method.toLowerCase()])
      .map(([name]) => name);
    expect(missing).toEqual([]);
    expect(Object.keys(doc.paths).length).toBeGreaterThanOrEqual(45);
  });

  it("is rendered as a reference page in the portal", async () => {
    const cookie = await signInWithPassword(web.url, A.viewer.email, A.password);
    const res = await fetch(`${web.url}/api-docs`, { headers: { cookie } });
    const html = await res.text();
    expect(res.status).toBe(200);
    expect(html).toContain("API reference");
    expect(html).toContain("/devices/{sourceEurid}/telemetry");
    expect(html).toContain("/api/v1/openapi.json");
  });
});

describe("API keys", () => {
  it("onboard and read devices over REST with HTTP Basic, and the AES key never comes back", async () => {
    const created = await httpCall(web.url, "POST", "/api/v1/devices", key, {
      sourceEurid: "0B:AD:F0:0D",
      eep: "a5-02-05",
      friendlyId: "REST sensor",
      tags: ["rest"],
      aesKey: DEVICE_KEY.toUpperCase(),
      slf: "F3",
    });
    expect(created.status).toBe(200);
    expect(created.body).toMatchObject({ sourceEurid: "0badf00d", eep: "A5-02-05", friendlyId: "REST sensor", secured: true });
    expect(created.text.toLowerCase()).not.toContain(DEVICE_KEY);
    const got = await httpCall(web.url, "GET", "/api/v1/devices/0badf00d", key);
    expect(got.body).toMatchObject({ sourceEurid: "0badf00d", secured: true, slf: "f3", stats: { totalTelegramCount: 0 } });
    expect(got.text.toLowerCase()).not.toContain(DEVICE_KEY);
    const list = await httpCall(web.url, "GET", "/api/v1/devices?search=REST%20sensor&sort=sourceEurid&direction=desc", key);
    expect(list.body).toMatchObject({ total: 1, rows: [{ sourceEurid: "0badf00d" }] });
    const removed = await httpCall(web.url, "DELETE", "/api/v1/devices/0badf00d", key);
    expect(removed.status).toBe(200);
    expect((await httpCall(web.url, "GET", "/api/v1/devices/0badf00d", key)).status).toBe(404);
  });

  it("answer a bad request with the field that is wrong", async () => {
    const res = await httpCall(web.url, "POST", "/api/v1/devices", key, { sourceEurid: "not-hex", eep: "A5-02-05" });
    expect(res.status).toBe(400);
    expect(res.text).toContain("sourceEurid");
  });

  it("are refused with 401 when the secret is wrong or the key revoked, and say why", async () => {
    const wrong = await httpCall(web.url, "GET", "/api/v1/devices", { authorization: basicAuth(A.writeKey.keyId, "tws_wrong") });
    expect(wrong.status).toBe(401);
    expect(wrong.body).toMatchObject({ code: "UNAUTHORIZED" });
    const k = await createApiKey(db, A.tenantId, { name: "short-lived", scopes: ["read"] });
    const auth = { authorization: basicAuth(k.keyId, k.secret) };
    expect((await httpCall(web.url, "GET", "/api/v1/tenant", auth)).status).toBe(200);
    const owner = await signInWithPassword(web.url, A.owner.email, A.password);
    expect((await httpCall(web.url, "DELETE", `/api/v1/api-keys/${k.id}`, { cookie: owner })).status).toBe(200);
    expect((await httpCall(web.url, "GET", "/api/v1/tenant", auth)).status).toBe(401);
  });

  it("without credentials, a tenant route answers 401", async () => {
    expect((await httpCall(web.url, "GET", "/api/v1/devices", {})).status).toBe(401);
  });

  it("accept Bearer <key id>:<secret> as well", async () => {
    const res = await httpCall(web.url, "GET", "/api/v1/me", { authorization: `Bearer ${A.readKey.keyId}:${A.readKey.secret}` });
    expect(res.body).toMatchObject({ kind: "apiKey", keyId: A.readKey.keyId, scopes: ["read"], tenant: { slug: A.slug, canWrite: false } });
  });

  it("are limited per key, and a 429 names the limit that was hit", async () => {
    const burst = await createApiKey(db, A.tenantId, { name: "burst", scopes: ["read"], rateLimitPerSecond: 3, rateLimitPerMinute: 1000 });
    const auth = { authorization: basicAuth(burst.keyId, burst.secret) };
    // Start at the beginning of a second so the window does not roll over mid-burst.
    await new Promise((r) => setTimeout(r, 1000 - (Date.now() % 1000)));
    const answers = await Promise.all(Array.from({ length: 6 }, () => httpCall(web.url, "GET", "/api/v1/tenant", auth)));
    const limited = answers.filter((a) => a.status === 429);
    expect(answers.filter((a) => a.status === 200).length).toBe(3);
    expect(limited.length).toBe(3);
    expect(limited[0]!.body).toMatchObject({ code: "RATE_LIMITED", limit: "per-second", max: 3, retryAfterSeconds: 1 });
    expect((limited[0]!.body as { message: string }).message).toContain("3 requests per second");

    const sustained = await createApiKey(db, A.tenantId, { name: "sustained", scopes: ["read"], rateLimitPerSecond: 1000, rateLimitPerMinute: 4 });
    const auth2 = { authorization: basicAuth(sustained.keyId, sustained.secret) };
    // Five requests must land in one minute window: near the end of a minute, wait for the next.
    const leftInMinute = 60_000 - (Date.now() % 60_000);
    if (leftInMinute < 6000) await new Promise((r) => setTimeout(r, leftInMinute));
    const statuses = [];
    for (let i = 0; i < 5; i++) statuses.push(await httpCall(web.url, "GET", "/api/v1/tenant", auth2));
    expect(statuses.map((s) => s.status)).toEqual([200, 200, 200, 200, 429]);
    expect(statuses[4]!.body).toMatchObject({ limit: "per-minute", max: 4 });
    // A key's limit is its own: another key is not slowed down.
    expect((await httpCall(web.url, "GET", "/api/v1/tenant", key)).status).toBe(200);
  }, 90_000);
});

describe("a signed-in person", () => {
  it("uses the same REST API with the portal session, and picks a tenant by header", async () => {
    const cookie = await signInWithPassword(web.url, A.admin.email, A.password);
    const me = await httpCall(web.url, "GET", "/api/v1/me", { cookie });
    expect(me.body).toMatchObject({ kind: "session", email: A.admin.email, tenant: { slug: A.slug, role: "ADMIN" } });
    const explicit = await httpCall(web.url, "GET", "/api/v1/tenant", { cookie, "x-tidewire-tenant": A.slug });
    expect(explicit.body).toMatchObject({ id: A.tenantId });
  });
});
