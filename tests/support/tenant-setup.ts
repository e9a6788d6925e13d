// A tenant ready for gateway tests: license, gateway credentials, onboarded sensors, the
// built-in MQTT target and an MQTT API key to watch its messages.
import { randomBytes } from "node:crypto";
import {
  BUILTIN_TARGET_NAME,
  createApiKey,
  createGatewayToken,
  issueLicense,
  upsertArubaCredential,
  upsertTenant,
  type Db,
  type SecretBox,
} from "@tidewire/db";
import { onboardFleet, type SimulatedSensor } from "@tidewire/testkit";

export interface TestTenant {
  id: string;
  slug: string;
  aruba: { username: string; password: string };
  gatewayToken: string;
  mqtt: { username: string; password: string };
}

export async function createTestTenant(
  db: Db,
  box: SecretBox,
  options: { slug?: string; maxGateways?: number; sensors?: readonly SimulatedSensor[]; allowedMacs?: string[] } = {},
): Promise<TestTenant> {
  const slug = options.slug ?? `t-${randomBytes(4).toString("hex")}`;
  const tenant = await upsertTenant(db, { slug, name: slug });
  if (options.maxGateways !== undefined) await grantLicense(db, tenant.id, options.maxGateways);
  const aruba = { username: `ap-${slug}`, password: randomBytes(9).toString("base64url") };
  await upsertArubaCredential(db, tenant.id, { name: "access points", ...aruba, ...(options.allowedMacs ? { allowedMacs: options.allowedMacs } : {}) });
  const { token } = await createGatewayToken(db, tenant.id, { name: "gateways" });
  if (options.sensors) await onboardFleet(db, box, tenant.id, options.sensors);
  await db.egressTarget.create({
    data: { tenantId: tenant.id, kind: "BUILTIN_MQTT", name: BUILTIN_TARGET_NAME, config: { topic: "devices/{sourceEurid}/telemetry", qos: 1 } },
  });
  const key = await createApiKey(db, tenant.id, { name: "mqtt", scopes: ["mqtt"] });
  return { id: tenant.id, slug, aruba, gatewayToken: token, mqtt: { username: key.keyId, password: key.secret } };
}

/** Issues a signed license (the run's LICENSE_SIGNING_KEY) with room for `maxGateways`. */
export async function grantLicense(db: Db, tenantId: string, maxGateways: number) {
  const day = 24 * 3600_000;
  return issueLicense(
    db,
    tenantId,
    { maxDevices: 100_000, maxGateways, maxMessagesPerDay: 100_000_000, retentionDays: 30, validFrom: new Date(Date.now() - day), validUntil: new Date(Date.now() + day) },
    process.env.LICENSE_SIGNING_KEY!,
  );
}
