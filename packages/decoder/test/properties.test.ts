import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  DecodeError,
  DecoderEngine,
  decodeEep,
  decodeFrame,
  encodeEsp3,
  encodeRadioErp1,
  encodeSecureTelegram,
  Esp3Framer,
  parseEsp3,
  parseSlf,
  profiles,
  splitIntoChain,
  toHex,
  type DecodeOutcome,
  type DeviceSettings,
  type Esp3Packet,
} from "../src/index";
import { parseErp1 } from "../src/erp/erp1";

const KINDS = new Set(["data", "signal", "teachIn", "secureTeachIn", "reassembly", "none", "unsupported", "error"]);
const FRAME = encodeEsp3(
  encodeRadioErp1({ rorg: 0xa5, data: Uint8Array.of(0, 0, 0x50, 0x08), sender: "051b03c9", dBm: 0x50 }),
);

/** Splits `bytes` at the given cut points (any order, duplicates allowed). */
function chunk(bytes: Uint8Array, cuts: number[]): Uint8Array[] {
  const points = [...new Set(cuts.map((c) => c % (bytes.length + 1)))].sort((a, b) => a - b);
  const chunks: Uint8Array[] = [];
  let from = 0;
  for (const point of [...points, bytes.length]) {
    chunks.push(bytes.subarray(from, point));
    from = point;
  }
  return chunks;
}

const packetArb = fc.record({
  type: fc.integer({ min: 0, max: 255 }),
  data: fc.uint8Array({ maxLength: 300 }),
  optionalData: fc.uint8Array({ maxLength: 20 }),
});

const sameBytes = (a: Uint8Array, b: Uint8Array) => toHex(a) === toHex(b);
const samePacket = (a: Esp3Packet, b: Esp3Packet) =>
  a.type === b.type && sameBytes(a.data, b.data) && sameBytes(a.optionalData, b.optionalData);

function expectWellFormed(outcome: DecodeOutcome): void {
  expect(KINDS.has(outcome.kind)).toBe(true);
  if (outcome.kind === "error") expect(outcome.error).toBeInstanceOf(DecodeError);
}

