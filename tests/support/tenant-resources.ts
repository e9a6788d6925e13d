// A tenant with one of everything the portal manages, for tests that check who can reach what.
import { randomBytes } from "node:crypto";
import {
  createApiKey,
  createGatewayToken,
  createInvitation,
  insertTelemetry,
  issueLicense,
  raiseAlarm,
  registerGateway,
  setArubaCredential,
  upsertDevice,
  type Db,
  type SecretBox,
} from "@tidewire/db";
import { createTenantFixture } from "@tidewire/testkit";

export const DEVICE_KEY = "3a0c1b30b0a822a17a28fd01d77abdae";

export async function tenantWithEverything(db: Db, box: SecretBox, label: string) {
  const fx = await createTenantFixture(db, label);
  const tenantId = fx.tenant.id;
  const eurid = randomBytes(4).toString("hex");
  const device = await upsertDevice(db, box, tenantId, {
    sourceEurid: eurid,
    eep: "A5-09-09",
    friendlyId: `${label} co2`,
    location: `${label} lab`,
    tags: [`${label}-tag`],
    aesKey: DEVICE_KEY,
    slf: "f3",
    expectedIntervalSec: 60,
  });
  await insertTelemetry(db, [
    {
      tenantId,
      deviceId: device.id,
      time: new Date(),
      telegramId: `${label}-t1`,
      data: [{ key: "co2", value: 627.45, unit: "ppm" }],
      signal: [],
      rssi: 70,
      rawData: "a500005008",
      receptions: [{ gatewayId: "x", gateway: `${label}-gw`, rssi: 70, at: Date.now() }],
    },
  ]);
  const gateway = await registerGateway(db, tenantId, { kind: "GENERIC", mac: `gw-${label}-${eurid}`, hardwareDescriptor: "AP-305", softwareVersion: "8.7.1.1" });
  const token = await createGatewayToken(db, tenantId, { name: `${label} gateway token` });
  const arubaUsername = `aruba-${label}-${eurid}`;
  const aruba = await setArubaCredential(db, tenantId, { name: "APs", username: arubaUsername, password: "aruba-password-123" });
  const targetPassword = `target-password-${randomBytes(6).toString("hex")}`;
  // Written as packages/egress's saveEgressTarget stores a target (no worker to tell here).
  const target = await db.egressTarget.create({
    data: {
      tenantId,
      kind: "MQTT",
      name: `${label} broker`,
      config: { url: "mqtt://127.0.0.1:1883", topic: "t/{sourceEurid}", qos: 1, retain: false, username: "tidewire", verifyCertificate: true, keepaliveSeconds: 60 },
      secretsEnc: box.sealJson({ password: targetPassword }),
    },
    select: { id: true, name: true },
  });
  const deadLetter = await db.deadLetter.create({
    data: {
      tenantId,
      targetId: target.id,
      error: "broker refused",
      attempts: 5,
      payload: { v: 1, tenantId, targetId: target.id, messages: [{ telegramId: "x", sourceEurid: eurid, eep: "A5-09-09", friendlyId: "", location: "", tags: [], message: { sensor: {} } }] },
    },
  });
  const writeKey = await createApiKey(db, tenantId, { name: `${label} write`, scopes: ["read", "write"] });
  const readKey = await createApiKey(db, tenantId, { name: `${label} read`, scopes: ["read"] });
  const invitation = await createInvitation(db, tenantId, { email: `invited-${eurid}@${label}.test`, role: "VIEWER" });
  const license = await issueLicense(
    db,
    tenantId,
    { maxDevices: 100, maxGateways: 10, maxMessagesPerDay: 10_000, retentionDays: 30, validFrom: new Date(Date.now() - 1000), validUntil: new Date(Date.now() + 30 * 86_400_000) },
    process.env.LICENSE_SIGNING_KEY!,
  );
  const alarm = await raiseAlarm(db, tenantId, { deviceId: device.id, kind: "SILENT", message: `${label} co2 is silent`, details: {}, at: new Date() });
  return {
    ...fx,
    tenantId,
    slug: fx.tenant.slug,
    device,
    eurid,
    gateway,
    token,
    aruba: { ...aruba, username: arubaUsername },
    target,
    targetPassword,
    deadLetter,
    writeKey,
    readKey,
    invitation,
    license,
    alarm,
  };
}

export type TenantResources = Awaited<ReturnType<typeof tenantWithEverything>>;
