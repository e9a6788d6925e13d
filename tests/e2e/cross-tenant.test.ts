// The access suite: every procedure, over tRPC and REST (and the IoTC API), called with another
// tenant's credentials and with a viewer's. Each call must be refused; afterwards tenant A's data
// must be exactly as it was, and no response may carry a secret.
import type { OpenApiMeta } from "trpc-to-openapi";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createDb, SecretBox, type Db } from "@tidewire/db";
import { basicAuth, signInWithPassword, startWeb, type RunningWeb } from "@tidewire/testkit";
import { appRouter } from "../../apps/web/src/server/trpc/root";
import { httpCall, restCall, STATUS, trpcCall, type ApiResponse } from "../support/api-client";
import { isWrite, PROCEDURE_CASES, type ProcedureCase } from "../support/procedure-cases";
import { DEVICE_KEY, tenantWithEverything, type TenantResources } from "../support/tenant-resources";

type ProcedureDef = { _def: { type: "query" | "mutation" | "subscription"; meta?: OpenApiMeta } };
const procedures = appRouter._def.procedures as unknown as Record<string, ProcedureDef>;

let db: Db;
let web: RunningWeb;
let A: TenantResources;
let B: TenantResources;
const as: Record<string, Record<string, string>> = {};

beforeAll(async () => {
  db = createDb(process.env.DATABASE_URL!);
  const box = new SecretBox(process.env.TIDEWIRE_MASTER_KEY!);
  A = await tenantWithEverything(db, box, "alpha");
  B = await tenantWithEverything(db, box, "bravo");
  // This suite makes hundreds of calls a second; its keys get room for that.
  await db.apiKey.updateMany({ where: { tenantId: { in: [A.tenantId, B.tenantId] } }, data: { rateLimitPerSecond: 100_000, rateLimitPerMinute: 1_000_000 } });
  web = await startWeb();
  as.otherOwner = { cookie: await signInWithPassword(web.url, B.owner.email, B.password) };
  as.otherKey = { authorization: basicAuth(B.writeKey.keyId, B.writeKey.secret) };
  as.viewer = { cookie: await signInWithPassword(web.url, A.viewer.email, A.password) };
  as.readKey = { authorization: basicAuth(A.readKey.keyId, A.readKey.secret) };
  as.owner = { cookie: await signInWithPassword(web.url, A.owner.email, A.password) };
  as.writeKey = { authorization: basicAuth(A.writeKey.keyId, A.writeKey.secret) };
});

afterAll(async () => {
  await web?.stop();
  await db?.$disconnect();
});

const cases = () => Object.entries(PROCEDURE_CASES);
const selectA = () => ({ "x-tidewire-tenant": A.slug });

async function viaTrpc(path: string, c: ProcedureCase, headers: Record<string, string>) {
  return trpcCall(web.url, path, procedures[path]!._def.type as "query" | "mutation", c.input(A), headers);
}

async function viaRest(path: string, c: ProcedureCase, headers: Record<string, string>) {
  return restCall(web.url, procedures[path]!._def.meta!.openapi!, c.input(A), headers);
}

/** Runs calls and collects every answer that was not the expected refusal. */
async function expectRefusals(calls: { label: string; expected: number; call: () => Promise<ApiResponse> }[]) {
  const wrong: string[] = [];
  for (const { label, expected, call } of calls) {
    const res = await call();
    if (res.status !== expected) wrong.push(`${label}: expected ${expected}, got ${res.status} ${res.text.slice(0, 160)}`);
  }
  expect(wrong).toEqual([]);
  return calls.length;
}

describe("the access suite itself", () => {
  it("covers every procedure of the API, and every non-public one is also served as REST", () => {
    expect(Object.keys(procedures).sort()).toEqual(Object.keys(PROCEDURE_CASES).sort());
    const withoutRest = cases()
      .filter(([path]) => !procedures[path]!._def.meta?.openapi)
      .map(([path]) => path);
    expect(withoutRest).toEqual([]);
  });
});

