import type { Env } from "@tidewire/config";
import type { AgrirouterApplication } from "../connectors/connector";

/** The installation's agrirouter application from AGRIROUTER_*; undefined when not configured.
 * The worker (delivery) and the portal (test connection, which may onboard) read the same. */
export function agrirouterApplicationFrom(config: Pick<Env, "AGRIROUTER_APPLICATION_ID" | "AGRIROUTER_CERTIFICATION_VERSION_ID" | "AGRIROUTER_PRIVATE_KEY" | "AGRIROUTER_REGISTRATION_URL">): AgrirouterApplication | undefined {
  if (!config.AGRIROUTER_APPLICATION_ID || !config.AGRIROUTER_CERTIFICATION_VERSION_ID || !config.AGRIROUTER_PRIVATE_KEY) return undefined;
  const key = config.AGRIROUTER_PRIVATE_KEY.includes("-----BEGIN")
    ? config.AGRIROUTER_PRIVATE_KEY
    : Buffer.from(config.AGRIROUTER_PRIVATE_KEY, "base64").toString("utf8");
  return {
    applicationId: config.AGRIROUTER_APPLICATION_ID,
    certificationVersionId: config.AGRIROUTER_CERTIFICATION_VERSION_ID,
    privateKey: key,
    registrationUrl: config.AGRIROUTER_REGISTRATION_URL,
  };
}
