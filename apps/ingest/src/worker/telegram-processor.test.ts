import { pino } from "pino";
import { describe, expect, it } from "vitest";
import { DecoderEngine } from "@tidewire/decoder";
import { StatsAccumulator, type DecodeDevice } from "@tidewire/db";
import { createFleet, nextReading, radioFrame, seededRandom } from "@tidewire/testkit";
import type { TelegramBatch } from "../pipeline/queues";
import type { DeviceDirectory } from "./device-directory";
import type { Handover, MessageSink, ProcessedMessage } from "./message-sink";
import { TelegramProcessor } from "./telegram-processor";

describe("TelegramProcessor", () => {
  it("does not judge a secure telegram a replay when its batch is retried in place after a failed write", async () => {
    const [sensor] = createFleet({ sensors: 1, gateways: 1, hearing: 1, secureShare: 1, seed: 3 });
    const reading = nextReading(sensor!, 0, seededRandom(1));
    expect(reading.telegrams).toHaveLength(1);
    const device: DecodeDevice = {
      id: "device-1",
      tenantId: "t1",
      sourceEurid: sensor!.eurid,
      eep: sensor!.eep,
      friendlyId: "secure sensor",
      location: "lab",
      tags: [],
      active: true,
      licensed: true,
      isPTM: false,
      aesKey: sensor!.security!.aesKey,
      slf: sensor!.security!.slf,
    };
    const batch: TelegramBatch = {
      v: 1,
      tenantId: "t1",
      frames: [{ id: "telegram-1", esp3: Buffer.from(radioFrame(reading.telegrams[0]!, sensor!.eurid, 55)).toString("hex"), receptions: [{ gatewayId: "g", gateway: "g", rssi: 55, at: Date.now() }] }],
    };
    const emitted: ProcessedMessage[][] = [];
    let writes = 0;
    const sink = {
      deviceStats: new StatsAccumulator(),
      gatewayStats: new StatsAccumulator(),
      admit: async () => ({ take: () => true }),
      handOver: async (_tenantId: string, parts: Handover) => {
        writes += 1;
        if (writes <= 2) throw new Error("database unavailable");
        emitted.push(parts.send);
      },
    } as unknown as MessageSink;
    const directory = { forTenant: async () => new Map([[sensor!.eurid, device]]) } as unknown as DeviceDirectory;
    // One engine keeps the rolling code state, as the shared Redis store does across attempts.
    const engine = new DecoderEngine();
    const processor = new TelegramProcessor({ createEngine: () => engine, directory, sink, log: pino({ level: "silent" }) });

    const memo = new Map<string, unknown>();
    await expect(processor.process(batch, memo)).rejects.toThrow("database unavailable");
    await expect(processor.process(batch, memo)).rejects.toThrow("database unavailable");
    await processor.process(batch, memo);
    expect(emitted).toHaveLength(1);
    expect(emitted[0]!.map((m) => m.telegramId)).toEqual(["telegram-1"]);
    // Without the memo, the same telegram once more is a replay of an accepted rolling code.
    await processor.process(batch);
    expect(emitted[1]).toEqual([]);
  });

  it("repeats only the part that failed when a batch is retried in place: no second delivery after a failed history write, and the telegram counted once", async () => {
    const [sensor] = createFleet({ sensors: 1, gateways: 1, hearing: 1, secureShare: 0, seed: 4 });
    const reading = nextReading(sensor!, 0, seededRandom(2));
    const device: DecodeDevice = {
      id: "device-2",
      tenantId: "t1",
      sourceEurid: sensor!.eurid,
      eep: sensor!.eep,
      friendlyId: "plain sensor",
      location: "lab",
      tags: [],
      active: true,
      licensed: true,
      isPTM: false,
    };
    const frame = (id: string) => ({
      id,
      esp3: Buffer.from(radioFrame(reading.telegrams[0]!, sensor!.eurid, 55)).toString("hex"),
      receptions: [{ gatewayId: "g", gateway: "g", rssi: 55, at: Date.now() }],
    });
    const sent: string[][] = [];
    const stored: string[][] = [];
    let claimed = 0;
    let storeFailures = 2;
    const deviceStats = new StatsAccumulator();
    const sink = {
      deviceStats,
      gatewayStats: new StatsAccumulator(),
      admit: async (_tenantId: string, wanted: number) => {
        claimed += wanted;
        return { take: () => true };
      },
      handOver: async (_tenantId: string, parts: Handover, done: (part: "send" | "store") => void) => {
        sent.push(parts.send.map((m) => m.telegramId));
        done("send");
        stored.push(parts.store.map((m) => m.telegramId));
        if (storeFailures > 0) {
          storeFailures -= 1;
          throw new Error("database unavailable");
        }
        done("store");
      },
    } as unknown as MessageSink;
    const directory = { forTenant: async () => new Map([[sensor!.eurid, device]]) } as unknown as DeviceDirectory;
    const processor = new TelegramProcessor({ createEngine: () => new DecoderEngine(), directory, sink, log: pino({ level: "silent" }) });

    const memo = new Map<string, unknown>();
    const batch: TelegramBatch = { v: 1, tenantId: "t1", frames: [frame("a")] };
    await expect(processor.process(batch, memo)).rejects.toThrow("database unavailable");
    // The retry takes along a batch that joined the partition meanwhile (look-ahead).
    await expect(processor.process({ ...batch, frames: [frame("a"), frame("b")] }, memo)).rejects.toThrow("database unavailable");
    await processor.process({ ...batch, frames: [frame("a"), frame("b")] }, memo);

    expect(sent).toEqual([["a"], ["b"], []]);
    expect(stored).toEqual([["a"], ["a", "b"], ["a", "b"]]);
    expect(claimed).toBe(2);
    expect(deviceStats.drain()).toMatchObject([{ id: "device-2", total: 2, processed: 2 }]);
  });
});
