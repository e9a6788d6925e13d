import { z } from "zod";
import { parseAzureConnectionString } from "../azure/connection-string";
import { deliveryPolicySchema } from "./delivery-policy";
import { pemField, topicTemplateField } from "./template-field";

const deviceId = z
  .string()
  .min(1)
  .max(128)
  .regex(/^[A-Za-z0-9\-.%_*?!(),:=@$']+$/, "device ids use letters, digits and - . % _ * ? ! ( ) , : = @ $ '");

/** Azure IoT Hub. Identity "single": one hub device for every sensor (as IoTC does);
 * "perSensor": one hub device per sensor, named by deviceIdTemplate, with tokens signed by a
 * shared access policy that has DeviceConnect. */
export const azureIotHubConfigSchema = z
  .object({
    auth: z.enum(["sas", "x509"]).default("sas"),
    identity: z.enum(["single", "perSensor"]).default("single"),
    /** {hub}.azure-devices.net — required for x509 (SAS takes it from the connection string) */
    hostName: z.string().max(255).optional(),
    /** x509: the hub device id */
    deviceId: deviceId.optional(),
    /** perSensor: hub device id of each sensor */
    deviceIdTemplate: topicTemplateField("{sourceEurid}"),
    /** connect through an IoT Edge gateway (host[:port]) instead of the hub itself */
    gatewayHostName: z.string().max(255).optional(),
    /** CA of the Edge gateway's certificate (PEM) */
    caCertificate: pemField("certificate").optional(),
    /** add the eep and sourceEurid as message properties (content type/encoding are always set) */
    messageProperties: z.boolean().default(true),
    delivery: deliveryPolicySchema.optional(),
  })
  .superRefine((c, ctx) => {
    if (c.auth === "x509" && (!c.hostName || !c.deviceId))
      ctx.addIssue({ code: "custom", message: "X.509 needs the hub host name and the device id", path: ["hostName"] });
    if (c.auth === "x509" && c.identity === "perSensor")
      ctx.addIssue({ code: "custom", message: "one device per sensor needs a shared access policy (SAS), not one certificate", path: ["identity"] });
  });

export const azureIotHubSecretsSchema = z
  .object({
    /** device connection string (single) or a policy connection string with DeviceConnect (perSensor) */
    connectionString: z
      .string()
      .optional()
      .superRefine((v, ctx) => {
        if (v === undefined) return;
        try {
          parseAzureConnectionString(v);
        } catch (err) {
          ctx.addIssue({ code: "custom", message: (err as Error).message });
        }
      }),
    certificate: pemField("certificate").optional(),
    privateKey: pemField("private key").optional(),
  })
  .refine((s) => !s.certificate === !s.privateKey, { message: "a certificate needs its private key" });
