/* eslint-disable @typescript-eslint/no-explicit-any -- the tests read received JSON payloads */
// agrirouter as an egress target, against the agrirouter emulator (packages/testkit): onboarding
// from a registration code with signed verify and onboard requests (the emulator checks the
// signature with the application's public key), the returned certificate and secret kept sealed,
// MQTT with that client certificate, capabilities first, telemetry as measures, results read from
// the commands topic. Refusals (wrong code, clock skew, wrong key) end up as clear errors on the
// target; an agrirouter that answers errors or goes away loses nothing; one that stays down ends in
// the dead letters and replays in order; another tenant's delivery does not wait for it.
import { generateKeyPairSync } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { listTargetDeadLetters } from "@tidewire/db";
import { agrirouterStateSchema, replayDeadLetters, testConnection, type AgrirouterApplication } from "@tidewire/egress";
import { AgrirouterEmulator, deliveryMessage, type ApplicationCredentials } from "@tidewire/testkit";
import { startEgress, type EgressHarness } from "../support/egress-harness";

let egress: EgressHarness;
let agrirouter: AgrirouterEmulator;
let credentials: ApplicationCredentials;
let app: AgrirouterApplication;
let tenantId: string;

beforeAll(async () => {
  agrirouter = new AgrirouterEmulator();
  credentials = agrirouter.registerApplication();
  await agrirouter.start();
  app = { ...credentials, registrationUrl: agrirouter.registrationUrl, caCertificate: agrirouter.pki.ca.certificate };
  egress = await startEgress({ agrirouter: app, connectorTimeoutMs: 3000 });
  tenantId = (await egress.tenant("agrirouter-tenant")).id;
});

afterAll(async () => {
  await egress?.stop();
  await agrirouter?.close();
});

const row = (id: string) => egress.db.egressTarget.findUniqueOrThrow({ where: { id } });
const endpointOf = async (targetId: string) => agrirouterStateSchema.parse(egress.box.openJson((await row(targetId)).stateEnc!)).onboarding.deviceAlternateId;
const values = (endpointId: string, eurid: string) =>
  agrirouter
    .telemetry(endpointId)
    .filter((m: any) => m.sensor.id === eurid)
    .map((m: any) => m.telemetry.data[0].value);
const firstSeen = (xs: number[]) => xs.filter((x, i) => xs.indexOf(x) === i);

