import { z } from "zod";

// What EMQX 5 sends when its HTTP authenticator and HTTP authorizer are configured with the body
// templates in docs/mqtt-auth-hook.md. Placeholders EMQX cannot fill arrive as empty strings.

export const authenticationRequestSchema = z.object({
  username: z.string().max(256).default(""),
  password: z.string().max(1024).default(""),
  clientid: z.string().max(1024).default(""),
  /** the MQTT client's address: failed logins are limited per address */
  peerhost: z.string().max(64).default(""),
});

export const authorizationRequestSchema = z.object({
  username: z.string().max(256).default(""),
  clientid: z.string().max(1024).default(""),
  /** the topic or topic filter of the PUBLISH or SUBSCRIBE */
  topic: z.string().min(1).max(65_535),
  action: z.enum(["publish", "subscribe"]),
  /** the listener's mountpoint, "" when it has none */
  mountpoint: z.string().max(1024).default(""),
});

/** EMQX 5 reads `result` (allow | deny | ignore) from a 200 answer; 4xx/5xx count as "ignore". */
export interface HookAnswer {
  result: "allow" | "deny";
  is_superuser?: boolean;
  client_attrs?: Record<string, string>;
}
