// The worker's part of licensing and learn mode: the license's daily message limit drops what is
// over it (counted, shown in the daily usage), and teach-in telegrams are announced for learn mode.
import { channels, type TeachInEvent } from "@tidewire/config";
import { encodeEsp3 } from "@tidewire/decoder";
import { createGatewayToken, issueLicense, upsertDevice } from "@tidewire/db";
import { createTenantFixture } from "@tidewire/testkit";
import { Redis } from "ioredis";
import WebSocket from "ws";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startPipeline, type Pipeline } from "../support/pipeline-harness";

let pipeline: Pipeline;
let tenantId: string;
let token: string;
let ws: WebSocket;

const co2Frame = (rawCo2: number) =>
  Buffer.from(
    encodeEsp3({
      type: 1,
      data: Buffer.from(`a50000${rawCo2.toString(16).padStart(2, "0")}08051b03c901`, "hex"),
      optionalData: Uint8Array.from([0, 0xff, 0xff, 0xff, 0xff, 60, 0]),
    }),
  );

async function until<T>(read: () => Promise<T>, ok: (value: T) => boolean, timeoutMs = 10_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (ok(value) || Date.now() > deadline) return value;
    await new Promise((r) => setTimeout(r, 100));
  }
}

beforeAll(async () => {
  pipeline = await startPipeline();
  const fx = await createTenantFixture(pipeline.db, "quota");
  tenantId = fx.tenant.id;
  const now = new Date();
  await issueLicense(
    pipeline.db,
    tenantId,
    { maxDevices: 10, maxGateways: 2, maxMessagesPerDay: 2, retentionDays: 30, validFrom: new Date(now.getTime() - 60_000), validUntil: new Date(now.getTime() + 86_400_000) },
    process.env.LICENSE_SIGNING_KEY!,
  );
  await upsertDevice(pipeline.db, pipeline.box, tenantId, { sourceEurid: "051b03c9", eep: "A5-09-09", friendlyId: "co2" });
  token = (await createGatewayToken(pipeline.db, tenantId, { name: "gw" })).token;
  ws = await new Promise<WebSocket>((resolve, reject) => {
    const socket = new WebSocket(`${pipeline.ingestUrl}/gateway/v1`, { headers: { authorization: `Bearer ${token}`, "x-gateway-id": "quota-gw" } });
    socket.once("open", () => resolve(socket));
    socket.once("error", reject);
  });
});

afterAll(async () => {
  ws?.close();
  await pipeline?.stop();
});

describe("the license's daily message limit", () => {
  it("processes messages up to the limit and drops the rest, counted as not processed and as dropped today", async () => {
    for (const raw of [0x50, 0x60, 0x70]) {
      ws.send(co2Frame(raw));
      // Different readings, sent apart: three telegrams, not duplicates of one.
      await new Promise((r) => setTimeout(r, 400));
    }
    const device = await pipeline.db.device.findFirstOrThrow({ where: { tenantId, sourceEurid: "051b03c9" } });
    const stats = await until(
      async () => {
        await pipeline.worker.flushStats();
        return pipeline.db.deviceStats.findUnique({ where: { deviceId: device.id } });
      },
      (s) => Number(s?.totalTelegramCount ?? 0) === 3,
    );
    expect(stats).toMatchObject({ totalTelegramCount: 3n, successfullyProcessed: 2n, notProcessed: 1n });
    expect(stats?.notProcessedByReason).toEqual({ LICENSE_MESSAGES: 1 });
    expect(await pipeline.db.telemetryRecord.count({ where: { deviceId: device.id } })).toBe(2);
    const usage = await pipeline.db.tenantDailyUsage.findFirstOrThrow({ where: { tenantId } });
    expect({ messages: Number(usage.messages), dropped: Number(usage.dropped) }).toEqual({ messages: 2, dropped: 1 });
  });
});

describe("learn mode", () => {
  it("announces a teach-in telegram of a device that is not onboarded, with the EEP it names", async () => {
    const subscriber = new Redis(process.env.REDIS_URL!);
    const events: TeachInEvent[] = [];
    subscriber.on("message", (_channel: string, payload: string) => events.push(JSON.parse(payload) as TeachInEvent));
    await subscriber.subscribe(channels.teachIn(pipeline.prefix, tenantId));
    // kipe's A5-02-05 4BS teach-in (variation 2: FUNC 02, TYPE 05, manufacturer 0x046).
    ws.send(Buffer.from("55000a0701eba508284680018a7b300001ffffffff490026", "hex"));
    const announced = await until(async () => events, (e) => e.length > 0);
    subscriber.disconnect();
    expect(announced).toEqual([
      {
        sourceEurid: "018a7b30",
        eep: "A5-02-05",
        manufacturerId: "046",
        teachInType: "4BS",
        seenAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
        rssi: 0x49,
        gateway: "quota-gw",
      },
    ]);
  });
});