describe("agrirouter target", () => {
  it("onboards from the registration code, keeps the certificate and secret sealed, sends the capabilities first and then each message as a measures entry", async () => {
    const code = agrirouter.issueRegistrationCode("account-1");
    const target = await egress.target(tenantId, { kind: "AGRIROUTER", name: "agrirouter", config: {}, secrets: { registrationCode: code } });
    await egress.enqueue(tenantId, target, [deliveryMessage("04138bb4", 1), deliveryMessage("051b03c9", 2)]);
    const endpointId = await (async () => {
      await egress.waitFor(async () => (await row(target)).stateEnc !== null, 15_000, "onboarding");
      return endpointOf(target);
    })();
    await egress.waitFor(() => agrirouter.telemetry(endpointId).length >= 2, 15_000, "two measures");

    // Verified, then onboarded; the code is used up.
    expect(agrirouter.registration.requests.slice(0, 2)).toEqual([
      { path: "/api/v1.0/registration/onboard/verify", status: 200 },
      { path: "/api/v1.0/registration/onboard/request", status: 201 },
    ]);
    expect(agrirouter.registrationCodes.has(code)).toBe(false);
    const endpoint = agrirouter.endpoints.get(endpointId)!;
    expect(endpoint).toMatchObject({ externalId: `urn:tidewire:agrirouter-tenant:${target}`, accountId: "account-1", applicationId: credentials.applicationId });

    // The answer is kept sealed: certificate and key passphrase are in the state, not readable in the row.
    const stored = await row(target);
    const state = agrirouterStateSchema.parse(egress.box.openJson(stored.stateEnc!));
    expect(state.accountId).toBe("account-1");
    expect(state.onboarding.authentication.certificate).toContain("-----BEGIN ENCRYPTED PRIVATE KEY-----");
    expect(stored.stateEnc).not.toContain(state.onboarding.authentication.secret);
    expect(stored.stateEnc).not.toContain("BEGIN");

    // Capabilities first, naming the application, the telemetry type as SEND.
    const messages = agrirouter.received.filter((m) => m.endpointId === endpointId);
    expect(messages[0]).toMatchObject({ technicalMessageType: "dke:capabilities", mode: "DIRECT", typeUrl: "types.agrirouter.com/agrirouter.request.payload.endpoint.CapabilitySpecification" });
    expect(endpoint.capabilities).toEqual([{ technicalMessageType: "enocean:telemetry:json", direction: 0 }]);
    // Then the telemetry: proprietary type, published, the IoTC message as the payload.
    expect(messages.slice(1).map((m) => [m.technicalMessageType, m.mode, m.typeUrl])).toEqual([
      ["enocean:telemetry:json", "PUBLISH", ""],
      ["enocean:telemetry:json", "PUBLISH", ""],
    ]);
    expect(messages[1]!.json).toMatchObject({ sensor: { friendlyId: "sensor 04138bb4", id: "04138bb4", location: "Lab" }, telemetry: { data: [{ key: "temperature", value: 1, unit: "°C" }] } });
    expect(messages[1]!.seqNo).toBeGreaterThan(messages[0]!.seqNo);
    expect(agrirouter.router.answers.filter((a) => messages.some((m) => m.applicationMessageId === a.applicationMessageId)).map((a) => a.type)).toEqual([1, 1, 1]);
    expect(agrirouter.violations).toEqual([]);
    await egress.waitFor(async () => (await row(target)).status === "HEALTHY", 5000, "healthy");
  });

  it("refuses a wrong registration code with a clear error in test connection and on the target", async () => {
    expect(await testConnection("AGRIROUTER", {}, { registrationCode: "WRONGCODE1" }, { allowPrivate: true, timeoutMs: 3000, agrirouter: app })).toMatchObject({
      ok: false,
      stage: "onboarding",
      message: expect.stringMatching(/does not accept this registration code.*wrong, expired or already used/),
    });
    const target = await egress.target(tenantId, { kind: "AGRIROUTER", name: "wrong code", config: {}, secrets: { registrationCode: "WRONGCODE2" } });
    await egress.enqueue(tenantId, target, [deliveryMessage("0a0a0a0a", 1)]);
    await egress.waitFor(async () => (await row(target)).lastError?.includes("registration code") === true, 10_000, "the error on the target");
    expect((await row(target)).lastError).toMatch(/^onboarding: agrirouter does not accept this registration code/);
    expect((await row(target)).stateEnc).toBeNull();
    expect(agrirouter.registration.requests.filter((r) => r.status === 401).length).toBeGreaterThanOrEqual(2);
  });

  it("tells a clock that is off from a key that does not match, and onboards once the clock is right", async () => {
    const code = agrirouter.issueRegistrationCode();
    agrirouter.clockOffsetMs = 10 * 60_000;
    try {
      const target = await egress.target(tenantId, { kind: "AGRIROUTER", name: "skewed clock", config: {}, secrets: { registrationCode: code } });
      await egress.enqueue(tenantId, target, [deliveryMessage("0b0b0b0b", 1)]);
      await egress.waitFor(async () => (await row(target)).lastError?.includes("clock") === true, 10_000, "the clock error on the target");
      expect((await row(target)).lastError).toMatch(/refused the verification request's time stamp \(code 0110\): this server's clock is (59\d|60\d) s behind agrirouter's/);
      expect(agrirouter.registrationCodes.has(code)).toBe(true);

      const otherKey = generateKeyPairSync("rsa", { modulusLength: 2048 }).privateKey.export({ type: "pkcs8", format: "pem" }).toString();
      agrirouter.clockOffsetMs = 0;
      expect(await testConnection("AGRIROUTER", {}, { registrationCode: code }, { allowPrivate: true, timeoutMs: 3000, agrirouter: { ...app, privateKey: otherKey } })).toMatchObject({
        ok: false,
        stage: "onboarding",
        message: expect.stringMatching(/refused the verification request's signature \(code 0110\).*AGRIROUTER_PRIVATE_KEY.*application/),
      });

      // Clock right again: the target onboards with the same (unused) code and delivers.
      await egress.waitFor(async () => (await row(target)).stateEnc !== null, 15_000, "onboarding after the clock was fixed");
      const endpointId = await endpointOf(target);
      await egress.waitFor(() => values(endpointId, "0b0b0b0b").length === 1, 15_000, "the held message");
    } finally {
      agrirouter.clockOffsetMs = 0;
    }
  });

  it("loses nothing while agrirouter answers errors or its broker is away, and keeps each device's order", async () => {
    const target = await egress.target(tenantId, { kind: "AGRIROUTER", name: "flaky agrirouter", config: {}, secrets: { registrationCode: agrirouter.issueRegistrationCode() } });
    await egress.enqueue(tenantId, target, [deliveryMessage("c0c0c0c0", 1), deliveryMessage("d0d0d0d0", 1)]);
    await egress.waitFor(async () => (await row(target)).stateEnc !== null, 15_000, "onboarding");
    const endpointId = await endpointOf(target);
    await egress.waitFor(() => agrirouter.telemetry(endpointId).length >= 2, 15_000, "first messages");

    // agrirouter answers every message with a failure for a while.
    agrirouter.router.failTelemetry = { responseCode: 503, messageCode: "EMULATOR-UNAVAILABLE", message: "service unavailable" };
    for (let i = 2; i <= 6; i++) await egress.enqueue(tenantId, target, [deliveryMessage("c0c0c0c0", i), deliveryMessage("d0d0d0d0", i)]);
    await egress.waitFor(async () => (await row(target)).status === "PAUSED", 15_000, "circuit open");
    expect((await row(target)).lastError).toMatch(/rejected: agrirouter answered 503 \(EMULATOR-UNAVAILABLE: service unavailable\)/);
    agrirouter.router.failTelemetry = null;
    await egress.waitFor(() => values(endpointId, "c0c0c0c0").length >= 6 && values(endpointId, "d0d0d0d0").length >= 6, 20_000, "messages after the errors");

    // Then its MQTT endpoint goes away and comes back.
    await agrirouter.broker.stop();
    for (let i = 7; i <= 10; i++) await egress.enqueue(tenantId, target, [deliveryMessage("c0c0c0c0", i), deliveryMessage("d0d0d0d0", i)]);
    await egress.waitFor(async () => (await row(target)).status === "PAUSED", 15_000, "circuit open while the broker is away");
    await agrirouter.broker.start();
    await egress.waitFor(() => firstSeen(values(endpointId, "c0c0c0c0")).length >= 10 && firstSeen(values(endpointId, "d0d0d0d0")).length >= 10, 20_000, "messages after the outage");

    const expected = Array.from({ length: 10 }, (_, i) => i + 1);
    expect(firstSeen(values(endpointId, "c0c0c0c0"))).toEqual(expected);
    expect(firstSeen(values(endpointId, "d0d0d0d0"))).toEqual(expected);
    expect((await listTargetDeadLetters(egress.db, tenantId, target)).total).toBe(0);
    expect(agrirouter.violations).toEqual([]);
  });

  it("dead-letters messages agrirouter keeps refusing, replays them in order, and meanwhile delivers another tenant's messages", async () => {
    const other = await egress.tenant("agrirouter-other");
    const healthy = await egress.target(other.id, { kind: "AGRIROUTER", name: "other tenant's", config: {}, secrets: { registrationCode: agrirouter.issueRegistrationCode() } });
    const target = await egress.target(tenantId, {
      kind: "AGRIROUTER",
      name: "refused",
      config: { delivery: { deadLetterAfterSeconds: 1 } },
      secrets: { registrationCode: agrirouter.issueRegistrationCode() },
    });
    await egress.enqueue(other.id, healthy, [deliveryMessage("e0e0e0e0", 1)]);
    await egress.enqueue(tenantId, target, [deliveryMessage("f0f0f0f0", 0)]);
    await egress.waitFor(async () => (await row(target)).stateEnc !== null && (await row(healthy)).stateEnc !== null, 15_000, "both onboarded");
    const endpointId = await endpointOf(target);
    const otherEndpoint = await endpointOf(healthy);
    await egress.waitFor(() => values(endpointId, "f0f0f0f0").length === 1 && values(otherEndpoint, "e0e0e0e0").length === 1, 15_000, "first messages");

    // agrirouter refuses this endpoint's messages; the other tenant's target must not wait for it.
    agrirouter.router.failTelemetryOf.set(endpointId, { responseCode: 500, messageCode: "EMULATOR-ERROR", message: "internal error" });
    for (let i = 1; i <= 3; i++) await egress.enqueue(tenantId, target, [deliveryMessage("f0f0f0f0", i)]);
    await egress.waitFor(async () => (await row(target)).lastError?.includes("agrirouter answered 500") === true, 10_000, "the refusals");
    const started = Date.now();
    await egress.enqueue(other.id, healthy, [deliveryMessage("e0e0e0e0", 2)]);
    await egress.waitFor(() => values(otherEndpoint, "e0e0e0e0").length === 2, 5000, "the other tenant's message");
    expect(Date.now() - started).toBeLessThan(5000);

    await egress.waitFor(async () => (await listTargetDeadLetters(egress.db, tenantId, target)).total === 3, 40_000, "three dead letters");
    const letters = await listTargetDeadLetters(egress.db, tenantId, target);
    expect(letters.rows.map((r) => (r.payload as any).messages[0].message.telemetry.data[0].value)).toEqual([1, 2, 3]);
    expect(letters.rows[0]).toMatchObject({ reason: "MAX_AGE", error: expect.stringMatching(/agrirouter answered 500/) });
    agrirouter.router.failTelemetryOf.delete(endpointId);

    expect(await replayDeadLetters(egress.deps, tenantId, target)).toEqual({ requested: 3 });
    await egress.waitFor(() => values(endpointId, "f0f0f0f0").length >= 4, 15_000, "replayed messages");
    expect(values(endpointId, "f0f0f0f0")).toEqual([0, 1, 2, 3]);
    await egress.waitFor(async () => (await listTargetDeadLetters(egress.db, tenantId, target)).total === 0, 5000, "dead letters emptied");
  });
});