describe("another tenant's credentials", () => {
  it("are refused every tenant procedure (tRPC) that selects tenant A, with a session and with an API key", async () => {
    const calls = cases()
      .filter(([, c]) => ["read", "write", "people"].includes(c.access))
      .flatMap(([path, c]) => [
        { label: `${path} as B's owner`, expected: 403, call: () => viaTrpc(path, c, { ...as.otherOwner!, ...selectA() }) },
        { label: `${path} with B's key`, expected: 403, call: () => viaTrpc(path, c, { ...as.otherKey!, ...selectA() }) },
      ]);
    expect(await expectRefusals(calls)).toBeGreaterThan(80);
  });

  it("find none of tenant A's resources by their ids (tRPC)", async () => {
    const calls = cases()
      .filter(([, c]) => c.otherTenant !== null && c.access !== "admin")
      .flatMap(([path, c]) => [
        { label: `${path} as B's owner`, expected: STATUS[c.otherTenant!]!, call: () => viaTrpc(path, c, as.otherOwner!) },
        {
          label: `${path} with B's key`,
          // API keys do not manage people or sessions at all.
          expected: c.access === "people" || c.access === "self" ? 403 : c.access === "public" ? 400 : STATUS[c.otherTenant!]!,
          call: () => viaTrpc(path, c, as.otherKey!),
        },
      ]);
    expect(await expectRefusals(calls)).toBeGreaterThan(40);
  });

  it("see none of tenant A's data in anything they can list (tRPC)", async () => {
    const leaks: string[] = [];
    const secretsOfA = [A.eurid, A.slug, A.tenantId, A.gateway.mac, A.target.id, A.owner.email, A.targetPassword, DEVICE_KEY, A.aruba.username, A.writeKey.keyId];
    for (const [path, c] of cases().filter(([, c]) => (c.access === "read" || c.access === "self") && c.otherTenant === null)) {
      for (const [who, headers] of [["B's owner", as.otherOwner!], ["B's key", as.otherKey!]] as const) {
        const res = await viaTrpc(path, c, headers);
        if (res.status !== 200) leaks.push(`${path} as ${who}: HTTP ${res.status} ${res.text.slice(0, 120)}`);
        for (const s of secretsOfA) if (res.text.includes(s)) leaks.push(`${path} as ${who} shows ${s}`);
      }
    }
    expect(leaks).toEqual([]);
  });

  it("cannot use the license portal, not even tenant A's own owner", async () => {
    const calls = cases()
      .filter(([, c]) => c.access === "admin")
      .flatMap(([path, c]) => [
        { label: `${path} as A's owner`, expected: 403, call: () => viaTrpc(path, c, as.owner!) },
        { label: `${path} with A's write key`, expected: 403, call: () => viaTrpc(path, c, as.writeKey!) },
        { label: `${path} as B's owner`, expected: 403, call: () => viaTrpc(path, c, as.otherOwner!) },
      ]);
    await expectRefusals(calls);
  });

  it("are refused the same way over REST", async () => {
    const calls = cases()
      .filter(([, c]) => c.access !== "public")
      .flatMap(([path, c]) => {
        const list: { label: string; expected: number; call: () => Promise<ApiResponse> }[] = [];
        if (["read", "write", "people"].includes(c.access)) {
          list.push({ label: `REST ${path} with B's key selecting A`, expected: 403, call: () => viaRest(path, c, { ...as.otherKey!, ...selectA() }) });
          list.push({ label: `REST ${path} as B's owner selecting A`, expected: 403, call: () => viaRest(path, c, { ...as.otherOwner!, ...selectA() }) });
        }
        if (c.otherTenant !== null) {
          const expected = c.access === "people" || c.access === "self" || c.access === "admin" ? 403 : STATUS[c.otherTenant]!;
          list.push({ label: `REST ${path} with B's key and A's ids`, expected, call: () => viaRest(path, c, as.otherKey!) });
        }
        return list;
      });
    expect(await expectRefusals(calls)).toBeGreaterThan(100);
  });

  it("are refused by the IoTC-compatible API for tenant A's devices", async () => {
    const key = as.otherKey!;
    const calls = [
      ["GET", `/api.beta/v1/device/${A.eurid}`],
      ["PUT", `/api.beta/v1/device/${A.eurid}`],
      ["DELETE", `/api.beta/v1/device/${A.eurid}`],
      ["GET", `/api.beta/v1/devices?sourceID=${A.eurid}`],
      ["GET", `/api.beta/v1/devices/metadata/statistics/telegrams?sourceID=${A.eurid}`],
      ["GET", `/api.beta/v1/devices/telemetry/most-recent?sourceID=${A.eurid}`],
      ["GET", `/iotc/device/${A.eurid}`],
    ].map(([method, path]) => ({
      label: `IoTC ${method} ${path} with B's key`,
      expected: 404,
      call: () => httpCall(web.url, method!, path!, key, method === "PUT" ? { eep: "A5-02-05", friendlyID: "taken" } : undefined),
    }));
    await expectRefusals([
      ...calls,
      { label: "IoTC GET /backup with B's key selecting A", expected: 403, call: () => httpCall(web.url, "GET", "/api.beta/v1/backup", { ...key, ...selectA() }) },
    ]);
    const list = await httpCall(web.url, "GET", "/api.beta/v1/devices", key);
    expect(list.status).toBe(200);
    expect(list.text).not.toContain(A.eurid);
  });
});

