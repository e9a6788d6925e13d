import { DecodeError } from "../errors";
import { fromHex } from "../hex";
import type { ChainFragment } from "./chain-store";

/** One parsed chain telegram (CDM 0x40 or SEC_CDM 0x33). */
export interface CdmFragment {
  /** Chain sequence number (1..3; 0 is not used by senders but accepted). */
  seq: number;
  idx: number;
  /** IDX 0: announced length of the reassembled message (CDM: without its R-ORG). */
  length?: number;
  /** IDX 0 of a plain CDM: R-ORG of the reassembled message. SEC_CDM carries none (SEC_R implied). */
  rorg?: number;
  /** Content bytes carried by this fragment. */
  content: Uint8Array;
}

/**
 * First telegram: `SEQ/IDX | LEN (2, MSB first) | [R-ORG, plain CDM only] | content`;
 * following telegrams: `SEQ/IDX | content`. SEQ = bits 7..6, IDX = bits 5..0.
 */
export function parseCdmFragment(userData: Uint8Array, secure: boolean): CdmFragment {
  if (userData.length < 2) {
    throw new DecodeError("TELEGRAM_MALFORMED", `chain telegram too short (${userData.length} byte(s))`);
  }
  const seq = userData[0]! >> 6;
  const idx = userData[0]! & 0x3f;
  if (idx > 0) return { seq, idx, content: userData.subarray(1) };
  const headerLength = secure ? 3 : 4;
  if (userData.length < headerLength) {
    throw new DecodeError(
      "TELEGRAM_MALFORMED",
      `first chain telegram needs SEQ/IDX, LEN${secure ? "" : " and R-ORG"} (${headerLength} bytes), got ${userData.length}`,
    );
  }
  const length = (userData[1]! << 8) | userData[2]!;
  return secure
    ? { seq, idx, length, content: userData.subarray(3) }
    : { seq, idx, length, rorg: userData[3]!, content: userData.subarray(4) };
}

export interface AssembledChain {
  /** R-ORG announced by the first fragment (undefined for SEC_CDM). */
  rorg: number | undefined;
  data: Uint8Array;
}

/**
 * The reassembled message once the stored fragments hold it completely: the first fragment and
 * every following IDX without a gap, together at least LEN bytes (truncated to LEN). Undefined
 * while parts are missing.
 */
export function assembleChain(fragments: readonly ChainFragment[]): AssembledChain | undefined {
  const byIdx = new Map<number, ChainFragment>();
  for (const fragment of fragments) byIdx.set(fragment.idx, fragment);
  const first = byIdx.get(0);
  if (first === undefined || first.length === undefined) return undefined;
  const needed = first.length;
  const parts: Uint8Array[] = [];
  let collected = 0;
  for (let idx = 0; collected < needed; idx++) {
    const fragment = byIdx.get(idx);
    if (fragment === undefined) return undefined;
    const bytes = fromHex(fragment.data);
    parts.push(bytes);
    collected += bytes.length;
  }
  const data = new Uint8Array(needed);
  let at = 0;
  for (const part of parts) {
    const take = Math.min(part.length, needed - at);
    data.set(part.subarray(0, take), at);
    at += take;
  }
  return { rorg: first.rorg, data };
}
