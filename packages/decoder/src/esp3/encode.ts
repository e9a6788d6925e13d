import { crc8 } from "./crc8";
import { ESP3_HEADER_SIZE, ESP3_OVERHEAD, ESP3_SYNC, type Esp3Packet } from "./packet";

/** Builds a complete ESP3 frame (sync, header, CRC8H, data, optional data, CRC8D). */
export function encodeEsp3(packet: Esp3Packet): Uint8Array {
  const { type, data, optionalData } = packet;
  if (!Number.isInteger(type) || type < 0 || type > 0xff) {
    throw new RangeError(`packet type must be a byte, got ${type}`);
  }
  if (data.length > 0xffff) throw new RangeError(`data is longer than 65535 bytes (${data.length})`);
  if (optionalData.length > 0xff) {
    throw new RangeError(`optional data is longer than 255 bytes (${optionalData.length})`);
  }
  const frame = new Uint8Array(ESP3_OVERHEAD + data.length + optionalData.length);
  frame[0] = ESP3_SYNC;
  frame[1] = data.length >> 8;
  frame[2] = data.length & 0xff;
  frame[3] = optionalData.length;
  frame[4] = type;
  frame[5] = crc8(frame, 1, 5);
  frame.set(data, ESP3_HEADER_SIZE);
  frame.set(optionalData, ESP3_HEADER_SIZE + data.length);
  frame[frame.length - 1] = crc8(frame, ESP3_HEADER_SIZE, frame.length - 1);
  return frame;
}