describe("properties", () => {
  describe("ESP3 framer", () => {
    it("never throws on arbitrary bytes in arbitrary chunks, reports only DecodeErrors and accounts for every byte", () => {
      fc.assert(
        fc.property(
          fc.uint8Array({ maxLength: 2000 }),
          fc.array(fc.nat(), { maxLength: 20 }),
          fc.integer({ min: 0, max: 600 }),
          (bytes, cuts, max) => {
            const framer = new Esp3Framer({ maxPacketLength: max });
            let packetBytes = 0;
            for (const part of chunk(bytes, cuts)) {
              const { packets, errors } = framer.push(part);
              for (const e of errors) {
                expect(e).toBeInstanceOf(DecodeError);
                expect(["ESP3_HEADER_CRC", "ESP3_DATA_CRC", "ESP3_TOO_LONG"]).toContain(e.code);
              }
              for (const p of packets) packetBytes += 7 + p.data.length + p.optionalData.length;
            }
            expect(framer.bufferedBytes).toBeLessThanOrEqual(max + 7);
            expect(packetBytes + framer.discardedBytes + framer.bufferedBytes).toBe(bytes.length);
            const flushed = framer.flush();
            for (const p of flushed.packets) packetBytes += 7 + p.data.length + p.optionalData.length;
            expect(framer.bufferedBytes).toBe(0);
            expect(packetBytes + framer.discardedBytes).toBe(bytes.length);
          },
        ),
        { numRuns: 500 },
      );
    });

    it("never stalls: a valid frame after any garbage comes out at the latest when the garbage is outweighed", () => {
      fc.assert(
        fc.property(fc.uint8Array({ maxLength: 600 }), fc.array(fc.nat(), { maxLength: 10 }), (garbage, cuts) => {
          const framer = new Esp3Framer();
          const copies = Math.ceil((512 + 7) / FRAME.length) + 1;
          const stream = Uint8Array.from([...garbage, ...Array.from({ length: copies }, () => [...FRAME]).flat()]);
          const packets = chunk(stream, cuts).flatMap((part) => framer.push(part).packets);
          expect(packets.length).toBeGreaterThan(0);
          expect(toHex(packets.at(-1)!.data)).toBe("a500005008051b03c900");
        }),
        { numRuns: 300 },
      );
    });

    it("releases a frame that follows garbage at the end of the input (flush)", () => {
      fc.assert(
        fc.property(fc.uint8Array({ maxLength: 300 }), (garbage) => {
          const framer = new Esp3Framer();
          const pushed = framer.push(Uint8Array.from([...garbage, ...FRAME])).packets;
          const all = [...pushed, ...framer.flush().packets];
          expect(all.some((p) => toHex(p.data) === "a500005008051b03c900")).toBe(true);
        }),
        { numRuns: 300 },
      );
    });
  });

  describe("round trips", () => {
    it("encodeEsp3 -> parseEsp3 gives back the packet", () => {
      fc.assert(
        fc.property(packetArb, (packet) => {
          expect(samePacket(parseEsp3(encodeEsp3(packet)), packet)).toBe(true);
        }),
      );
    });

    it("encoded packets streamed in arbitrary chunks come out identical and in order", () => {
      fc.assert(
        fc.property(fc.array(packetArb, { maxLength: 8 }), fc.array(fc.nat(), { maxLength: 30 }), (packets, cuts) => {
          const stream = Uint8Array.from(packets.flatMap((p) => [...encodeEsp3(p)]));
          const framer = new Esp3Framer({ maxPacketLength: 400 });
          const out = chunk(stream, cuts).flatMap((part) => framer.push(part).packets);
          expect(out.length).toBe(packets.length);
          out.forEach((p, i) => expect(samePacket(p, packets[i]!)).toBe(true));
        }),
      );
    });

    it("encodeRadioErp1 -> parseErp1 gives back the telegram", () => {
      fc.assert(
        fc.property(
          fc.integer({ min: 0, max: 255 }),
          fc.uint8Array({ maxLength: 14 }),
          fc.uint8Array({ minLength: 4, maxLength: 4 }),
          fc.integer({ min: 0, max: 255 }),
          fc.integer({ min: 0, max: 255 }),
          (rorg, data, sender, status, dBm) => {
            const parsed = parseErp1(encodeRadioErp1({ rorg, data, sender: toHex(sender), status, dBm }));
            expect(parsed.facts.rorg).toBe(rorg);
            expect(toHex(parsed.userData)).toBe(toHex(data));
            expect(parsed.facts.sender).toBe(toHex(sender));
            expect(parsed.statusByte).toBe(status);
            expect(parsed.facts.dBm).toBe(dBm);
          },
        ),
      );
    });

    it("a message chained in arbitrary chunk sizes is reassembled exactly", () => {
      fc.assert(
        fc.property(
          fc.uint8Array({ minLength: 1, maxLength: 200 }),
          fc.integer({ min: 1, max: 13 }),
          fc.integer({ min: 1, max: 13 }),
          fc.integer({ min: 1, max: 3 }),
          (message, firstChunk, size, seq) => {
            fc.pre(Math.ceil(Math.max(0, message.length - firstChunk) / size) < 63);
            const engine = new DecoderEngine();
            const outcomes = splitIntoChain(0xd1, message, { firstChunk, chunk: size, seq }).map((part) =>
              engine.decodeSync(
                encodeRadioErp1({ rorg: part.rorg, data: part.data, sender: "01020304" }),
                () => undefined,
              ),
            );
            expect(outcomes.slice(0, -1).every((o) => o.kind === "none")).toBe(true);
            expect(outcomes.at(-1)).toMatchObject({ kind: "reassembly", rorg: 0xd1, data: toHex(message) });
          },
        ),
      );
    });

    it("a secure telegram of any SLF opens to its plain content", () => {
      const key = "3a0c1b30b0a822a17a28fd01d77abdae";
      fc.assert(
        fc.property(
          fc.constantFrom(0xf3, 0xab, 0xcb, 0xe3, 0x73, 0x6b, 0xf0 | 0x10, 0x13),
          fc.integer({ min: 0, max: 0xffffff }),
          fc.uint8Array({ minLength: 1, maxLength: 30 }),
          (slf, anyRlc, payload) => {
            const bits = parseSlf(slf).rlcBits;
            const rlc = bits === 0 ? 0 : anyRlc % 2 ** bits;
            const sealed = encodeSecureTelegram({ aesKey: key, slf, rlc, rorg: 0xd1, data: payload });
            const message = Uint8Array.from([0x31, ...sealed.data]);
            const device: DeviceSettings = { aesKey: key, slf: slf.toString(16), rlcNext: rlc.toString(16) };
            const parts =
              message.length <= 15
                ? [{ rorg: 0x31, data: sealed.data }]
                : splitIntoChain(undefined, sealed.data, { seq: 1 });
            const engine = new DecoderEngine();
            const outcomes = parts.map((part) =>
              engine.decodeSync(
                encodeRadioErp1({ rorg: part.rorg, data: part.data, sender: "0519a7c2" }),
                () => device,
              ),
            );
            expect(outcomes.at(-1)).toMatchObject({ kind: "reassembly", rorg: 0xd1, data: toHex(payload) });
          },
        ),
        { numRuns: 300 },
      );
    });
  });

  describe("robustness", () => {
    const deviceArb: fc.Arbitrary<DeviceSettings | undefined> = fc.option(
      fc.record(
        {
          eep: fc.oneof(fc.constantFrom(...profiles.map((p) => p.eep)), fc.string()),
          aesKey: fc.oneof(fc.constant("3a0c1b30b0a822a17a28fd01d77abdae"), fc.string()),
          slf: fc.oneof(fc.constantFrom("f3", "ab", "8b", "cb", "00", "ff"), fc.string()),
          isPTM: fc.boolean(),
          psk: fc.oneof(fc.constant("3410de8f1aba3eff9f5a117172eacabd"), fc.string()),
          rlcNext: fc.oneof(fc.constantFrom("00000010", "c0ffee"), fc.string()),
        },
        { requiredKeys: [] },
      ),
      { nil: undefined },
    );

    it("the engine never throws and returns a well-formed outcome for any radio packet and device", () => {
      fc.assert(
        fc.property(
          fc.constantFrom(0x01, 0x0a, 0x02, 0x03),
          fc.oneof(
            fc.uint8Array({ maxLength: 40 }),
            fc
              .tuple(
                fc.constantFrom(0xf6, 0xd5, 0xa5, 0xd2, 0xd0, 0xd4, 0xd1, 0xa6, 0x40, 0x30, 0x31, 0x33, 0x35),
                fc.uint8Array({ maxLength: 20 }),
              )
              .map(([rorg, rest]) => Uint8Array.from([rorg, ...rest])),
          ),
          fc.uint8Array({ maxLength: 8 }),
          fc.array(deviceArb, { minLength: 1, maxLength: 4 }),
          (type, data, optionalData, devices) => {
            const engine = new DecoderEngine();
            for (const device of devices)
              expectWellFormed(engine.decodeSync({ type, data, optionalData }, () => device));
          },
        ),
        { numRuns: 2000 },
      );
    });

    it("decodeFrame never throws for any string", () => {
      fc.assert(
        fc.property(
          fc.oneof(
            fc.string(),
            fc.uint8Array({ maxLength: 60 }).map((b) => toHex(b)),
          ),
          (text) => {
            expectWellFormed(decodeFrame(text, { eep: "A5-09-09" }));
          },
        ),
      );
    });

    it("every profile decodes any payload of its length or rejects it with EEP_DECODE_ERROR", () => {
      for (const profile of profiles) {
        fc.assert(
          fc.property(fc.uint8Array({ maxLength: 10 }), fc.integer({ min: 0, max: 255 }), (payload, status) => {
            try {
              const entries = decodeEep(profile.eep, payload, status);
              for (const e of entries) expect(profile.fields.some((f) => f.key === e.key)).toBe(true);
            } catch (error) {
              expect(error).toBeInstanceOf(DecodeError);
              expect((error as DecodeError).code).toBe("EEP_DECODE_ERROR");
            }
          }),
          { numRuns: 60 },
        );
      }
    });
  });
});
