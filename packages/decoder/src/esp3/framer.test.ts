import { describe, expect, it } from "vitest";
import { fromHex, toHex } from "../hex";
import { encodeEsp3 } from "./encode";
import { Esp3Framer } from "./framer";

const MULTISENSOR = fromHex("55000f07012bd29fce800863b502a62004138bb48000ffffffff4d0025");
const CO2 = fromHex("55000a0701eba500005008051b03c90100ffffffff500090");
const RESPONSE = fromHex("5500010002650000");

const concat = (...parts: Uint8Array[]) => Uint8Array.from(parts.flatMap((p) => [...p]));
const hexOf = (packets: { data: Uint8Array }[]) => packets.map((p) => toHex(p.data));

describe("Esp3Framer", () => {
  it("emits a frame pushed in one chunk with its type, data and optional data", () => {
    const framer = new Esp3Framer();
    const { packets, errors, discardedBytes } = framer.push(MULTISENSOR);
    expect(errors).toEqual([]);
    expect(discardedBytes).toBe(0);
    expect(packets).toHaveLength(1);
    expect(packets[0]!.type).toBe(1);
    expect(toHex(packets[0]!.data)).toBe("d29fce800863b502a62004138bb480");
    expect(toHex(packets[0]!.optionalData)).toBe("00ffffffff4d00");
    expect(framer.bufferedBytes).toBe(0);
  });

  it("emits several frames that share one chunk, in order", () => {
    const { packets } = new Esp3Framer().push(concat(MULTISENSOR, CO2, RESPONSE));
    expect(packets.map((p) => p.type)).toEqual([1, 1, 2]);
    expect(toHex(packets[1]!.data)).toBe("a500005008051b03c901");
  });

  it("reassembles a frame split at every possible boundary", () => {
    for (let cut = 1; cut < MULTISENSOR.length; cut++) {
      const framer = new Esp3Framer();
      const first = framer.push(MULTISENSOR.subarray(0, cut));
      expect(first.packets).toHaveLength(0);
      expect(framer.bufferedBytes).toBe(cut);
      const second = framer.push(MULTISENSOR.subarray(cut));
      expect(second.packets, `cut at ${cut}`).toHaveLength(1);
      expect(second.errors).toEqual([]);
      expect(framer.bufferedBytes).toBe(0);
    }
  });

  it("accepts a stream fed one byte at a time", () => {
    const framer = new Esp3Framer();
    const stream = concat(CO2, MULTISENSOR, CO2);
    const packets = [...stream].flatMap((byte) => framer.push(Uint8Array.of(byte)).packets);
    expect(hexOf(packets)).toEqual(hexOf(new Esp3Framer().push(stream).packets));
    expect(packets).toHaveLength(3);
  });

  it("skips garbage before the sync byte and counts it as discarded", () => {
    const framer = new Esp3Framer();
    const { packets, errors, discardedBytes } = framer.push(concat(fromHex("0011a5ff"), CO2));
    expect(packets).toHaveLength(1);
    expect(errors).toEqual([]);
    expect(discardedBytes).toBe(4);
    expect(framer.discardedBytes).toBe(4);
  });

  it("treats a 0x55 whose header CRC fails as garbage and resynchronises on the next one", () => {
    const { packets, errors, discardedBytes } = new Esp3Framer().push(concat(fromHex("005512"), CO2));
    expect(packets).toHaveLength(1);
    expect(errors.map((e) => e.code)).toEqual(["ESP3_HEADER_CRC"]);
    expect(discardedBytes).toBe(3);
  });

  it("drops a frame with a bad data CRC and keeps the next good frame", () => {
    const bad = MULTISENSOR.slice();
    bad[bad.length - 1] = bad[bad.length - 1]! ^ 0xff;
    const { packets, errors } = new Esp3Framer().push(concat(bad, CO2));
    expect(errors.map((e) => e.code)).toEqual(["ESP3_DATA_CRC"]);
    expect(hexOf(packets)).toEqual(["a500005008051b03c901"]);
  });

  it("finds a good frame hidden inside the bytes claimed by a truncated frame", () => {
    // The first frame lost its last 10 bytes; its header still claims them, so the CO2 frame that
    // follows is read as its tail. The data CRC fails and the rescan finds the CO2 frame.
    const truncated = MULTISENSOR.subarray(0, MULTISENSOR.length - 10);
    const framer = new Esp3Framer();
    const result = framer.push(concat(truncated, CO2));
    expect(result.errors.map((e) => e.code)).toEqual(["ESP3_DATA_CRC"]);
    expect(hexOf(result.packets)).toEqual(["a500005008051b03c901"]);
  });

  it("rejects a header announcing more than maxPacketLength bytes and resynchronises", () => {
    const long = encodeEsp3({ type: 7, data: new Uint8Array(40), optionalData: new Uint8Array(0) });
    const framer = new Esp3Framer({ maxPacketLength: 32 });
    const { packets, errors } = framer.push(concat(long, CO2));
    expect(errors[0]!.code).toBe("ESP3_TOO_LONG");
    expect(errors[0]!.details).toMatchObject({ length: 40, max: 32 });
    expect(packets.map((p) => p.type)).toEqual([1]);
  });

  it("waits for the rest of a frame without reporting anything", () => {
    const framer = new Esp3Framer();
    const result = framer.push(MULTISENSOR.subarray(0, 10));
    expect(result).toEqual({ packets: [], errors: [], discardedBytes: 0 });
    expect(framer.bufferedBytes).toBe(10);
  });

  it("reports the buffered remainder as truncated on flush and finds frames after it", () => {
    const framer = new Esp3Framer();
    framer.push(MULTISENSOR.subarray(0, 10));
    const flushed = framer.flush();
    expect(flushed.errors.map((e) => e.code)).toEqual(["ESP3_TRUNCATED"]);
    expect(framer.bufferedBytes).toBe(0);
    expect(framer.push(CO2).packets).toHaveLength(1);
  });

  it("emits on flush a complete frame that was stuck behind a false header", () => {
    // A false sync byte with a valid-looking header announcing 100 bytes, then a real frame. The
    // stream parser must wait (the false header might be real); the end of input releases the frame.
    const falseHeader = encodeEsp3({ type: 9, data: new Uint8Array(100), optionalData: new Uint8Array(0) }).subarray(
      0,
      6,
    );
    const framer = new Esp3Framer();
    expect(framer.push(concat(falseHeader, CO2)).packets).toHaveLength(0);
    const flushed = framer.flush();
    expect(flushed.errors.map((e) => e.code)).toEqual(["ESP3_TRUNCATED"]);
    expect(hexOf(flushed.packets)).toEqual(["a500005008051b03c901"]);
  });

  it("keeps its state across pushes when a header is complete but the body is not", () => {
    const framer = new Esp3Framer();
    framer.push(CO2.subarray(0, 6));
    framer.push(CO2.subarray(6, 12));
    expect(framer.push(CO2.subarray(12)).packets).toHaveLength(1);
  });

  it("drops buffered bytes on reset and counts them", () => {
    const framer = new Esp3Framer();
    framer.push(MULTISENSOR.subarray(0, 9));
    expect(framer.reset()).toBe(9);
    expect(framer.bufferedBytes).toBe(0);
    expect(framer.discardedBytes).toBe(9);
    expect(framer.push(MULTISENSOR.subarray(9)).packets).toHaveLength(0);
    expect(framer.push(CO2).packets).toHaveLength(1);
  });

  it("reports stream offsets in its errors", () => {
    const framer = new Esp3Framer();
    framer.push(fromHex("0000"));
    const { errors } = framer.push(fromHex("551234567890"));
    expect(errors[0]!.details).toEqual({ streamOffset: 2 });
  });

  it("does not keep a reference to the caller's chunk", () => {
    const chunk = MULTISENSOR.slice();
    const framer = new Esp3Framer();
    const { packets } = framer.push(chunk);
    chunk.fill(0);
    expect(toHex(packets[0]!.data)).toBe("d29fce800863b502a62004138bb480");
  });

  it("copies out of Node.js Buffers, whose slice() would share the caller's memory", () => {
    const framer = new Esp3Framer();
    const chunk = Buffer.from([...MULTISENSOR, ...CO2.subarray(0, 10)]);
    const { packets } = framer.push(chunk);
    chunk.fill(0);
    expect(toHex(packets[0]!.data)).toBe("d29fce800863b502a62004138bb480");
    expect(toHex(framer.push(CO2.subarray(10)).packets[0]!.data)).toBe("a500005008051b03c901");
  });

  it("ignores empty chunks", () => {
    expect(new Esp3Framer().push(new Uint8Array(0))).toEqual({ packets: [], errors: [], discardedBytes: 0 });
  });

  it("accepts frames with an empty data group", () => {
    const empty = encodeEsp3({ type: 4, data: new Uint8Array(0), optionalData: new Uint8Array(0) });
    expect(new Esp3Framer().push(empty).packets[0]!.type).toBe(4);
  });

  it("refuses a maxPacketLength it cannot honour", () => {
    expect(() => new Esp3Framer({ maxPacketLength: -1 })).toThrow(RangeError);
    expect(() => new Esp3Framer({ maxPacketLength: 70_000 })).toThrow(RangeError);
  });
});
