import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { verifyTtsWebhook, listTtsMqttSubscriptions } from "@tidewire/db";
import { createTenantFixture, type TenantFixture } from "@tidewire/testkit";
import { callerAs, sessionOf } from "../../testing/callers";
import { services } from "../../services";

let fx: TenantFixture;
let owner: Awaited<ReturnType<typeof callerAs>>;

beforeAll(async () => {
  fx = await createTenantFixture(services().db, "integrations");
  owner = await callerAs(sessionOf(fx.owner));
});
afterAll(async () => {
  await owner.integrations.saveTtsMqtt({ enabled: false, url: "mqtts://eu1.cloud.thethings.network:8883", username: "office-app@ttn" });
});

describe("The Things Stack integration settings", () => {
  it("show the webhook secret once, store it hashed, and let the new one replace the old", async () => {
    const before = await owner.integrations.tts();
    expect(before.webhook).toMatchObject({ configured: false, url: expect.stringMatching(/\/tts\/v3\/[a-z0-9-]+$/) });
    const first = await owner.integrations.rotateTtsWebhookSecret();
    expect(first.header).toBe(`Authorization: Bearer ${first.secret}`);
    const stored = await services().db.ttsIntegration.findUniqueOrThrow({ where: { tenantId: fx.tenant.id } });
    expect(JSON.stringify(stored)).not.toContain(first.secret);
    expect(JSON.stringify(await owner.integrations.tts())).not.toContain(first.secret);
    expect(await verifyTtsWebhook(services().db, fx.tenant.slug, first.secret)).toEqual({ tenantId: fx.tenant.id });
    const second = await owner.integrations.rotateTtsWebhookSecret();
    expect(await verifyTtsWebhook(services().db, fx.tenant.slug, first.secret)).toBeNull();
    expect(await verifyTtsWebhook(services().db, fx.tenant.slug, second.secret)).toEqual({ tenantId: fx.tenant.id });
    await owner.integrations.revokeTtsWebhookSecret();
    expect(await verifyTtsWebhook(services().db, fx.tenant.slug, second.secret)).toBeNull();
  });

  it("keep the MQTT API key write-only and refuse a subscription without one", async () => {
    await expect(owner.integrations.saveTtsMqtt({ enabled: true, url: "mqtts://eu1.cloud.thethings.network:8883", username: "office-app@ttn" })).rejects.toThrow(/API key/);
    await expect(owner.integrations.saveTtsMqtt({ enabled: true, url: "http://example.com", username: "office-app@ttn", apiKey: "NNSXS.ABCDEFGH" })).rejects.toThrow(/mqtts/);
    await owner.integrations.saveTtsMqtt({ enabled: true, url: "mqtts://eu1.cloud.thethings.network:8883", username: "office-app@ttn", apiKey: "NNSXS.SECRET-KEY-123" });
    const shown = await owner.integrations.tts();
    expect(shown.mqtt).toMatchObject({ enabled: true, apiKeySet: true, username: "office-app@ttn", topic: "v3/office-app@ttn/devices/+/up", status: "UNKNOWN" });
    expect(JSON.stringify(shown)).not.toContain("SECRET-KEY-123");
    const subscriptions = await listTtsMqttSubscriptions(services().db, services().box);
    expect(subscriptions.find((s) => s.tenantId === fx.tenant.id)).toMatchObject({ apiKey: "NNSXS.SECRET-KEY-123" });
  });
});

describe("onboarding other kinds", () => {
  it("onboards a LoRaWAN device by DevEUI and a small device with write-only keys, and finds them by id", async () => {
    const lora = await owner.devices.create({ kind: "LORAWAN", sourceEurid: "70-B3-D5-7E-D0-00-00-01", friendlyId: "Cellar", payloadDecoder: "cayenne-lpp" });
    expect(lora).toMatchObject({ kind: "LORAWAN", sourceEurid: "70b3d57ed0000001", eep: "LORAWAN", payloadDecoder: "cayenne-lpp" });
    const small = await owner.devices.create({ kind: "SMALL_DEVICE", sourceEurid: "esp-12fa", aesKey: "2B7E151628AED2A6ABF7158809CF4F3C", hmacKey: "00".repeat(32) });
    expect(small).toMatchObject({ kind: "SMALL_DEVICE", sourceEurid: "esp-12fa", eep: "SMALL-DEVICE", secured: true });
    const detail = await owner.devices.get({ sourceEurid: "esp-12fa" });
    expect(detail).toMatchObject({ hmacKeySet: true, lastSequence: null });
    expect(JSON.stringify(detail)).not.toMatch(/2b7e151628aed2a6abf7158809cf4f3c/i);
    await expect(owner.devices.create({ kind: "LORAWAN", sourceEurid: "70b3d57e" })).rejects.toThrow(/DevEUI/);
    await expect(owner.devices.create({ kind: "SMALL_DEVICE", sourceEurid: "esp-nokey" })).rejects.toThrow(/AES-128 key/);
    await expect(owner.devices.create({ sourceEurid: "01020304" })).rejects.toThrow(/EEP/);
    const updated = await owner.devices.update({ sourceEurid: "70B3D57ED0000001", payloadDecoder: "json" });
    expect(updated.payloadDecoder).toBe("json");
    const listed = await owner.devices.list({ search: "cellar" });
    expect(listed.rows.map((r) => [r.kind, r.sourceEurid])).toEqual([["LORAWAN", "70b3d57ed0000001"]]);
  });
});
