import { DecodeError } from "../errors";
import { crc8 } from "./crc8";
import { DEFAULT_MAX_PACKET_LENGTH, ESP3_HEADER_SIZE, ESP3_OVERHEAD, ESP3_SYNC, type Esp3Packet } from "./packet";

// Module-local copies for the hot loop (an imported binding can cost a getter call per access when
// the code runs transpiled to CommonJS).
const HEADER_SIZE = ESP3_HEADER_SIZE;
const OVERHEAD = ESP3_OVERHEAD;
const SYNC = ESP3_SYNC;

export interface Esp3FramerOptions {
  /** Largest accepted dataLength + optionalLength; longer headers are reported as ESP3_TOO_LONG and
   * the search resumes after their sync byte. Default 512. */
  maxPacketLength?: number;
}

export interface FramerResult {
  /** Complete, CRC-checked packets, in stream order. */
  packets: Esp3Packet[];
  /** Framing problems found while consuming these bytes (ESP3_HEADER_CRC, ESP3_DATA_CRC,
   * ESP3_TOO_LONG; ESP3_TRUNCATED only from flush()). */
  errors: DecodeError[];
  /** Bytes dropped while consuming these bytes: garbage before a sync byte, false sync bytes. */
  discardedBytes: number;
}

// States of the receiver. The buffer always starts at the byte the state refers to, so a state
// survives between push() calls without re-reading anything.
const SEEK_SYNC = 0; // looking for 0x55
const READ_HEADER = 1; // buffer[0] is 0x55, need 6 bytes to check CRC8H
const READ_BODY = 2; // header verified, need `frameLength` bytes to check CRC8D
type State = typeof SEEK_SYNC | typeof READ_HEADER | typeof READ_BODY;

/**
 * Streaming ESP3 parser: an explicit state machine fed with arbitrary chunks (a websocket message,
 * a serial read). Frames may be split across chunks at any byte and several frames may share a
 * chunk. It never throws on input: every problem is returned as a DecodeError and the parser
 * resynchronises on the byte after the offending sync byte, so a frame that follows garbage, a false
 * sync byte or a corrupted frame is not lost.
 *
 * Invariant (property-tested): bytes pushed = bytes of emitted frames + discardedBytes + bufferedBytes.
 */
export class Esp3Framer {
  readonly maxPacketLength: number;
  private buffer: Uint8Array | null = null;
  private state: State = SEEK_SYNC;
  private frameLength = 0;
  private discarded = 0;
  /** Stream offset of buffer[0] (or of the next byte when nothing is buffered). */
  private streamOffset = 0;

  constructor(options: Esp3FramerOptions = {}) {
    const max = options.maxPacketLength ?? DEFAULT_MAX_PACKET_LENGTH;
    if (!Number.isInteger(max) || max < 0 || max > 0xffff + 0xff) {
      throw new RangeError(`maxPacketLength must be an integer in 0..${0xffff + 0xff}, got ${max}`);
    }
    this.maxPacketLength = max;
  }

  /** Bytes held back waiting for the rest of a frame (at most maxPacketLength + 7). */
  get bufferedBytes(): number {
    return this.buffer === null ? 0 : this.buffer.length;
  }

  /** Bytes discarded since construction (garbage, false sync bytes, bytes dropped by reset/flush). */
  get discardedBytes(): number {
    return this.discarded;
  }

  /** Consumes one chunk of the byte stream. */
  push(chunk: Uint8Array): FramerResult {
    const result: FramerResult = { packets: [], errors: [], discardedBytes: 0 };
    if (chunk.length === 0) return result;
    let bytes: Uint8Array;
    if (this.buffer === null) {
      bytes = chunk;
    } else {
      bytes = new Uint8Array(this.buffer.length + chunk.length);
      bytes.set(this.buffer, 0);
      bytes.set(chunk, this.buffer.length);
    }
    this.consume(bytes, false, result);
    return result;
  }

  /**
   * Declares the end of the input (end of a websocket message whose sender always sends whole frames,
   * end of a file): bytes still buffered cannot become a frame, so each waiting candidate is reported
   * as ESP3_TRUNCATED and the rest is scanned again for complete frames.
   */
  flush(): FramerResult {
    const result: FramerResult = { packets: [], errors: [], discardedBytes: 0 };
    if (this.buffer !== null) this.consume(this.buffer, true, result);
    return result;
  }