describe("a viewer", () => {
  it("is refused every change, signed in or with a read-only key, over tRPC and REST", async () => {
    const calls = cases()
      .filter(([, c]) => isWrite(c))
      .flatMap(([path, c]) => [
        { label: `${path} as A's viewer`, expected: 403, call: () => viaTrpc(path, c, as.viewer!) },
        { label: `${path} with A's read key`, expected: 403, call: () => viaTrpc(path, c, as.readKey!) },
        { label: `REST ${path} with A's read key`, expected: 403, call: () => viaRest(path, c, as.readKey!) },
        { label: `REST ${path} as A's viewer`, expected: 403, call: () => viaRest(path, c, as.viewer!) },
      ]);
    expect(await expectRefusals(calls)).toBe(cases().filter(([, c]) => isWrite(c)).length * 4);
    const iotc = await Promise.all([
      httpCall(web.url, "POST", "/api.beta/v1/device", as.readKey!, { sourceEurid: "0000abcd", eep: "A5-02-05", friendlyID: "x" }),
      httpCall(web.url, "DELETE", `/api.beta/v1/device/${A.eurid}`, as.readKey!),
      httpCall(web.url, "POST", "/api.beta/v1/backup", as.readKey!, { Connections: [] }),
    ]);
    expect(iotc.map((r) => r.status)).toEqual([403, 403, 403]);
  });

  it("reads everything of its own tenant (so the refusals above are about changing)", async () => {
    const failed: string[] = [];
    for (const [path, c] of cases().filter(([, c]) => c.access === "read")) {
      const res = await viaTrpc(path, c, as.viewer!);
      if (res.status !== 200) failed.push(`${path}: ${res.status} ${res.text.slice(0, 120)}`);
    }
    expect(failed).toEqual([]);
  });
});

describe("after every refused call", () => {
  it("tenant A's data is as it was", async () => {
    const device = await db.device.findUniqueOrThrow({ where: { id: A.device.id } });
    expect(device).toMatchObject({ location: "alpha lab", active: true });
    expect(await db.gateway.findUnique({ where: { id: A.gateway.id } })).toMatchObject({ name: "" });
    expect(await db.egressTarget.findUniqueOrThrow({ where: { id: A.target.id } })).toMatchObject({ name: "alpha broker", enabled: true });
    expect((await db.apiKey.findUniqueOrThrow({ where: { id: A.readKey.id } })).revokedAt).toBeNull();
    expect((await db.ingressCredential.findUniqueOrThrow({ where: { id: A.token.id } })).revokedAt).toBeNull();
    expect((await db.ingressCredential.findUniqueOrThrow({ where: { id: A.aruba.id } })).tenantId).toBe(A.tenantId);
    expect((await db.license.findUniqueOrThrow({ where: { id: A.license.id } })).revokedAt).toBeNull();
    expect(await db.membership.findMany({ where: { tenantId: A.tenantId }, orderBy: { createdAt: "asc" }, select: { userId: true, role: true } })).toEqual([
      { userId: A.owner.id, role: "OWNER" },
      { userId: A.admin.id, role: "ADMIN" },
      { userId: A.viewer.id, role: "VIEWER" },
    ]);
    expect((await db.tenant.findUniqueOrThrow({ where: { id: A.tenantId } })).name).toBe(A.tenant.name);
    expect(await db.deadLetter.findUniqueOrThrow({ where: { id: A.deadLetter.id } })).toMatchObject({ replayedAt: null, targetId: A.target.id });
    expect(await db.invitation.count({ where: { id: A.invitation.invitation.id } })).toBe(1);
  });
});

describe("secrets", () => {
  it("never appear in any answer, not even to the tenant's owner", async () => {
    const found: string[] = [];
    const stored = [DEVICE_KEY, A.targetPassword, A.writeKey.secret, A.token.token, "aruba-password-123"];
    const columns = /"(aesKeyEnc|secretsEnc|secretHash|tokenHash|passwordHash|pskEnc|stateEnc)"/;
    for (const [path, c] of cases().filter(([, c]) => c.access === "read")) {
      for (const res of [await viaTrpc(path, c, as.owner!), await viaRest(path, c, as.writeKey!)]) {
        for (const s of stored) if (res.text.includes(s)) found.push(`${path} returns a stored secret`);
        if (columns.test(res.text)) found.push(`${path} returns ${columns.exec(res.text)![1]}`);
      }
    }
    for (const path of ["/api.beta/v1/backup", "/api.beta/v1/devices", `/api.beta/v1/device/${A.eurid}`]) {
      const res = await httpCall(web.url, "GET", path, as.writeKey!);
      for (const s of stored) if (res.text.includes(s)) found.push(`${path} returns a stored secret`);
    }
    expect(found).toEqual([]);
  });
});
