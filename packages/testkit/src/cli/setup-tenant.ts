import { randomBytes } from "node:crypto";
import { loadConfig } from "@tidewire/config";
import { createDb, createGatewayToken, issueLicense, SecretBox, upsertArubaCredential, upsertTenant } from "@tidewire/db";
import { onboardFleet } from "../simulator/onboard-fleet";
import type { SimulatedSensor } from "../simulator/sensor-fleet";

/**
 * `tidewire-simulate --setup <slug>`: makes a tenant ready for a simulation (benchmarks, demos):
 * the tenant, a license covering the simulated gateways and sensors, the gateway credentials, and
 * every simulated sensor onboarded (with its key when secure). Answers the credentials to use.
 */
export async function setupTenant(input: {
  slug: string;
  protocol: "generic" | "aruba";
  gateways: number;
  sensors: readonly SimulatedSensor[];
  token?: string | undefined;
  username?: string | undefined;
  password?: string | undefined;
}): Promise<{ token?: string; username?: string; password?: string }> {
  const config = loadConfig({ require: ["TIDEWIRE_MASTER_KEY", "LICENSE_SIGNING_KEY"] });
  const db = createDb(config.DATABASE_URL);
  try {
    const tenant = await upsertTenant(db, { slug: input.slug, name: `Simulated ${input.slug}` });
    const day = 24 * 3600_000;
    await issueLicense(
      db,
      tenant.id,
      {
        maxDevices: input.sensors.length,
        maxGateways: input.gateways,
        maxMessagesPerDay: 1_000_000_000,
        retentionDays: 30,
        validFrom: new Date(Date.now() - day),
        validUntil: new Date(Date.now() + 30 * day),
        note: "created by tidewire-simulate --setup",
      },
      config.LICENSE_SIGNING_KEY,
    );
    await onboardFleet(db, new SecretBox(config.TIDEWIRE_MASTER_KEY), tenant.id, input.sensors);
    if (input.protocol === "aruba") {
      const username = input.username ?? `sim-${input.slug}`;
      const password = input.password ?? randomBytes(12).toString("base64url");
      await upsertArubaCredential(db, tenant.id, { name: "Simulated access points", username, password });
      return { username, password };
    }
    const { token } = await createGatewayToken(db, tenant.id, { name: "Simulated gateways", ...(input.token ? { token: input.token } : {}) });
    return { token };
  } finally {
    await db.$disconnect();
  }
}
