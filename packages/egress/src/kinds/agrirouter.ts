import { z } from "zod";
import { deliveryPolicySchema } from "./delivery-policy";

/** agrirouter: the tenant's endpoint, onboarded from a registration code. The application
 * (id, certification version, signing key) is the installation's: AGRIROUTER_* variables. */
export const agrirouterConfigSchema = z.object({
  /** external endpoint id (URN); "urn:tidewire:<tenant>:<target id>" when empty */
  externalId: z.string().max(200).optional(),
  /** technical message type of the telemetry messages */
  technicalMessageType: z.string().min(1).max(100).default("enocean:telemetry:json"),
  /** PUBLISH (to subscribers) or DIRECT (to recipients) */
  mode: z.enum(["PUBLISH", "DIRECT", "PUBLISH_WITH_DIRECT"]).default("PUBLISH"),
  recipients: z.array(z.string()).default([]),
  timeZone: z.string().regex(/^[+-]\d{2}:\d{2}$/).default("+00:00"),
  ackTimeoutSeconds: z.number().int().min(1).max(300).default(30),
  delivery: deliveryPolicySchema.optional(),
});
export const agrirouterSecretsSchema = z.object({
  /** the 10-character code from the agrirouter control center ("+ Connection"); used once */
  registrationCode: z.string().min(4).max(64).optional(),
});
/** What onboarding returned (kept sealed in the target's state). */
export const agrirouterOnboardingSchema = z.object({
  deviceAlternateId: z.string(),
  capabilityAlternateId: z.string(),
  sensorAlternateId: z.string(),
  connectionCriteria: z.object({
    gatewayId: z.string(),
    host: z.string().optional(),
    port: z.union([z.string(), z.number()]).optional(),
    measures: z.string(),
    commands: z.string(),
    clientId: z.string().optional(),
  }),
  authentication: z.object({ certificate: z.string(), secret: z.string(), type: z.string() }),
});
export type AgrirouterOnboarding = z.infer<typeof agrirouterOnboardingSchema>;
export const agrirouterStateSchema = z.object({
  accountId: z.string().optional(),
  onboarding: agrirouterOnboardingSchema,
  capabilitiesSentAt: z.number().optional(),
});
export type AgrirouterState = z.infer<typeof agrirouterStateSchema>;
