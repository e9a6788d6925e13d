import { createHash, sign } from "node:crypto";
import { request } from "node:https";
import mqtt from "mqtt";
import protobuf from "protobufjs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { TestPki } from "../test-pki";
import { AgrirouterEmulator, type ApplicationCredentials } from "./agrirouter-emulator";
import { decodeRequest, wire } from "./agrirouter-wire-types";

// The emulator's own checks, independent of Tidewire's agrirouter code: what it accepts and
// refuses must be what the reference says agrirouter accepts and refuses.

// Worked vector of reference agrirouter.md §5.3 (a capabilities request).
const VECTOR_MESSAGE =
  "QgokMDAwMDAwMDAtMDAwMC00MDAwLTgwMDAtMDAwMDAwMDAwMDAxEAEaEGRrZTpjYXBhYmlsaXRpZXNCBgiA4s+qBqABCp0BClB0eXBlcy5hZ3Jpcm91dGVyLmNvbS9hZ3Jpcm91dGVyLnJlcXVlc3QucGF5bG9hZC5lbmRwb2ludC5DYXBhYmlsaXR5U3BlY2lmaWNhdGlvbhJJCiEKH2lzbzoxMTc4MzotMTA6dGltZV9sb2c6cHJvdG9idWYKCgoIZ3BzOmluZm8SCmFwcC1pZC0xMjMaDGNlcnQtdmVyLTQ1Ng==";

let emulator: AgrirouterEmulator;
let app: ApplicationCredentials;

function post(path: string, code: string, body: string, signature: string): Promise<{ status: number; json: { error?: { code: string } } & Record<string, unknown> }> {
  return new Promise((resolve, reject) => {
    const req = request(
      `${emulator.registrationUrl}${path}`,
      {
        method: "POST",
        ca: emulator.pki.ca.certificate,
        headers: { authorization: `Bearer ${code}`, "content-type": "application/json", "x-agrirouter-applicationid": app.applicationId, "x-agrirouter-signature": signature },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on("data", (c: Buffer) => chunks.push(c));
        res.on("end", () => resolve({ status: res.statusCode ?? 0, json: JSON.parse(Buffer.concat(chunks).toString()) }));
      },
    );
    req.on("error", reject);
    req.end(body);
  });
}

const body = (at = new Date()) =>
  JSON.stringify({ id: "urn:test:1", applicationId: app.applicationId, certificationVersionId: app.certificationVersionId, gatewayId: "2", certificateType: "PEM", UTCTimestamp: at.toISOString(), timeZone: "+00:00" });

beforeAll(async () => {
  emulator = new AgrirouterEmulator();
  app = emulator.registerApplication();
  await emulator.start();
});

afterAll(async () => {
  await emulator.close();
});

