/** What an EnOcean product label's QR code says (ANSI MH10.8.2 data identifiers joined by "+",
 * e.g. "30S01700100+Z0123456789ABCDEF0123456789ABCDEF+30PS3271-A215+2PDA03+S01432902018866"). */
export interface LabelCode {
  sourceEurid: string;
  /** the device's AES-128 key (identifier Z), when the label carries one */
  aesKey?: string;
  /** ordering code (30P), e.g. "S3221-A215" */
  orderingCode?: string;
  /** step code / revision (2P) */
  stepCode?: string;
  serialNumber?: string;
  /** product id (1P) */
  productId?: string;
  /** device name some labels carry (20Z) */
  name?: string;
  /** identifiers this reader does not know, kept for the person to see */
  unknown: string[];
}

export class LabelCodeError extends Error {
  readonly code = "LABEL_UNREADABLE";
}

// Longest identifiers first: "30S" must not be read as "S" followed by "30...".
const IDENTIFIERS = ["30S", "30P", "10Z", "11Z", "20Z", "1P", "2P", "S", "Z"] as const;

/** Reads a label code typed or pasted by a person: separators "+" (or line breaks), any case,
 * surrounding spaces ignored. The EURID (30S) is required; 12-digit (48-bit) ids keep their low
 * 32 bits, which is the radio id. */
export function parseLabelCode(text: string): LabelCode {
  const segments = text
    .trim()
    .split(/[+\r\n]+/)
    .map((s) => s.trim())
    .filter(Boolean);
  if (segments.length === 0) throw new LabelCodeError("the label code is empty");
  const values = new Map<string, string>();
  const unknown: string[] = [];
  for (const segment of segments) {
    const id = IDENTIFIERS.find((i) => segment.toUpperCase().startsWith(i));
    if (!id) {
      unknown.push(segment);
      continue;
    }
    values.set(id, segment.slice(id.length).trim());
  }
  const rawId = values.get("30S");
  if (rawId === undefined) throw new LabelCodeError('no EURID on this label (the "30S" field)');
  const hex = rawId.replace(/[\s:-]/g, "").toLowerCase();
  if (!/^[0-9a-f]{8}$|^[0-9a-f]{12}$/.test(hex)) throw new LabelCodeError(`the EURID "${rawId}" is not 8 or 12 hex digits`);
  const result: LabelCode = { sourceEurid: hex.slice(-8), unknown };
  const key = values.get("Z");
  if (key !== undefined) {
    if (!/^[0-9a-fA-F]{32}$/.test(key)) throw new LabelCodeError("the security key (Z field) is not 32 hex digits");
    result.aesKey = key.toLowerCase();
  }
  const copy = (id: string, field: "orderingCode" | "stepCode" | "serialNumber" | "productId" | "name") => {
    const v = values.get(id);
    if (v) result[field] = v;
  };
  copy("30P", "orderingCode");
  copy("2P", "stepCode");
  copy("S", "serialNumber");
  copy("1P", "productId");
  copy("20Z", "name");
  return result;
}
