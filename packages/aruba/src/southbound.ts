import { arubaSchema } from "./schema";

/** The southbound status message that tells an access point its token is no longer valid
 * (IotSbMessage, sbTopic sbStatus, connectCode tokenExpire). Sent before closing with 1008. */
export function encodeTokenExpired(description: string): Uint8Array {
  const { IotSbMessage } = arubaSchema();
  return IotSbMessage.encode(
    IotSbMessage.fromObject({ meta: { version: 1, sbTopic: 2 }, status: { connectCode: 1, connectDescription: description } }),
  ).finish();
}

/** Decodes a southbound message (gateway simulator, tests). */
export function decodeSouthbound(bytes: Uint8Array): { sbTopic?: number; status?: { connectCode?: number; connectDescription?: string } } {
  const { IotSbMessage } = arubaSchema();
  const message = IotSbMessage.toObject(IotSbMessage.decode(bytes), { longs: Number, enums: Number }) as {
    meta: { sbTopic?: number };
    status?: { connectCode?: number; connectDescription?: string };
  };
  return { ...(message.meta.sbTopic !== undefined ? { sbTopic: message.meta.sbTopic } : {}), ...(message.status ? { status: message.status } : {}) };
}