describe("agrirouter emulator", () => {
  it("reads the reference's capabilities vector", () => {
    const decoded = decodeRequest(VECTOR_MESSAGE);
    expect(decoded.envelope).toMatchObject({ application_message_id: "00000000-0000-4000-8000-000000000001", application_message_seq_no: 1, technical_message_type: "dke:capabilities", mode: 0, timestamp: { seconds: 1_700_000_000 } });
    expect(decoded.details?.type_url).toBe("types.agrirouter.com/agrirouter.request.payload.endpoint.CapabilitySpecification");
    expect(() => decodeRequest(`${VECTOR_MESSAGE.slice(0, -4)}AAAA`)).toThrow();
  });

  it("accepts only a body signed with the application's key, a timestamp near its clock and a known code", async () => {
    const code = emulator.issueRegistrationCode("acc");
    const good = body();
    expect((await post("/api/v1.0/registration/onboard/verify", code, good, sign("sha256", Buffer.from(good), app.privateKey).toString("hex"))).json).toEqual({ accountId: "acc" });
    // Signing the SHA-256 digest again (double hashing) is not the documented signature.
    const digest = createHash("sha256").update(good).digest();
    expect((await post("/api/v1.0/registration/onboard/verify", code, good, sign("sha256", digest, app.privateKey).toString("hex"))).json.error?.code).toBe("0110");
    const old = body(new Date(Date.now() - 10 * 60_000));
    expect((await post("/api/v1.0/registration/onboard/verify", code, old, sign("sha256", Buffer.from(old), app.privateKey).toString("hex"))).json.error?.code).toBe("0110");
    const unknown = await post("/api/v1.0/registration/onboard/verify", "NOSUCHCODE", good, sign("sha256", Buffer.from(good), app.privateKey).toString("hex"));
    expect(unknown.status).toBe(401);
    expect(unknown.json.error?.code).not.toBe("0110");
  });

  it("lets only the onboarded certificate connect, and refuses data before capabilities", async () => {
    const code = emulator.issueRegistrationCode();
    const b = body();
    const onboarded = await post("/api/v1.0/registration/onboard/request", code, b, sign("sha256", Buffer.from(b), app.privateKey).toString("hex"));
    expect(onboarded.status).toBe(201);
    const answer = onboarded.json as { deviceAlternateId: string; sensorAlternateId: string; capabilityAlternateId: string; authentication: { certificate: string; secret: string } };
    const connect = (cert: string, key: string, passphrase?: string) =>
      mqtt.connectAsync(`mqtts://localhost:${emulator.broker.port}`, { clientId: answer.deviceAlternateId, cert, key, ...(passphrase ? { passphrase } : {}), ca: emulator.pki.ca.certificate, reconnectPeriod: 0, connectTimeout: 3000 } as mqtt.IClientOptions);

    const stranger = emulator.pki.issue(answer.deviceAlternateId, "client");
    await expect(connect(stranger.certificate, stranger.privateKey)).rejects.toThrow(/Not authorized/i);
    // A certificate of another CA does not get through the TLS handshake (mqtt.js reports that
    // as a closed connection, not as a refused CONNECT).
    const foreign = new TestPki("another CA").issue(answer.deviceAlternateId, "client");
    const outcome = await new Promise<string>((resolve) => {
      const c = mqtt.connect(`mqtts://localhost:${emulator.broker.port}`, { clientId: answer.deviceAlternateId, cert: foreign.certificate, key: foreign.privateKey, ca: emulator.pki.ca.certificate, reconnectPeriod: 0, connectTimeout: 3000 });
      c.on("error", () => {});
      c.once("connect", () => resolve("connected"));
      c.once("close", () => resolve("closed"));
    });
    expect(outcome).toBe("closed");

    const client = await connect(answer.authentication.certificate, answer.authentication.certificate, answer.authentication.secret);
    try {
      const answers: string[] = [];
      client.on("message", (_t, p) => answers.push(p.toString()));
      await client.subscribeAsync(`commands/${answer.deviceAlternateId}`, { qos: 1 });
      // SUBACK 128 for another endpoint's commands (mqtt.js turns it into an error)
      await expect(client.subscribeAsync(`commands/someone-else`, { qos: 1 })).rejects.toThrow(/Subscribe error/);
      const publish = (message: string) =>
        client.publishAsync(
          `measures/${answer.deviceAlternateId}`,
          JSON.stringify({ sensorAlternateId: answer.sensorAlternateId, capabilityAlternateId: answer.capabilityAlternateId, measures: [[message, 1_700_000_000]] }),
          { qos: 1 },
        );
      // A data message before any capabilities message.
      const writer = protobuf.Writer.create();
      wire.RequestEnvelope.encodeDelimited(
        wire.RequestEnvelope.fromObject({ application_message_id: "data-1", application_message_seq_no: 5, technical_message_type: "enocean:telemetry:json", mode: 1, timestamp: { seconds: 1_700_000_000 } }),
        writer,
      );
      wire.RequestPayloadWrapper.encodeDelimited(wire.RequestPayloadWrapper.fromObject({ details: { value: Buffer.from("{}") } }), writer);
      await publish(Buffer.from(writer.finish()).toString("base64"));
      // The vector: a sequence number lower than the last one is refused.
      await publish(VECTOR_MESSAGE);
      await new Promise((r) => setTimeout(r, 300));
      expect(answers).toHaveLength(2);
      expect(emulator.violations).toEqual([
        "enocean:telemetry:json data-1: no capabilities message was sent before this message",
        "dke:capabilities 00000000-0000-4000-8000-000000000001: application_message_seq_no 1 does not increase (last 5)",
      ]);
    } finally {
      await client.endAsync(true);
    }
  });
});
