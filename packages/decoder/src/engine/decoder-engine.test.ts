import { describe, expect, it } from "vitest";
import { splitIntoChain } from "../chain/chain-encode";
import { MemoryChainStore, type ChainStore } from "../chain/chain-store";
import { encodeRadioErp1 } from "../erp/erp1-encode";
import type { Esp3Packet } from "../esp3/packet";
import { fromHex } from "../hex";
import { MemoryRlcStore, type RlcStore } from "../security/rlc-store";
import { encodeSecureTeachIn, encodeSecureTelegram } from "../security/secure-encode";
import { DecoderEngine } from "./decoder-engine";
import type { DeviceSettings } from "./device-settings";
import type { DecodeOutcome } from "./outcome";

const SENDER = "0519a7c2";
const KEY = "3a0c1b30b0a822a17a28fd01d77abdae";
const SECURE_DEVICE: DeviceSettings = { eep: "A5-09-09", aesKey: KEY, slf: "f3", rlcNext: "00000010" };

const radio = (rorg: number, data: string, extra: { status?: number; sender?: string } = {}): Esp3Packet =>
  encodeRadioErp1({ rorg, data: fromHex(data), sender: extra.sender ?? SENDER, status: extra.status ?? 0, dBm: 0x45 });
const secure = (rlc: number, rorg = 0xa5, data = "00005008", slf = 0xf3) => {
  const sealed = encodeSecureTelegram({ aesKey: KEY, slf, rlc, rorg, data: fromHex(data) });
  return radio(sealed.rorg, Buffer.from(sealed.data).toString("hex"));
};
const device = (settings: DeviceSettings | undefined) => () => settings;
const errorCode = (outcome: DecodeOutcome) =>
  outcome.kind === "error" ? outcome.error.code : `no error: ${outcome.kind}`;

