import { Rorg } from "../erp/rorg";

export interface ChainSplitOptions {
  /** Chain sequence number 1..3 (default 1). */
  seq?: number;
  /** Content bytes in the first telegram (default: 10 for SEC_CDM, 9 for CDM, as in the specs). */
  firstChunk?: number;
  /** Content bytes in each following telegram (default 13 for SEC_CDM, 12 for CDM). */
  chunk?: number;
}

/**
 * Splits a message into chain telegrams (user data after the R-ORG, which is 0x40 or 0x33).
 * `rorg` undefined means SEC_CDM: `message` is then a complete SEC_R message without its 0x31.
 */
export function splitIntoChain(
  rorg: number | undefined,
  message: Uint8Array,
  options: ChainSplitOptions = {},
): { rorg: number; data: Uint8Array }[] {
  const secure = rorg === undefined;
  const seq = options.seq ?? 1;
  if (seq < 0 || seq > 3) throw new RangeError(`chain SEQ must be 0..3, got ${seq}`);
  if (message.length > 0xffff) throw new RangeError("chained message longer than 65535 bytes");
  const firstChunk = options.firstChunk ?? (secure ? 10 : 9);
  const chunk = options.chunk ?? (secure ? 13 : 12);
  if (firstChunk < 0 || chunk < 1) throw new RangeError("chunk sizes must be positive");
  const chainRorg = secure ? Rorg.SEC_CDM : Rorg.CDM;
  const out: { rorg: number; data: Uint8Array }[] = [];
  const header = secure
    ? [seq << 6, message.length >> 8, message.length & 0xff]
    : [seq << 6, message.length >> 8, message.length & 0xff, rorg!];
  const first = message.subarray(0, firstChunk);
  out.push({ rorg: chainRorg, data: Uint8Array.from([...header, ...first]) });
  let idx = 1;
  for (let at = first.length; at < message.length; at += chunk, idx++) {
    if (idx > 0x3f) throw new RangeError("message needs more than 64 chain telegrams");
    out.push({ rorg: chainRorg, data: Uint8Array.from([(seq << 6) | idx, ...message.subarray(at, at + chunk)]) });
  }
  return out;
}
