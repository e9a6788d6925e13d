// "Test connection" against brokers that refuse: wrong credentials (the built-in broker) and a
// certificate the client cannot verify (a TLS server with a self-signed certificate).
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import tls from "node:tls";
import { pino } from "pino";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { freePort } from "@tidewire/testkit";
import { BuiltinBroker } from "../../apps/ingest/src/broker/builtin-broker";
import { MqttConnectionTester } from "../../apps/web/src/server/egress/mqtt-connection-test";

const tester = new MqttConnectionTester({ allowPrivate: true });
const target = (config: Record<string, unknown>, secrets: Record<string, string> = {}) => ({
  tenantId: "t1",
  tenantSlug: "acme",
  kind: "MQTT" as const,
  config: { topic: "sensors/{tenant}/{sourceEurid}", ...config },
  secrets,
});

let broker: BuiltinBroker;
let brokerPort: number;
let tlsServer: tls.Server;
let tlsPort: number;

beforeAll(async () => {
  broker = new BuiltinBroker({
    port: await freePort(),
    host: "127.0.0.1",
    internalSecret: "internal-secret-123456",
    verifyApiKey: async (keyId, secret) => (keyId === "tw_ok" && secret === "right" ? { tenantId: "t1", tenantSlug: "acme" } : null),
    log: pino({ level: "silent" }),
  });
  brokerPort = (await broker.listen()).port;

  const dir = mkdtempSync(path.join(tmpdir(), "tw-tls-"));
  execFileSync("openssl", ["req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", `${dir}/key.pem`, "-out", `${dir}/cert.pem`, "-days", "1", "-subj", "/CN=localhost"], { stdio: "ignore" });
  tlsServer = tls.createServer({ key: readFileSync(`${dir}/key.pem`), cert: readFileSync(`${dir}/cert.pem`) }, (socket) => socket.end());
  tlsPort = await freePort();
  await new Promise<void>((resolve) => tlsServer.listen(tlsPort, "127.0.0.1", () => resolve()));
});

afterAll(async () => {
  await broker?.close();
  tlsServer?.close();
});

describe("MQTT connection test", () => {
  it("reports the auth stage when the broker refuses the credentials", async () => {
    const result = await tester.test(target({ url: `mqtt://127.0.0.1:${brokerPort}`, username: "tw_ok" }, { password: "wrong" }));
    expect(result).toMatchObject({ ok: false, stage: "auth" });
  });

  it("passes with the right credentials, publishing in the tenant's topic space", async () => {
    const result = await tester.test(target({ url: `mqtt://127.0.0.1:${brokerPort}`, username: "tw_ok" }, { password: "right" }));
    expect(result).toMatchObject({ ok: true, detail: expect.stringContaining("sensors/acme/tidewire-connection-test") });
  });

  it("reports the tls stage when the broker's certificate cannot be verified", async () => {
    const result = await tester.test(target({ url: `mqtts://127.0.0.1:${tlsPort}` }));
    expect(result).toMatchObject({ ok: false, stage: "tls" });
    expect(result.ok ? "" : result.message).toMatch(/certificate/i);
  });
});
