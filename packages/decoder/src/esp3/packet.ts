/** One CRC-checked ESP3 packet: the type byte and the two data groups, without sync, header and
 * CRCs. `data` and `optionalData` may be views into one shared buffer owned by the packet. */
export interface Esp3Packet {
  type: number;
  data: Uint8Array;
  optionalData: Uint8Array;
}

/** Bytes of sync + header + CRC8H. */
export const ESP3_HEADER_SIZE = 6;
/** Header plus the trailing CRC8D: a frame is `ESP3_OVERHEAD + dataLength + optionalLength` bytes. */
export const ESP3_OVERHEAD = 7;
export const ESP3_SYNC = 0x55;
/** Default bound on dataLength + optionalLength. Radio packets are below 64 bytes; the largest
 * packets a USB 300 emits (remote management, version responses) stay well under 512. A false sync
 * byte whose header CRC matches by chance can make the framer wait for at most this many bytes. */
export const DEFAULT_MAX_PACKET_LENGTH = 512;