  /** Drops buffered bytes (counted as discarded) and starts over; returns how many were dropped. */
  reset(): number {
    const dropped = this.bufferedBytes;
    this.discarded += dropped;
    this.streamOffset += dropped;
    this.buffer = null;
    this.state = SEEK_SYNC;
    return dropped;
  }

  private consume(bytes: Uint8Array, final: boolean, result: FramerResult): void {
    const end = bytes.length;
    const base = this.streamOffset;
    let pos = 0;
    let discarded = 0;
    let state: State = this.state;
    let frameLength = this.frameLength;

    for (;;) {
      if (state === SEEK_SYNC) {
        const sync = bytes.indexOf(SYNC, pos);
        if (sync < 0) {
          discarded += end - pos;
          pos = end;
          break;
        }
        discarded += sync - pos;
        pos = sync;
        state = READ_HEADER;
      }

      if (state === READ_HEADER) {
        if (end - pos < HEADER_SIZE) {
          if (!final) break;
          result.errors.push(truncated(base + pos, HEADER_SIZE, end - pos));
          discarded += 1;
          pos += 1;
          state = SEEK_SYNC;
          continue;
        }
        if (crc8(bytes, pos + 1, pos + 5) !== bytes[pos + 5]) {
          result.errors.push(
            new DecodeError("ESP3_HEADER_CRC", `header CRC8H mismatch at stream offset ${base + pos}`, {
              streamOffset: base + pos,
            }),
          );
          discarded += 1;
          pos += 1;
          state = SEEK_SYNC;
          continue;
        }
        const payloadLength = ((bytes[pos + 1]! << 8) | bytes[pos + 2]!) + bytes[pos + 3]!;
        if (payloadLength > this.maxPacketLength) {
          result.errors.push(
            new DecodeError(
              "ESP3_TOO_LONG",
              `packet announces ${payloadLength} data bytes, more than the maximum ${this.maxPacketLength}`,
              { streamOffset: base + pos, length: payloadLength, max: this.maxPacketLength },
            ),
          );
          discarded += 1;
          pos += 1;
          state = SEEK_SYNC;
          continue;
        }
        frameLength = OVERHEAD + payloadLength;
        state = READ_BODY;
      }

      // READ_BODY
      if (end - pos < frameLength) {
        if (!final) break;
        result.errors.push(truncated(base + pos, frameLength, end - pos));
        discarded += 1;
        pos += 1;
        state = SEEK_SYNC;
        continue;
      }
      const crcAt = pos + frameLength - 1;
      if (crc8(bytes, pos + HEADER_SIZE, crcAt) !== bytes[crcAt]) {
        result.errors.push(
          new DecodeError("ESP3_DATA_CRC", `data CRC8D mismatch in the frame at stream offset ${base + pos}`, {
            streamOffset: base + pos,
          }),
        );
        // Only the sync byte is skipped: if this header was a false positive, real frames inside
        // the bytes it claimed are found by the rescan.
        discarded += 1;
        pos += 1;
        state = SEEK_SYNC;
        continue;
      }
      const dataLength = (bytes[pos + 1]! << 8) | bytes[pos + 2]!;
      const body = copyOf(bytes, pos + HEADER_SIZE, crcAt);
      result.packets.push({
        type: bytes[pos + 4]!,
        data: body.subarray(0, dataLength),
        optionalData: body.subarray(dataLength),
      });
      pos += frameLength;
      state = SEEK_SYNC;
    }

    if (final && pos >= end) state = SEEK_SYNC;
    this.state = state;
    this.frameLength = frameLength;
    this.buffer = pos < end ? copyOf(bytes, pos, end) : null;
    this.streamOffset = base + pos;
    this.discarded += discarded;
    result.discardedBytes += discarded;
  }
}

/** A copy of bytes[start, end). Not `bytes.slice()`: on a Node.js Buffer (what websocket libraries
 * deliver) slice returns a view, and the caller may reuse that memory. */
function copyOf(bytes: Uint8Array, start: number, end: number): Uint8Array {
  return new Uint8Array(bytes.subarray(start, end));
}

function truncated(streamOffset: number, needed: number, available: number): DecodeError {
  return new DecodeError(
    "ESP3_TRUNCATED",
    `input ends ${needed - available} byte(s) before the end of the frame at stream offset ${streamOffset}`,
    { streamOffset, needed, available },
  );
}
