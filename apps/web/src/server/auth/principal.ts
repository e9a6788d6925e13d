import "server-only";
import { verifyApiKey } from "@tidewire/db";
import { getToken } from "next-auth/jwt";
import { readCookies } from "../http/cookies";
import { services } from "../services";

/** A person signed in to the portal (next-auth session cookie). */
export interface SessionPrincipal {
  kind: "session";
  userId: string;
  email: string;
  name: string;
  isPlatformAdmin: boolean;
}

/** A script using an API key (HTTP Basic: key id and secret). Bound to one tenant. */
export interface ApiKeyPrincipal {
  kind: "apiKey";
  apiKeyId: string;
  keyId: string;
  tenantId: string;
  tenantSlug: string;
  scopes: string[];
  rateLimitPerSecond: number | null;
  rateLimitPerMinute: number | null;
}

export type Principal = SessionPrincipal | ApiKeyPrincipal | { kind: "anonymous" };

/** Credentials were presented and are wrong: the request is refused (401), never treated as
 * anonymous. */
export class CredentialsError extends Error {
  readonly code = "BAD_CREDENTIALS";
}

/** API key credentials from an Authorization header: HTTP Basic (key id as user name, secret as
 * password, as IoTC clients send them) or "Bearer <key id>:<secret>". */
export function readApiKeyCredentials(authorization: string | null): { keyId: string; secret: string } | null {
  if (!authorization) return null;
  const [scheme, value] = authorization.trim().split(/\s+/, 2);
  if (!scheme || !value) throw new CredentialsError("malformed Authorization header");
  let pair: string;
  if (/^basic$/i.test(scheme)) {
    pair = Buffer.from(value, "base64").toString("utf8");
  } else if (/^bearer$/i.test(scheme)) {
    pair = value;
  } else {
    throw new CredentialsError(`unsupported authorization scheme ${scheme}`);
  }
  const colon = pair.indexOf(":");
  if (colon <= 0 || colon === pair.length - 1) throw new CredentialsError("expected API key id and secret");
  return { keyId: pair.slice(0, colon), secret: pair.slice(colon + 1) };
}


/** Who is making this request. An Authorization header wins over a session cookie. */
export async function principalFromRequest(req: Request): Promise<Principal> {
  const { db, config } = services();
  const credentials = readApiKeyCredentials(req.headers.get("authorization"));
  if (credentials) {
    const key = await verifyApiKey(db, credentials.keyId, credentials.secret);
    if (!key) throw new CredentialsError("unknown or revoked API key, or wrong secret");
    return { kind: "apiKey", apiKeyId: key.id, keyId: credentials.keyId, ...key };
  }
  // Only the cookies are handed over: next-auth would otherwise read a Bearer header as a session.
  const token = await getToken({
    req: { cookies: readCookies(req), headers: {} } as never,
    secret: config.AUTH_SECRET,
  }).catch(() => null);
  const userId = typeof token?.uid === "string" ? token.uid : null;
  if (!userId) return { kind: "anonymous" };
  const user = await db.user.findUnique({ where: { id: userId }, select: { id: true, email: true, name: true, isPlatformAdmin: true } });
  if (!user) return { kind: "anonymous" };
  return { kind: "session", userId: user.id, email: user.email, name: user.name, isPlatformAdmin: user.isPlatformAdmin };
}
