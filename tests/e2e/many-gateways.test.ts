// 1,000 concurrent generic gateway connections on one ingest process, all of them usable.
// Needs about 2,100 file descriptors in this process (a client and a server socket per gateway,
// plus database and Redis connections); docs/gateway-protocol.md says how to raise the limit.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { encodeEsp3, encodeRadioErp1 } from "@tidewire/decoder";
import { GenericGatewayClient } from "@tidewire/testkit";
import { eventually } from "../support/message-collector";
import { startPipeline, type Pipeline } from "../support/pipeline-harness";
import { createTestTenant, type TestTenant } from "../support/tenant-setup";

const GATEWAYS = 1000;
let pipeline: Pipeline;
let tenant: TestTenant;
const clients: GenericGatewayClient[] = [];

const frame = (gateway: number, round: number) =>
  encodeEsp3(encodeRadioErp1({ rorg: 0xa5, data: Uint8Array.of(0, round, 0x50, 0x08), sender: (0x0e100000 + gateway).toString(16).padStart(8, "0"), dBm: 60 }));

beforeAll(async () => {
  pipeline = await startPipeline({
    before: async (db, box) => {
      tenant = await createTestTenant(db, box, { maxGateways: GATEWAYS });
    },
    ingest: { heartbeatSeconds: 2 },
  });
}, 180_000);

afterAll(async () => {
  await Promise.all(clients.map((c) => c.close()));
  await pipeline?.stop();
}, 180_000);

async function statsTotal(): Promise<number> {
  await pipeline.worker.flushStats();
  const rows = await pipeline.db.gatewayStats.findMany({ where: { tenantId: tenant.id } });
  return rows.reduce((sum, r) => sum + Number(r.totalTelegramCount), 0);
}

describe("1,000 concurrent gateway connections", () => {
  it("accepts them all and keeps every one usable through several heartbeats", async () => {
    const queue = Array.from({ length: GATEWAYS }, (_, i) => i);
    await Promise.all(
      Array.from({ length: 50 }, async () => {
        for (let i = queue.shift(); i !== undefined; i = queue.shift()) {
          const client = new GenericGatewayClient({ url: `${pipeline.ingestUrl}/gateway/v1`, token: tenant.gatewayToken, gatewayId: `many-${i}`, reconnect: false });
          await client.connect();
          clients.push(client);
        }
      }),
    );
    expect(pipeline.ingest.connections).toBe(GATEWAYS);
    expect(clients.every((c) => c.hello?.licensed)).toBe(true);

    // Every gateway sends a telegram; every one is counted for its gateway.
    clients.forEach((c, i) => c.sendBytes(frame(i, 1)));
    await eventually(async () => (await statsTotal()) === GATEWAYS, 60_000, "a telegram from every gateway");

    // Past a few heartbeats, none was dropped as half-open, and all still deliver.
    await new Promise((r) => setTimeout(r, 5000));
    expect(pipeline.ingest.connections).toBe(GATEWAYS);
    expect(clients.every((c) => c.connected && c.lastClose === undefined)).toBe(true);
    clients.forEach((c, i) => c.sendBytes(frame(i, 2)));
    await eventually(async () => (await statsTotal()) === 2 * GATEWAYS, 60_000, "a second telegram from every gateway");
    const rows = await pipeline.db.gatewayStats.findMany({ where: { tenantId: tenant.id } });
    expect(rows).toHaveLength(GATEWAYS);
    expect(rows.every((r) => r.totalTelegramCount === 2n)).toBe(true);
  }, 240_000);
});
