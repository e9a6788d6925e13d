// The target administration the portal calls (packages/egress target-admin) against the agrirouter
// emulator: testing a saved target onboards its endpoint once, keeps the onboarding sealed on the
// target and shows it as progress; a refused code is reported at the onboarding stage and leaves
// the target not onboarded.
import { randomBytes } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createDb, SecretBox, upsertTenant, type Db } from "@tidewire/db";
import { getEgressTarget, saveEgressTarget, testEgressSettings, testEgressTarget, type AgrirouterApplication, type TargetAdminDeps } from "@tidewire/egress";
import { AgrirouterEmulator } from "@tidewire/testkit";
import { createRedis } from "../../apps/ingest/src/redis/connections";

let agrirouter: AgrirouterEmulator;
let app: AgrirouterApplication;
let db: Db;
let deps: TargetAdminDeps;
let tenantId: string;

beforeAll(async () => {
  agrirouter = new AgrirouterEmulator();
  const credentials = agrirouter.registerApplication();
  await agrirouter.start();
  app = { ...credentials, registrationUrl: agrirouter.registrationUrl, caCertificate: agrirouter.pki.ca.certificate };
  db = createDb(process.env.DATABASE_URL!);
  deps = { db, box: new SecretBox(process.env.TIDEWIRE_MASTER_KEY!), redis: createRedis(process.env.REDIS_URL!), prefix: `${process.env.REDIS_PREFIX}:${randomBytes(3).toString("hex")}` };
  tenantId = (await upsertTenant(db, { slug: `target-admin-${randomBytes(3).toString("hex")}`, name: "target admin" })).id;
});

afterAll(async () => {
  deps?.redis.disconnect();
  await db?.$disconnect();
  await agrirouter?.close();
});

const options = () => ({ allowPrivate: true, timeoutMs: 5000, agrirouter: app });

describe("testing a saved agrirouter target", () => {
  it("onboards the endpoint once, keeps the onboarding on the target and shows it as progress", async () => {
    const code = agrirouter.issueRegistrationCode("account-7");
    const saved = await saveEgressTarget(deps, tenantId, { kind: "AGRIROUTER", name: "farm", config: {}, secrets: { registrationCode: code } });
    expect(saved.progress).toEqual({ onboarded: false });

    expect(await testEgressTarget(deps, tenantId, saved.id, "AGRIROUTER", options())).toEqual({ ok: true });
    const onboarded = await getEgressTarget(deps, tenantId, saved.id);
    expect(onboarded.progress).toMatchObject({ onboarded: true, endpointId: expect.any(String) });
    expect(agrirouter.endpoints.has(onboarded.progress!.endpointId!)).toBe(true);
    expect(agrirouter.registrationCodes.has(code)).toBe(false);
    expect(JSON.stringify(onboarded, (_k, v: unknown) => (typeof v === "bigint" ? String(v) : v))).not.toContain("BEGIN");

    // The used-up code is not needed again: the stored onboarding is used.
    const requests = agrirouter.registration.requests.length;
    expect(await testEgressTarget(deps, tenantId, saved.id, "AGRIROUTER", options())).toEqual({ ok: true });
    expect(agrirouter.registration.requests.length).toBe(requests);
  });

  it("reports a refused registration code at the onboarding stage and leaves the target not onboarded", async () => {
    const saved = await saveEgressTarget(deps, tenantId, { kind: "AGRIROUTER", name: "wrong code", config: {}, secrets: { registrationCode: "WRONGCODE7" } });
    const result = await testEgressSettings(deps, tenantId, { kind: "AGRIROUTER", targetId: saved.id }, options());
    expect(result).toMatchObject({ ok: false, stage: "onboarding", message: expect.stringMatching(/registration code/) });
    expect((await getEgressTarget(deps, tenantId, saved.id)).progress).toEqual({ onboarded: false });
  });

  it("refuses to test a target of another tenant", async () => {
    const other = (await upsertTenant(db, { slug: `target-admin-other-${randomBytes(3).toString("hex")}`, name: "other" })).id;
    const saved = await saveEgressTarget(deps, tenantId, { kind: "BUILTIN_MQTT", name: "mine", config: {} });
    await expect(testEgressTarget(deps, other, saved.id, "BUILTIN_MQTT", options())).rejects.toMatchObject({ code: "NOT_FOUND" });
  });
});
