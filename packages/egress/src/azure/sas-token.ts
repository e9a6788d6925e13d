import { createHmac } from "node:crypto";

/** encodeURIComponent plus !'()* as the Azure SDK escapes them. */
export function encodeUriComponentStrict(value: string): string {
  return encodeURIComponent(value).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

/** A shared access signature for a resource URI (reference §2):
 * sig = base64(HMAC-SHA256(base64decode(key), encoded(sr) + "\n" + se)). */
export function createSasToken(input: { resourceUri: string; key: string; expiry: number; policyName?: string }): string {
  const sr = encodeUriComponentStrict(input.resourceUri);
  const se = String(Math.floor(input.expiry));
  const sig = createHmac("sha256", Buffer.from(input.key, "base64")).update(`${sr}\n${se}`).digest("base64");
  return (
    `SharedAccessSignature sr=${sr}&sig=${encodeUriComponentStrict(sig)}` +
    (input.policyName ? `&skn=${encodeUriComponentStrict(input.policyName)}` : "") +
    `&se=${se}`
  );
}

export const deviceResourceUri = (hostName: string, deviceId: string) => `${hostName}/devices/${deviceId}`;
