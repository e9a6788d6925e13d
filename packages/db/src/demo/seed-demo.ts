import type { Db } from "../client";
import type { SecretBox } from "../crypto/secret-box";
import { hashToken } from "../crypto/tokens";
import { upsertDevice } from "../repos/devices";
import { issueLicense } from "../repos/licenses";
import { setMembership, upsertTenant, upsertUser } from "../repos/tenants";
import { DEMO_DEVICES } from "./demo-devices";

export interface DemoSecrets {
  ownerPassword: string;
  adminPassword: string;
  gatewayToken: string;
  apiKeyId: string;
  apiKeySecret: string;
}

export const DEMO_TENANT_SLUG = "demo";
export const DEMO_OWNER_EMAIL = "owner@demo.tidewire.local";
export const DEMO_ADMIN_EMAIL = "admin@tidewire.local";
export const BUILTIN_TARGET_NAME = "Built-in MQTT broker";

/** Creates (or brings up to date) the demo tenant. Safe to run on every start. Tests pass their
 * own slug and e-mails so that test files sharing a database do not share a tenant. */
export async function seedDemo(
  db: Db,
  box: SecretBox,
  secrets: DemoSecrets,
  names: { tenantSlug?: string; ownerEmail?: string; adminEmail?: string } = {},
  /** With the platform's signing key the demo tenant gets a signed license, so that a demo left
   * running is not held to the trial's limits. */
  licenseSigningKey?: string,
) {
  const tenant = await upsertTenant(db, { slug: names.tenantSlug ?? DEMO_TENANT_SLUG, name: "Demo Building Co." });
  const owner = await upsertUser(db, {
    email: names.ownerEmail ?? DEMO_OWNER_EMAIL,
    name: "Demo Owner",
    password: secrets.ownerPassword,
  });
  await setMembership(db, tenant.id, owner.id, "OWNER");
  await upsertUser(db, {
    email: names.adminEmail ?? DEMO_ADMIN_EMAIL,
    name: "Platform Admin",
    password: secrets.adminPassword,
    isPlatformAdmin: true,
  });

  // Credentials are keyed by name so a re-seed rotates them in place instead of piling up.
  const gatewayCredential = await db.ingressCredential.findFirst({
    where: { tenantId: tenant.id, kind: "GATEWAY_TOKEN", name: "Simulated gateway" },
  });
  const tokenData = { tokenHash: hashToken(secrets.gatewayToken), tokenHint: secrets.gatewayToken.slice(0, 8), revokedAt: null };
  if (gatewayCredential) {
    await db.ingressCredential.update({ where: { id: gatewayCredential.id }, data: tokenData });
  } else {
    await db.ingressCredential.create({
      data: { tenantId: tenant.id, kind: "GATEWAY_TOKEN", name: "Simulated gateway", ...tokenData },
    });
  }

  await db.apiKey.upsert({
    where: { keyId: secrets.apiKeyId },
    create: {
      tenantId: tenant.id,
      name: "Demo key",
      keyId: secrets.apiKeyId,
      secretHash: hashToken(secrets.apiKeySecret),
      scopes: ["read", "write", "mqtt"],
    },
    update: { tenantId: tenant.id, secretHash: hashToken(secrets.apiKeySecret), revokedAt: null },
  });

  for (const device of DEMO_DEVICES) await upsertDevice(db, box, tenant.id, device);

  if (licenseSigningKey) {
    const now = new Date();
    const current = await db.license.findFirst({
      where: { tenantId: tenant.id, revokedAt: null, validUntil: { gt: new Date(now.getTime() + 30 * 86_400_000) } },
    });
    if (!current) {
      await issueLicense(
        db,
        tenant.id,
        {
          maxDevices: 1000,
          maxGateways: 100,
          maxMessagesPerDay: 5_000_000,
          retentionDays: 30,
          validFrom: now,
          validUntil: new Date(now.getTime() + 365 * 86_400_000),
          note: "Demo license (issued by the demo seed)",
        },
        licenseSigningKey,
      );
    }
  }

  const builtin = await db.egressTarget.findFirst({
    where: { tenantId: tenant.id, kind: "BUILTIN_MQTT" },
  });
  if (!builtin) {
    await db.egressTarget.create({
      data: {
        tenantId: tenant.id,
        kind: "BUILTIN_MQTT",
        name: BUILTIN_TARGET_NAME,
        config: { topic: "devices/{sourceEurid}/telemetry", qos: 1 },
      },
    });
  }
  return { tenant, owner };
}
