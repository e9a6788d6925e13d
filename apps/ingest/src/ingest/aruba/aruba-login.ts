import type { IncomingHttpHeaders } from "node:http";

/** Credentials an access point presents at the authentication URL. */
export interface ArubaLogin {
  username: string;
  password: string;
  /** the access point's endpointID (client id), when it sends one */
  clientId?: string;
}

export type LoginParse = { ok: true; login: ArubaLogin } | { ok: false; code: "NOT_JSON" | "MISSING_CREDENTIALS" };

const first = (source: Record<string, unknown>, names: readonly string[]): string | undefined => {
  for (const name of names) {
    const value = source[name];
    if (typeof value === "string" && value.length > 0 && value.length <= 256) return value;
    if (typeof value === "number") return String(value);
  }
  return undefined;
};

const USERNAME = ["username", "user", "userName", "login"] as const;
const PASSWORD = ["password", "pass", "passwd"] as const;
const CLIENT_ID = ["client_id", "clientId", "clientID", "endpointID", "endpointId"] as const;
const CLIENT_SECRET = ["client_secret", "clientSecret"] as const;

/**
 * Reads the credentials of an Aruba authentication request. The exact field names an access
 * point sends are not published, so every spelling seen in Aruba integrations is accepted
 * (docs/aruba.md): username|user, password|pass, client_id|clientId|clientID (+ client_secret)
 * for client-credentials mode, where the client id acts as the username and the secret as the
 * password. The body is JSON (IoTC requires it); a form-encoded body and HTTP Basic are accepted
 * as well.
 */
export function parseArubaLogin(body: string, headers: IncomingHttpHeaders): LoginParse {
  let fields: Record<string, unknown> | undefined;
  const contentType = (headers["content-type"] ?? "").toLowerCase();
  try {
    const parsed: unknown = JSON.parse(body);
    if (parsed && typeof parsed === "object" && !Array.isArray(parsed)) fields = parsed as Record<string, unknown>;
  } catch {
    if (contentType.startsWith("application/x-www-form-urlencoded")) fields = Object.fromEntries(new URLSearchParams(body));
  }
  const basic = /^Basic\s+(\S+)$/i.exec(headers.authorization ?? "")?.[1];
  if (!fields && basic === undefined) return { ok: false, code: "NOT_JSON" };
  fields ??= {};

  const clientId = first(fields, CLIENT_ID);
  let username = first(fields, USERNAME);
  let password = first(fields, PASSWORD);
  if ((username === undefined || password === undefined) && clientId !== undefined) {
    const secret = first(fields, CLIENT_SECRET);
    if (secret !== undefined) {
      username = clientId;
      password = secret;
    }
  }
  if ((username === undefined || password === undefined) && basic !== undefined) {
    const decoded = Buffer.from(basic, "base64").toString("utf8");
    const colon = decoded.indexOf(":");
    if (colon > 0) {
      username = decoded.slice(0, colon);
      password = decoded.slice(colon + 1);
    }
  }
  if (username === undefined || password === undefined) return { ok: false, code: "MISSING_CREDENTIALS" };
  return { ok: true, login: { username, password, ...(clientId !== undefined ? { clientId } : {}) } };
}
