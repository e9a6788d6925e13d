/** EURIDs are stored as 8 lower-case hex digits; accept the spellings users paste. */
export function normalizeEurid(input: string): string {
  const hex = input.trim().toLowerCase().replace(/^0x/, "").replace(/[\s:.-]/g, "");
  if (!/^[0-9a-f]{1,8}$/.test(hex)) throw new Error(`not an EURID: ${JSON.stringify(input)}`);
  return hex.padStart(8, "0");
}

/** EEP codes are stored upper case with dashes: "A5-09-09". */
export function normalizeEep(input: string): string {
  const m = /^\s*([0-9a-f]{2})[-_ ]?([0-9a-f]{2})[-_ ]?([0-9a-f]{2})\s*$/i.exec(input);
  if (!m) throw new Error(`not an EEP code: ${JSON.stringify(input)}`);
  return `${m[1]}-${m[2]}-${m[3]}`.toUpperCase();
}

/** MACs are stored as 12 lower-case hex digits without separators (IoTC API format). */
export function normalizeMac(input: string): string {
  const hex = input.trim().toLowerCase().replace(/[\s:.-]/g, "");
  if (!/^[0-9a-f]{12}$/.test(hex)) throw new Error(`not a MAC address: ${JSON.stringify(input)}`);
  return hex;
}
