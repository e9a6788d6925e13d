// When Redis is slow, ingest stops reading gateway sockets instead of buffering without bound,
// and loses nothing once Redis answers again. The test runs its own redis-server and freezes it
// with SIGSTOP.
import { spawn, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import { Queue } from "bullmq";
import { pino } from "pino";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createDb, createGatewayToken, upsertTenant, type Db } from "@tidewire/db";
import { encodeEsp3, encodeRadioErp1 } from "@tidewire/decoder";
import { freePort, GenericGatewayClient } from "@tidewire/testkit";
import { IngestRole } from "../../apps/ingest/src/ingest/ingest-role";
import { telegramBatchSchema, telegramQueueName } from "../../apps/ingest/src/pipeline/queues";
import { createRedis } from "../../apps/ingest/src/redis/connections";
import { eventually } from "../support/message-collector";

const PARTITIONS = 4;
const FRAMES = 6000;
const MAX_HELD = 200;
const MAX_CLAIMS = 300;
let redisServer: ChildProcess;
let redisUrl: string;
let db: Db;
let ingest: IngestRole;
let token: string;
const redis = () => {
  const connection = createRedis(redisUrl);
  connection.on("error", () => {}); // refused while the server starts; retried
  return connection;
};
const prefix = `bp${randomBytes(3).toString("hex")}`;
const connections: { disconnect(): void }[] = [];

beforeAll(async () => {
  const port = await freePort();
  redisServer = spawn("redis-server", ["--port", String(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"], { stdio: "ignore" });
  redisUrl = `redis://127.0.0.1:${port}`;
  const probe = redis();
  connections.push(probe);
  await eventually(() => probe.ping().then((r) => r === "PONG"), 10_000, "the test's redis-server");

  db = createDb(process.env.DATABASE_URL!);
  const tenant = await upsertTenant(db, { slug: `bp-${randomBytes(3).toString("hex")}`, name: "backpressure" });
  token = (await createGatewayToken(db, tenant.id, { name: "bp" })).token;
  const connection = redis();
  connections.push(connection);
  ingest = new IngestRole({
    db,
    redis: connection,
    prefix,
    port: 0,
    host: "127.0.0.1",
    batchMs: 5,
    batchMax: 50,
    partitions: PARTITIONS,
    log: pino({ level: "silent" }),
    gatherMs: 0,
    dedupWindowMs: 200,
    maxInFlightJobs: 4,
    maxHeldFrames: MAX_HELD,
    maxClaimsInFlight: MAX_CLAIMS,
  });
}, 60_000);

afterAll(async () => {
  if (redisServer && redisServer.exitCode === null) redisServer.kill("SIGCONT");
  await Promise.race([ingest?.stop().catch(() => {}), new Promise((r) => setTimeout(r, 15_000))]);
  for (const c of connections) c.disconnect();
  redisServer?.kill("SIGKILL");
  await db?.$disconnect();
});

/** Unique telegrams: a counter in the user data of 100 senders. */
function frame(i: number): Uint8Array {
  const sender = (0x0f000000 + (i % 100)).toString(16).padStart(8, "0");
  return encodeEsp3(encodeRadioErp1({ rorg: 0xa5, data: Uint8Array.of((i >> 16) & 0xff, (i >> 8) & 0xff, i & 0xff, 0x08), sender, dBm: 60 }));
}

describe("backpressure", () => {
  it("stops reading the gateway while Redis is frozen, holds a bounded number of frames, and loses none", async () => {
    const port = await ingest.start();
    const gateway = new GenericGatewayClient({ url: `ws://127.0.0.1:${port}/gateway/v1`, token, gatewayId: "bp-gw", reconnect: false });
    await gateway.connect();

    redisServer.kill("SIGSTOP");
    // Many small messages, as a busy gateway sends them; they pile up in TCP buffers once ingest
    // stops reading.
    for (let i = 0; i < FRAMES; i++) gateway.sendBytes(frame(i));
    await eventually(() => ingest.pausedConnections === 1, 10_000, "ingest to stop reading the socket");
    await new Promise((r) => setTimeout(r, 500));
    const held = ingest.intake.framesInClaim + ingest.batcher.heldFrames;
    expect(held).toBeGreaterThan(0);
    // Bounded: the thresholds plus the rest of the socket read (at most 64 KiB) that was being
    // parsed when ingest paused; a 24-byte frame is 26 bytes on the websocket.
    expect(held).toBeLessThanOrEqual(MAX_CLAIMS + MAX_HELD + Math.ceil(65536 / 26));
    expect(held).toBeLessThan(FRAMES / 2);

    redisServer.kill("SIGCONT");
    const check = redis();
    connections.push(check);
    const queues = Array.from({ length: PARTITIONS }, (_, p) => new Queue(telegramQueueName(p), { connection: check, prefix }));
    const enqueued = async () => {
      let frames = 0;
      for (const q of queues) for (const job of await q.getJobs(["waiting", "prioritized", "delayed"])) frames += telegramBatchSchema.parse(job.data).frames.length;
      return frames;
    };
    await eventually(async () => (await enqueued()) === FRAMES, 30_000, `all ${FRAMES} frames in the queues`);
    expect(ingest.pausedConnections).toBe(0);
    expect(gateway.connected).toBe(true);
    await gateway.close();
    await Promise.all(queues.map((q) => q.close()));
  });
});
