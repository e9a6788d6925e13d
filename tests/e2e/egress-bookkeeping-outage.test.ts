// The delivery machinery's own bookkeeping (dead-letter checks and inserts in PostgreSQL) failing
// for a moment must not lose a batch: the batch is tried again in place, in order, and delivered.
import mqtt from "mqtt";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Db } from "@tidewire/db";
import { deliveryMessage, startMosquitto, type MosquittoInstance } from "@tidewire/testkit";
import { startEgress, type EgressHarness } from "../support/egress-harness";

let egress: EgressHarness;
let broker: MosquittoInstance;
let tenantId: string;
let failuresLeft = 0;
let failed = 0;

/** The database as delivery sees it: dead-letter lookups (plain SQL on "DeadLetter") fail while
 * failuresLeft > 0. */
function flakyDeadLetterLookups(db: Db): Db {
  return new Proxy(db, {
    get(target, prop) {
      const value = Reflect.get(target, prop, target) as unknown;
      if (prop === "$queryRawUnsafe") {
        return async (sql: string, ...values: unknown[]) => {
          if (sql.includes('FROM "DeadLetter"') && failuresLeft > 0) {
            failuresLeft--;
            failed++;
            throw new Error("Can't reach database server at 127.0.0.1:5432");
          }
          return target.$queryRawUnsafe(sql, ...values);
        };
      }
      return typeof value === "function" ? (value as (...args: unknown[]) => unknown).bind(target) : value;
    },
  });
}

beforeAll(async () => {
  broker = await startMosquitto({ users: { tidewire: "tw-pass-123" } });
  egress = await startEgress({ deliveryDb: flakyDeadLetterLookups });
  tenantId = (await egress.tenant("bookkeeping-outage")).id;
});

afterAll(async () => {
  await egress?.stop();
  await broker?.dispose();
});

describe("delivery bookkeeping outage", () => {
  it("retries a batch in place when its database bookkeeping fails, delivering every message in order", async () => {
    const received: number[] = [];
    const client = await mqtt.connectAsync(broker.url, { username: "tidewire", password: "tw-pass-123" });
    client.on("message", (_t, payload) => received.push(JSON.parse(payload.toString()).telemetry.data[0].value));
    await client.subscribeAsync("outage/#", { qos: 1 });
    const target = await egress.target(tenantId, {
      kind: "MQTT",
      name: "bookkeeping",
      config: { url: broker.url, username: "tidewire", topic: "outage/{sourceEurid}", qos: 1 },
      secrets: { password: "tw-pass-123" },
    });
    failuresLeft = 3;
    for (let i = 1; i <= 4; i++) await egress.enqueue(tenantId, target, [deliveryMessage("0a0b0c0d", i)]);
    await egress.waitFor(() => received.length >= 4, 15_000, "all four messages");
    expect(failed).toBe(3);
    expect(received).toEqual([1, 2, 3, 4]);
    await client.endAsync();
  });
});
