import { sign, verify } from "node:crypto";
import { parsePrivateKey, parsePublicKey } from "./key-pair";
import type { LicenseClaims } from "./license-claims";
import { LicenseError } from "./license-error";

// Key layout: "TW1." + base64url(JSON payload) + "." + base64url(Ed25519 signature over the
// payload bytes). Short enough to paste, checkable with nothing but node:crypto (this package
// has no dependencies, so the pipeline can verify licenses anywhere).
const PREFIX = "TW1";

interface Payload {
  v: 1;
  lid: string;
  tid: string;
  dev: number;
  gw: number;
  msg: number;
  ret: number;
  nbf: number;
  exp: number;
  iat: number;
}

const seconds = (d: Date) => Math.floor(d.getTime() / 1000);
const isCount = (v: unknown, max = 1_000_000_000) => Number.isInteger(v) && (v as number) >= 0 && (v as number) <= max;
const isId = (v: unknown) => typeof v === "string" && v.length > 0 && v.length <= 64;

function readPayload(value: unknown): Payload | null {
  if (typeof value !== "object" || value === null) return null;
  const p = value as Record<string, unknown>;
  const ok =
    p.v === 1 &&
    isId(p.lid) &&
    isId(p.tid) &&
    isCount(p.dev) &&
    isCount(p.gw) &&
    isCount(p.msg) &&
    isCount(p.ret, 3650) &&
    (p.ret as number) >= 1 &&
    Number.isInteger(p.nbf) &&
    Number.isInteger(p.exp) &&
    Number.isInteger(p.iat);
  return ok ? (p as unknown as Payload) : null;
}

/** Signs a license for one tenant with the platform's private key. */
export function signLicenseKey(claims: LicenseClaims, privateKeyText: string): string {
  const payload: Payload = {
    v: 1,
    lid: claims.licenseId,
    tid: claims.tenantId,
    dev: claims.maxDevices,
    gw: claims.maxGateways,
    msg: claims.maxMessagesPerDay,
    ret: claims.retentionDays,
    nbf: seconds(claims.validFrom),
    exp: seconds(claims.validUntil),
    iat: seconds(claims.issuedAt),
  };
  if (!readPayload(payload)) throw new LicenseError("LICENSE_MALFORMED", "license limits out of range");
  const body = Buffer.from(JSON.stringify(payload), "utf8");
  const signature = sign(null, body, parsePrivateKey(privateKeyText));
  return `${PREFIX}.${body.toString("base64url")}.${signature.toString("base64url")}`;
}

/** Checks a license key against the platform's public key, offline, and answers what it grants.
 * Throws a LicenseError when the key is malformed or was not signed by that key. Validity dates
 * are returned, not judged: see isCurrent(). */
export function verifyLicenseKey(key: string, publicKeyText: string): LicenseClaims {
  const parts = key.trim().split(".");
  if (parts.length !== 3 || parts[0] !== PREFIX || !parts[1] || !parts[2]) {
    throw new LicenseError("LICENSE_MALFORMED", "not a Tidewire license key (expected TW1.<payload>.<signature>)");
  }
  const body = Buffer.from(parts[1], "base64url");
  const signature = Buffer.from(parts[2], "base64url");
  if (!verify(null, body, parsePublicKey(publicKeyText), signature)) {
    throw new LicenseError("LICENSE_BAD_SIGNATURE", "the license key was not signed by this platform's key, or it was altered");
  }
  let payload: Payload | null = null;
  try {
    payload = readPayload(JSON.parse(body.toString("utf8")));
  } catch {
    payload = null;
  }
  if (!payload) throw new LicenseError("LICENSE_MALFORMED", "the license key's content is not readable");
  return {
    licenseId: payload.lid,
    tenantId: payload.tid,
    maxDevices: payload.dev,
    maxGateways: payload.gw,
    maxMessagesPerDay: payload.msg,
    retentionDays: payload.ret,
    validFrom: new Date(payload.nbf * 1000),
    validUntil: new Date(payload.exp * 1000),
    issuedAt: new Date(payload.iat * 1000),
  };
}
