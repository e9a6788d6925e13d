import { z } from "zod";
import { deliveryPolicySchema } from "./delivery-policy";
import { topicTemplateField } from "./template-field";

/** Tidewire's own broker: messages land in the tenant's topic space. */
export const builtinMqttConfigSchema = z.object({
  topic: topicTemplateField("devices/{sourceEurid}/telemetry"),
  qos: z.union([z.literal(0), z.literal(1)]).default(1),
  retain: z.boolean().default(false),
  delivery: deliveryPolicySchema.optional(),
});
export const builtinMqttSecretsSchema = z.object({}).strict();
