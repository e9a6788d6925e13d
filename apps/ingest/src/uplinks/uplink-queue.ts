import { z } from "zod";

export { UPLINK_QUEUE } from "@tidewire/config";

const receptionSchema = z.object({ gateway: z.string(), rssi: z.number().nullable(), snr: z.number().nullable(), at: z.number() });

export const lorawanJobSchema = z.object({
  v: z.literal(1),
  kind: z.literal("LORAWAN"),
  tenantId: z.string(),
  /** message id: the uplink's identity (device, session, frame counter) */
  id: z.string(),
  /** where it came from: "webhook" or "mqtt" */
  via: z.enum(["webhook", "mqtt"]),
  uplink: z.object({
    devEui: z.string(),
    deviceId: z.string().nullable(),
    applicationId: z.string().nullable(),
    fPort: z.number(),
    fCnt: z.number(),
    sessionKeyId: z.string(),
    payloadHex: z.string(),
    decodedPayload: z.record(z.string(), z.unknown()).nullable(),
    receivedAt: z.number(),
    receptions: z.array(receptionSchema),
    simulated: z.boolean(),
  }),
});

export const smallDeviceJobSchema = z.object({
  v: z.literal(1),
  kind: z.literal("SMALL_DEVICE"),
  tenantId: z.string(),
  id: z.string(),
  /** the device row's id and its sensor id */
  deviceId: z.string(),
  sensorId: z.string(),
  receivedAt: z.number(),
  sequence: z.number(),
  data: z.record(z.string(), z.unknown()),
  authenticated: z.boolean(),
  base64Wrapped: z.boolean(),
  /** the address the message came from (reception) */
  from: z.string(),
});

export const uplinkJobSchema = z.discriminatedUnion("kind", [lorawanJobSchema, smallDeviceJobSchema]);
export type UplinkJob = z.infer<typeof uplinkJobSchema>;
export type LorawanJob = z.infer<typeof lorawanJobSchema>;
export type SmallDeviceJob = z.infer<typeof smallDeviceJobSchema>;