describe("DecoderEngine", () => {
  describe("packet types", () => {
    it("reports non-radio packets as unsupported, never as errors", () => {
      const engine = new DecoderEngine();
      for (const [type, name] of [
        [0x02, "RESPONSE"],
        [0x04, "EVENT"],
        [0x09, "RADIO_MESSAGE"],
        [0x10, "RADIO_802_15_4"],
        [0x80, "MANUFACTURER_SPECIFIC"],
        [0x0b, "RESERVED"],
      ] as const) {
        const outcome = engine.decodeSync(
          { type, data: fromHex("00"), optionalData: new Uint8Array(0) },
          device(undefined),
        );
        expect(outcome).toMatchObject({
          kind: "unsupported",
          code: "UNSUPPORTED_PACKET_TYPE",
          packetType: type,
          packetTypeName: name,
        });
      }
    });

    it("reports a radio packet too short to be a telegram as an error without telegram facts", () => {
      const outcome = new DecoderEngine().decodeSync(
        { type: 1, data: fromHex("f6"), optionalData: new Uint8Array(0) },
        device(undefined),
      );
      expect(outcome).toMatchObject({ kind: "error", telegram: undefined });
      expect(errorCode(outcome)).toBe("TELEGRAM_MALFORMED");
    });

    it("reports R-ORGs it does not decode as unsupported, with the telegram facts", () => {
      const engine = new DecoderEngine();
      for (const rorg of [0xc5, 0xc6, 0xa7, 0xb0, 0x34, 0x32, 0x99]) {
        const outcome = engine.decodeSync(radio(rorg, "0102"), device({ eep: "A5-09-09" }));
        expect(outcome, rorg.toString(16)).toMatchObject({ kind: "unsupported", code: "UNSUPPORTED_RORG" });
        expect(outcome.kind === "unsupported" && outcome.telegram?.sender).toBe(SENDER);
      }
    });
  });

  describe("content", () => {
    it("decodes a data telegram with the device's EEP and carries the raw facts", () => {
      const outcome = new DecoderEngine().decodeSync(
        radio(0xa5, "00005008", { status: 0x01 }),
        device({ eep: "a5-09-09" }),
      );
      expect(outcome).toMatchObject({ kind: "data", eep: "A5-09-09", security: undefined, chain: undefined });
      expect(outcome.kind === "data" && outcome.telegram).toMatchObject({
        rorg: 0xa5,
        data: "a500005008",
        sender: SENDER,
        status: "01",
        repeaterCount: 1,
        dBm: 0x45,
      });
    });

    it("looks the device up by the sender EURID", () => {
      const asked: string[] = [];
      new DecoderEngine().decodeSync(radio(0xd5, "09", { sender: "01825dab" }), (eurid) => {
        asked.push(eurid);
        return { eep: "D5-00-01" };
      });
      expect(asked).toEqual(["01825dab"]);
    });

    it("reports a teach-in telegram as teach-in even when the device has an EEP", () => {
      const outcome = new DecoderEngine().decodeSync(radio(0xa5, "24480b80"), device({ eep: "A5-09-09" }));
      expect(outcome).toMatchObject({
        kind: "teachIn",
        teachIn: { teachInType: "4BS", eep: "A5-09-09", manufacturerId: "00B" },
      });
    });

    it("produces nothing for a data telegram of a device without EEP and for manufacturer-specific data", () => {
      const engine = new DecoderEngine();
      expect(engine.decodeSync(radio(0xa5, "00005008"), device(undefined))).toMatchObject({
        kind: "none",
        reason: "noEep",
      });
      expect(engine.decodeSync(radio(0xd1, "07900102"), device({ eep: "A5-09-09" }))).toMatchObject({
        kind: "none",
        reason: "manufacturerSpecific",
      });
    });

    it("names unknown EEPs and telegrams that do not fit the EEP", () => {
      const engine = new DecoderEngine();
      expect(errorCode(engine.decodeSync(radio(0xa5, "00005008"), device({ eep: "A5-99-99" })))).toBe(
        "EEP_NOT_FOUND_ERROR",
      );
      expect(errorCode(engine.decodeSync(radio(0xd5, "09"), device({ eep: "A5-09-09" })))).toBe("EEP_DECODE_ERROR");
      expect(errorCode(engine.decodeSync(radio(0xd2, "0011"), device({ eep: "D2-14-41" })))).toBe("EEP_DECODE_ERROR");
    });

    it("decodes SIGNAL telegrams whatever the device's EEP", () => {
      const outcome = new DecoderEngine().decodeSync(radio(0xd0, "0638"), device({ eep: "D2-14-41" }));
      expect(outcome).toMatchObject({
        kind: "signal",
        mid: 6,
        sensorHealth: [{ key: "energy", value: 56, unit: "%" }],
      });
      expect(errorCode(new DecoderEngine().decodeSync(radio(0xd0, "06"), device(undefined)))).toBe(
        "SIGNAL_DECODE_ERROR",
      );
    });

    it("refuses RPS profiles that need the status bits for ERP2 telegrams, but decodes the others", () => {
      const erp2 = (data: string) => ({
        type: 0x0a,
        data: fromHex(`20${SENDER}${data}00`),
        optionalData: fromHex("0140"),
      });
      const engine = new DecoderEngine();
      expect(errorCode(engine.decodeSync(erp2("30"), device({ eep: "F6-03-02" })))).toBe("EEP_DECODE_ERROR");
      expect(engine.decodeSync(erp2("10"), device({ eep: "F6-01-01" }))).toMatchObject({
        kind: "data",
        data: [{ key: "pushButton", value: "pressed" }],
      });
    });
  });

  describe("addressing and chaining", () => {
    it("unwraps an addressed telegram and keeps the inner destination", () => {
      const outcome = new DecoderEngine().decodeSync(radio(0xa6, "d5080190aabb"), device({ eep: "D5-00-01" }));
      expect(outcome).toMatchObject({
        kind: "data",
        telegram: { rorg: 0xa6, data: "a6d5080190aabb", adtDestination: "0190aabb" },
      });
    });

    it("rejects an addressed telegram inside an addressed telegram", () => {
      expect(errorCode(new DecoderEngine().decodeSync(radio(0xa6, "a6d5080190aabb0190aabb"), device(undefined)))).toBe(
        "TELEGRAM_MALFORMED",
      );
    });

    it("decodes a chained VLD telegram on its last fragment and reports the chain", () => {
      const engine = new DecoderEngine();
      const parts = splitIntoChain(0xd2, fromHex("9fce800863b502a620"), { seq: 3, firstChunk: 4, chunk: 3 });
      const outcomes = parts.map((p) =>
        engine.decodeSync(radio(p.rorg, Buffer.from(p.data).toString("hex")), device({ eep: "D2-14-41" })),
      );
      expect(outcomes.slice(0, -1).map((o) => o.kind)).toEqual(["none", "none"]);
      expect(outcomes.at(-1)).toMatchObject({ kind: "data", chain: { chainRorg: 0x40, seq: 3, fragments: 3 } });
    });

    it("reports a fragment that arrives after the chain timed out", () => {
      let now = 0;
      const engine = new DecoderEngine({ chainTimeoutMs: 1000, now: () => now });
      const [first, second] = splitIntoChain(0xd2, fromHex("9fce800863b502a620"), { firstChunk: 5, chunk: 4 });
      engine.decodeSync(radio(0x40, Buffer.from(first!.data).toString("hex")), device({ eep: "D2-14-41" }));
      now = 1500;
      const late = engine.decodeSync(
        radio(0x40, Buffer.from(second!.data).toString("hex")),
        device({ eep: "D2-14-41" }),
      );
      expect(errorCode(late)).toBe("CHAIN_TIMEOUT");
      expect(late.kind === "error" && late.telegram?.sender).toBe(SENDER);
    });

    it("reports a chained message without EEP as reassembly", () => {
      const engine = new DecoderEngine();
      const parts = splitIntoChain(0xd1, fromHex("0790010203040506070809"));
      const last = parts
        .map((p) => engine.decodeSync(radio(p.rorg, Buffer.from(p.data).toString("hex")), device(undefined)))
        .at(-1);
      expect(last).toMatchObject({ kind: "reassembly", rorg: 0xd1, data: "0790010203040506070809" });
    });
  });

  describe("security", () => {
    it("verifies, decrypts and decodes a SEC_R telegram and advances the RLC", () => {
      const rlcStore = new MemoryRlcStore();
      const engine = new DecoderEngine({ rlcStore });
      const outcome = engine.decodeSync(secure(0x10), device(SECURE_DEVICE));
      expect(outcome).toMatchObject({
        kind: "data",
        data: [{ key: "co2", value: 627.45 }, { key: "learn" }, { key: "powerFailureDetected" }],
        security: {
          slf: "f3",
          rlc: "00000010",
          implicitRlc: false,
          cmacLength: 4,
          encrypted: true,
          decryptedRorg: 0xa5,
          decryptedData: "00005008",
        },
      });
      expect(rlcStore.get(SENDER)).toBe(0x11);
      expect(errorCode(engine.decodeSync(secure(0x10), device(SECURE_DEVICE)))).toBe("RLC_REPLAY");
      expect(engine.decodeSync(secure(0x11), device(SECURE_DEVICE)).kind).toBe("data");
    });

    it("gives each security failure its own code", () => {
      const engine = new DecoderEngine({ explicitRlcWindow: 1000 });
      expect(errorCode(engine.decodeSync(secure(0x10), device({ eep: "A5-09-09" })))).toBe("NO_KEY");
      expect(errorCode(engine.decodeSync(secure(0x10), device(undefined)))).toBe("NO_KEY");
      expect(errorCode(engine.decodeSync(secure(0x10), device({ ...SECURE_DEVICE, slf: undefined })))).toBe(
        "SECURITY_CONFIG_INVALID",
      );
      expect(errorCode(engine.decodeSync(secure(0x10), device({ ...SECURE_DEVICE, aesKey: "abc" })))).toBe(
        "SECURITY_CONFIG_INVALID",
      );
      expect(errorCode(engine.decodeSync(secure(0x10), device({ ...SECURE_DEVICE, slf: "f4" })))).toBe(
        "SECURITY_UNSUPPORTED",
      );
      expect(errorCode(engine.decodeSync(secure(0x10), device({ ...SECURE_DEVICE, aesKey: "00".repeat(16) })))).toBe(
        "MAC_VALIDATION_ERROR",
      );
      expect(errorCode(engine.decodeSync(secure(0x5000), device(SECURE_DEVICE)))).toBe("RLC_OUT_OF_WINDOW");
      expect(errorCode(engine.decodeSync(radio(0xa5, "00005008"), device(SECURE_DEVICE)))).toBe(
        "DEVICE_SEND_NOW_UNSECURE",
      );
    });

    it("searches implicit RLCs within the configured window", () => {
      const implicit = { ...SECURE_DEVICE, slf: "8b", rlcNext: "000100" };
      const telegram = secure(0x100 + 20, 0xa5, "00005008", 0x8b);
      expect(errorCode(new DecoderEngine({ rlcWindow: 16 }).decodeSync(telegram, device(implicit)))).toBe(
        "MAC_VALIDATION_ERROR",
      );
      expect(new DecoderEngine({ rlcWindow: 32 }).decodeSync(telegram, device(implicit))).toMatchObject({
        kind: "data",
        security: { rlc: "000114", implicitRlc: true },
      });
    });

    it("unwraps an addressed secure telegram", () => {
      const sealed = encodeSecureTelegram({ aesKey: KEY, slf: 0xab, rlc: 0x20, rorg: 0xd5, data: fromHex("09") });
      const adt = Uint8Array.from([0x31, ...sealed.data, 0x01, 0x90, 0xaa, 0xbb]);
      const outcome = new DecoderEngine().decodeSync(
        radio(0xa6, Buffer.from(adt).toString("hex")),
        device({ eep: "D5-00-01", aesKey: KEY, slf: "ab" }),
      );
      expect(outcome).toMatchObject({
        kind: "data",
        eep: "D5-00-01",
        telegram: { adtDestination: "0190aabb" },
        security: { rlc: "000020" },
      });
    });

    it("decodes secure signal telegrams", () => {
      const outcome = new DecoderEngine().decodeSync(secure(0x10, 0xd0, "0d01"), device(SECURE_DEVICE));
      expect(outcome).toMatchObject({ kind: "signal", mid: 0x0d, security: { decryptedRorg: 0xd0 } });
    });

    it("reports a secure message without EEP as reassembly with its decrypted content", () => {
      const outcome = new DecoderEngine().decodeSync(secure(0x10), device({ ...SECURE_DEVICE, eep: undefined }));
      expect(outcome).toMatchObject({
        kind: "reassembly",
        rorg: 0xa5,
        data: "00005008",
        security: { rlc: "00000010" },
      });
    });

    it("collects a secure teach-in over two telegrams, for a device not onboarded yet", () => {
      const engine = new DecoderEngine();
      const parts = encodeSecureTeachIn({ slf: 0xf3, rlc: 5, aesKey: KEY });
      const first = engine.decodeSync(radio(0x35, Buffer.from(parts[0]!).toString("hex")), device(undefined));
      expect(first).toMatchObject({ kind: "none", reason: "secureTeachInPart" });
      const second = engine.decodeSync(radio(0x35, Buffer.from(parts[1]!).toString("hex")), device(undefined));
      expect(second).toMatchObject({
        kind: "secureTeachIn",
        secureTeachIn: { slf: 0xf3, rlcHex: "00000005", aesKey: KEY },
      });
    });

    it("asks for the pre-shared key when the teach-in is encrypted with one", () => {
      const engine = new DecoderEngine();
      const parts = encodeSecureTeachIn({ slf: 0xf3, rlc: 5, aesKey: KEY, psk: "3410de8f1aba3eff9f5a117172eacabd" });
      engine.decodeSync(radio(0x35, Buffer.from(parts[0]!).toString("hex")), device(undefined));
      expect(errorCode(engine.decodeSync(radio(0x35, Buffer.from(parts[1]!).toString("hex")), device(undefined)))).toBe(
        "NO_PSK",
      );
    });
  });

  describe("synchronous and asynchronous stores", () => {
    it("stays synchronous with memory stores and a synchronous resolver", () => {
      const result = new DecoderEngine().decode(secure(0x10), device(SECURE_DEVICE));
      expect(result).not.toBeInstanceOf(Promise);
    });

    it("returns a promise when the resolver or a store answers with one", async () => {
      const asyncResolver = new DecoderEngine().decode(radio(0xa5, "00005008"), async () => ({ eep: "A5-09-09" }));
      expect(asyncResolver).toBeInstanceOf(Promise);
      expect(await asyncResolver).toMatchObject({ kind: "data" });

      const inner = new MemoryRlcStore();
      const rlcStore: RlcStore = {
        get: async (id) => inner.get(id),
        compareAndSet: async (id, expected, next) => inner.compareAndSet(id, expected, next),
      };
      const chains = new MemoryChainStore();
      const chainStore: ChainStore = {
        put: async (k, f, o) => chains.put(k, f, o),
        delete: async (k) => chains.delete(k),
      };
      const engine = new DecoderEngine({ rlcStore, chainStore });
      expect(await engine.decodeAsync(secure(0x10), device(SECURE_DEVICE))).toMatchObject({ kind: "data" });
      expect(await engine.decodeAsync(secure(0x10), device(SECURE_DEVICE))).toMatchObject({
        kind: "error",
        error: { code: "RLC_REPLAY" },
      });
      const parts = splitIntoChain(0xd2, fromHex("9fce800863b502a620"), { firstChunk: 5, chunk: 4 });
      const outcomes = [];
      for (const p of parts)
        outcomes.push(
          await engine.decodeAsync(radio(p.rorg, Buffer.from(p.data).toString("hex")), device({ eep: "D2-14-41" })),
        );
      expect(outcomes.map((o) => o.kind)).toEqual(["none", "data"]);
    });

    it("refuses decodeSync when something answered asynchronously", () => {
      expect(() => new DecoderEngine().decodeSync(radio(0xa5, "00005008"), async () => ({ eep: "A5-09-09" }))).toThrow(
        TypeError,
      );
    });

    it("rejects when a store fails, so the job can be retried, instead of reporting a bad telegram", async () => {
      const failing: RlcStore = {
        get: async () => {
          throw new Error("redis down");
        },
        compareAndSet: async () => false,
      };
      await expect(
        new DecoderEngine({ rlcStore: failing }).decodeAsync(secure(0x10), device(SECURE_DEVICE)),
      ).rejects.toThrow("redis down");
      const throwing: RlcStore = {
        get: () => {
          throw new Error("redis down");
        },
        compareAndSet: () => false,
      };
      expect(() => new DecoderEngine({ rlcStore: throwing }).decode(secure(0x10), device(SECURE_DEVICE))).toThrow(
        "redis down",
      );
    });
  });

  it("refuses a window smaller than one", () => {
    expect(() => new DecoderEngine({ rlcWindow: 0 })).toThrow(RangeError);
  });
});
