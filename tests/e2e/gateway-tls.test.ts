// Ingest serving https/wss itself with the certificates `npm run certs` makes: Aruba access
// points that trust the development CA, and generic gateways that log in with a client
// certificate instead of a token.
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createGatewayCertificateCredential } from "@tidewire/db";
import { ArubaAccessPoint, ArubaConnection, createFleet, GatewaySimulator, GenericGatewayClient, postJson } from "@tidewire/testkit";
import { ensureDevCa, issueClientCertificate, issueServerCertificate } from "../../scripts/certs/dev-certificates";
import { eventually, MessageCollector } from "../support/message-collector";
import { startPipeline, type Pipeline } from "../support/pipeline-harness";
import { createTestTenant, type TestTenant } from "../support/tenant-setup";

const dir = mkdtempSync(path.join(tmpdir(), "tw-certs-"));
const foreignDir = mkdtempSync(path.join(tmpdir(), "tw-foreign-"));
const fleet = createFleet({ sensors: 4, gateways: 1, hearing: 1, seed: 5, euridBase: "0d000000" });
let pipeline: Pipeline;
let tenant: TestTenant;
let collector: MessageCollector;
let ca: Buffer;
let client: { key: string; cert: string; fingerprint: string };
const closers: (() => Promise<unknown>)[] = [];

beforeAll(async () => {
  const caFiles = ensureDevCa(dir);
  const server = issueServerCertificate(dir, ["localhost", "127.0.0.1"]);
  client = issueClientCertificate(dir, "gateway-7");
  ca = readFileSync(caFiles.cert);
  pipeline = await startPipeline({
    before: async (db, box) => {
      tenant = await createTestTenant(db, box, { maxGateways: 5, sensors: fleet });
      await createGatewayCertificateCredential(db, tenant.id, { name: "gateway 7", fingerprint: client.fingerprint });
    },
    ingest: { tls: { cert: readFileSync(server.cert), key: readFileSync(server.key), ca } },
  });
  collector = await MessageCollector.connect(pipeline.brokerUrl, tenant.mqtt);
}, 120_000);

afterAll(async () => {
  for (const close of closers) await close().catch(() => {});
  await collector?.close();
  await pipeline?.stop();
  rmSync(dir, { recursive: true, force: true });
  rmSync(foreignDir, { recursive: true, force: true });
});

describe("TLS", () => {
  it("serves the Aruba authentication URL over https and the websocket over wss to an access point that trusts the CA", async () => {
    expect(pipeline.ingestHttpUrl).toMatch(/^https:/);
    const simulator = new GatewaySimulator({ protocol: "aruba", url: pipeline.ingestHttpUrl, ca, ...tenant.aruba, gateways: 1, sensors: fleet, healthIntervalMs: 0, record: true, macPrefix: "02eeee" });
    closers.push(() => simulator.stop());
    await simulator.start();
    const sent = simulator.sendReading(fleet[0]!);
    await collector.waitFor(() => collector.byFingerprint(sent.fingerprints[0]!).length === 1, 10_000, "the telegram over wss");
  });

  it("refuses a client that does not trust the CA at the TLS handshake", async () => {
    await expect(postJson(`${pipeline.ingestHttpUrl}/auth/aruba`, JSON.stringify(tenant.aruba))).rejects.toThrow(/self-signed|unable to verify|certificate/i);
    const connection = new ArubaConnection({ baseUrl: pipeline.ingestHttpUrl, ...tenant.aruba, reconnect: false });
    const ap = new ArubaAccessPoint(connection, { mac: "02eeee00ffff", healthIntervalMs: 0 });
    await expect(ap.connect()).rejects.toThrow();
  });

  it("lets a generic gateway log in with a registered client certificate instead of a token", async () => {
    const gateway = new GenericGatewayClient({
      url: `${pipeline.ingestUrl}/gateway/v1`,
      gatewayId: "cert-gw-7",
      ca,
      cert: readFileSync(client.cert),
      key: readFileSync(client.key),
      reconnect: false,
    });
    closers.push(() => gateway.close());
    await gateway.connect();
    expect(gateway.hello).toMatchObject({ gateway: "cert-gw-7", licensed: true });
    const row = await eventually(() => pipeline.db.gateway.findUnique({ where: { tenantId_mac: { tenantId: tenant.id, mac: "cert-gw-7" } } }));
    expect(row.kind).toBe("SIMULATOR");
  });

  it("refuses a client certificate that is not registered, or that another CA signed, with 401", async () => {
    const unregistered = issueClientCertificate(dir, "stranger");
    ensureDevCa(foreignDir);
    const foreign = issueClientCertificate(foreignDir, "impostor");
    for (const cert of [unregistered, foreign]) {
      const gateway = new GenericGatewayClient({
        url: `${pipeline.ingestUrl}/gateway/v1`,
        gatewayId: "not-me",
        ca,
        cert: readFileSync(cert.cert),
        key: readFileSync(cert.key),
        reconnect: false,
        // failed logins count per source address; keep them away from other tests' address
        localAddress: "127.0.2.1",
      });
      await expect(gateway.connect()).rejects.toThrow("HTTP 401");
    }
  });
});
