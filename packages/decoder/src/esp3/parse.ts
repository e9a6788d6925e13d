import { DecodeError } from "../errors";
import { Esp3Framer, type Esp3FramerOptions } from "./framer";
import { ESP3_SYNC, type Esp3Packet } from "./packet";

/**
 * One-shot parse of a buffer that should hold one ESP3 frame (a websocket message, a test vector).
 * Leading garbage and false sync bytes are skipped as in the stream parser; the first complete,
 * CRC-valid packet is returned. Otherwise throws the DecodeError that explains best why there is no
 * frame: a verified header's ESP3_DATA_CRC / ESP3_TOO_LONG / ESP3_TRUNCATED first, then
 * ESP3_TRUNCATED for a sync byte too close to the end to hold a header, then ESP3_HEADER_CRC, and
 * ESP3_NO_SYNC when there is no 0x55 at all.
 */
export function parseEsp3(bytes: Uint8Array, options: Esp3FramerOptions = {}): Esp3Packet {
  const framer = new Esp3Framer(options);
  const pushed = framer.push(bytes);
  const first = pushed.packets[0];
  if (first !== undefined) return first;
  const flushed = framer.flush();
  const late = flushed.packets[0];
  if (late !== undefined) return late;
  throw explainMissingFrame(bytes, [...pushed.errors, ...flushed.errors]);
}

function explainMissingFrame(bytes: Uint8Array, errors: DecodeError[]): DecodeError {
  const verifiedHeader = errors.find(
    (e) =>
      e.code === "ESP3_DATA_CRC" ||
      e.code === "ESP3_TOO_LONG" ||
      (e.code === "ESP3_TRUNCATED" && (e.details?.["needed"] as number) > 6),
  );
  if (verifiedHeader) return verifiedHeader;
  const shortHeader = errors.find((e) => e.code === "ESP3_TRUNCATED");
  if (shortHeader) return shortHeader;
  const headerCrc = errors.find((e) => e.code === "ESP3_HEADER_CRC");
  if (headerCrc) return headerCrc;
  if (bytes.indexOf(ESP3_SYNC) < 0) {
    return new DecodeError("ESP3_NO_SYNC", `no sync byte 0x55 in ${bytes.length} byte(s)`);
  }
  return new DecodeError("ESP3_TRUNCATED", "input ends before a complete frame");
}
