import { z } from "zod";
import { deliveryPolicySchema } from "./delivery-policy";

/** EnOS IoT Hub: one EnOS device receives the measure points of every sensor. */
export const enosConfigSchema = z.object({
  /** tcp 11883 (secret) or TLS 18883: mqtt://host:11883 or mqtts://host:18883 */
  url: z.string().refine((v) => {
    try {
      const u = new URL(v);
      return ["mqtt:", "mqtts:", "tcp:", "ssl:"].includes(u.protocol) && u.hostname !== "";
    } catch {
      return false;
    }
  }, "expected mqtt://host:11883 or mqtts://host:18883"),
  productKey: z.string().min(1).max(64),
  deviceKey: z.string().min(1).max(64),
  /** MQTT client id before the |securemode…| suffix; the device key when empty (as the EnOS SDK does) */
  clientId: z.string().min(1).max(64).optional(),
  /** static: device secret (securemode=2); dynamic: product secret, device secret fetched on first connect (securemode=3) */
  activation: z.enum(["static", "dynamic"]).default("static"),
  /** EnOcean telemetry key → EnOS measure point identifier */
  measurePointMap: z.record(z.string(), z.string().min(1)).default({}),
  /** keys not in the map: send under their own name, or leave out */
  unmappedKeys: z.enum(["send", "drop"]).default("send"),
  caCertificate: z.string().optional(),
  replyTimeoutSeconds: z.number().int().min(1).max(300).default(15),
  delivery: deliveryPolicySchema.optional(),
});
export const enosSecretsSchema = z.object({
  deviceSecret: z.string().min(1).optional(),
  productSecret: z.string().min(1).optional(),
});
export const enosStateSchema = z.object({ deviceSecret: z.string().min(1), assetId: z.string().optional() });
