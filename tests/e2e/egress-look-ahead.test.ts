/* eslint-disable @typescript-eslint/no-explicit-any -- the tests read received JSON payloads */
// The delivery fast path: a healthy target delivers the batches waiting behind the active one
// together with it. A backlog of many small batches must still arrive complete, in order per
// device, and leave the queue empty (batches taken along are removed only once delivered).
import { Queue } from "bullmq";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { deliveryQueueName, setEgressTargetEnabled } from "@tidewire/egress";
import { deliveryMessage, MqttCollector, startMosquitto, type MosquittoInstance } from "@tidewire/testkit";
import { startEgress, type EgressHarness } from "../support/egress-harness";

let egress: EgressHarness;
let broker: MosquittoInstance;
let tenantId: string;

beforeAll(async () => {
  broker = await startMosquitto();
  egress = await startEgress();
  tenantId = (await egress.tenant("look-ahead-tenant")).id;
});

afterAll(async () => {
  await egress?.stop();
  await broker?.dispose();
});

const DEVICES = ["aaaa0001", "aaaa0002", "aaaa0003"];
const BATCHES = 240;

describe("delivery of a backlog of small batches", () => {
  it("delivers every message in order per device and empties the queue", async () => {
    const consumer = await MqttCollector.connect(broker.url, { clientId: "look-ahead-reader", clean: true });
    await consumer.client.subscribeAsync("la/#", { qos: 1 });
    // Built while the target is disabled: the runner then finds the whole backlog waiting.
    const target = await egress.target(tenantId, { kind: "MQTT", name: "look-ahead", enabled: false, config: { url: broker.url, topic: "la/{sourceEurid}", qos: 1 } });
    const sent = new Map(DEVICES.map((d) => [d, 0]));
    for (let b = 0; b < BATCHES; b++) {
      // One to three messages per batch, devices interleaved across batches.
      const batch = Array.from({ length: 1 + (b % 3) }, (_, i) => {
        const device = DEVICES[(b + i) % DEVICES.length]!;
        sent.set(device, sent.get(device)! + 1);
        return deliveryMessage(device, sent.get(device)!);
      });
      await egress.enqueue(tenantId, target, batch);
    }
    const total = [...sent.values()].reduce((a, b) => a + b, 0);
    await setEgressTargetEnabled(egress.deps, tenantId, target, true);
    await egress.manager.refresh();

    const values = (device: string) =>
      consumer.messages.filter((m) => m.topic === `la/${device}`).map((m) => (JSON.parse(m.payload) as any).telemetry.data[0].value as number);
    const firstSeen = (xs: number[]) => xs.filter((x, i) => xs.indexOf(x) === i);
    await egress.waitFor(() => DEVICES.every((d) => firstSeen(values(d)).length === sent.get(d)), 60_000, `${total} messages`);
    const queue = new Queue(deliveryQueueName(target), { connection: egress.deps.redis, prefix: egress.deps.prefix });
    await egress.waitFor(
      async () => {
        const counts = await queue.getJobCounts("wait", "active");
        return counts.wait === 0 && counts.active === 0;
      },
      15_000,
      "an empty queue",
    );
    await queue.close();
    // A healthy target never fails a delivery here, so nothing is sent twice: the batches taken
    // along left the queue once delivered instead of running again.
    for (const device of DEVICES) {
      expect(values(device)).toEqual(Array.from({ length: sent.get(device)! }, (_, i) => i + 1));
    }
    await consumer.client.endAsync();
  }, 120_000);
});
