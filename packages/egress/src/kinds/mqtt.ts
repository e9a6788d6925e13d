import { z } from "zod";
import { deliveryPolicySchema } from "./delivery-policy";
import { pemField, topicTemplateField } from "./template-field";

/** The tenant's own MQTT broker. */
export const mqttConfigSchema = z.object({
  url: z.string().refine(
    (v) => {
      try {
        const u = new URL(v);
        return ["mqtt:", "mqtts:", "ws:", "wss:"].includes(u.protocol) && u.hostname !== "";
      } catch {
        return false;
      }
    },
    { message: "expected mqtt://, mqtts://, ws:// or wss:// with a host, e.g. mqtts://broker.example.com:8883" },
  ),
  // IoTC's telemetry topic, so consumers written for IoTC keep working.
  topic: topicTemplateField("sensor/{sourceEurid}/telemetry"),
  qos: z.union([z.literal(0), z.literal(1)]).default(1),
  retain: z.boolean().default(false),
  /** empty: "tidewire-<target id>" */
  clientId: z.string().max(128).optional(),
  username: z.string().max(512).optional(),
  /** extra CA certificates that sign the broker's certificate (PEM) */
  caCertificate: pemField("certificate").optional(),
  /** verify the broker's certificate (leave on except for a lab broker) */
  verifyCertificate: z.boolean().default(true),
  keepaliveSeconds: z.number().int().min(5).max(3600).default(60),
  delivery: deliveryPolicySchema.optional(),
});
export const mqttSecretsSchema = z
  .object({
    password: z.string().max(4096).optional(),
    /** client certificate authentication */
    clientCertificate: pemField("certificate").optional(),
    clientKey: pemField("private key").optional(),
    clientKeyPassphrase: z.string().optional(),
  })
  .refine((s) => !s.clientCertificate === !s.clientKey, { message: "a client certificate needs its private key, and the other way round" });
