import { createHash } from "node:crypto";

export interface EnosLogin {
  clientId: string;
  deviceKey: string;
  productKey: string;
  /** Unix milliseconds; the same in the client id and the signed content */
  timestamp: number;
  /** device secret (securemode 2) or product secret (securemode 3) */
  secret: string;
  secureMode: 2 | 3;
}

/** content = name+value of clientId, deviceKey, productKey, timestamp (sorted by name), then the
 * secret; password = upper-case hex SHA-256 of it (reference §2). */
export function enosPassword(login: Omit<EnosLogin, "secureMode">): string {
  const fields: Record<string, string> = {
    clientId: login.clientId,
    deviceKey: login.deviceKey,
    productKey: login.productKey,
    timestamp: String(login.timestamp),
  };
  const content = Object.keys(fields)
    .sort()
    .map((name) => name + fields[name])
    .join("");
  return createHash("sha256").update(content + login.secret, "utf8").digest("hex").toUpperCase();
}

/** The CONNECT fields EnOS checks. */
export function enosConnectFields(login: EnosLogin): { clientId: string; username: string; password: string } {
  return {
    clientId: `${login.clientId}|securemode=${login.secureMode},signmethod=sha256,timestamp=${login.timestamp}|`,
    username: `${login.deviceKey}&${login.productKey}`,
    password: enosPassword(login),
  };
}

export const enosTopics = (productKey: string, deviceKey: string) => ({
  activateInfo: `/ext/session/${productKey}/${deviceKey}/thing/activate/info`,
  measurePointPost: `/sys/${productKey}/${deviceKey}/thing/measurepoint/post`,
});
