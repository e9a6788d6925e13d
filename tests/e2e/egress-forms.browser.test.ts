/// <reference lib="dom" />
// The egress target forms of every kind that connects outside: each shows the kind's own fields,
// refuses bad input with the problem under the field it concerns, saves a valid target whose
// secrets are never shown again, and shows what the kind needs on the target's page (the Azure
// device certificate's thumbprints, the agrirouter onboarding, the EnOS measure points).
import { mkdirSync } from "node:fs";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createDb, type Db } from "@tidewire/db";
import { createTenantFixture, launchChromium, startWeb, type RunningWeb, type TenantFixture } from "@tidewire/testkit";

const ARTIFACTS = "test-artifacts/screenshots";
const SECRETS = {
  connectionString:
    "HostName=hub.example.com;DeviceId=gateway-1;SharedAccessKey=c2VjcmV0LWtleS1mb3ItdGhlLWZvcm0tdGVzdA==",
  policyConnectionString:
    "HostName=hub.example.com;SharedAccessKeyName=device;SharedAccessKey=cG9saWN5LWtleS1mb3ItdGhlLWZvcm0tdGVzdA==",
  deviceSecret: "enos-device-secret-4711",
  registrationCode: "a1b2c3d4e5",
};
let db: Db;
let web: RunningWeb;
let browser: Browser;
let page: Page;
let fx: TenantFixture;

const shot = (name: string) => page.screenshot({ path: `${ARTIFACTS}/egress-form-${name}.png`, fullPage: true });

beforeAll(async () => {
  mkdirSync(ARTIFACTS, { recursive: true });
  db = createDb(process.env.DATABASE_URL!);
  fx = await createTenantFixture(db, "egress-forms");
  web = await startWeb({ ...process.env });
  browser = await launchChromium();
  page = await browser.newPage({ viewport: { width: 1360, height: 900 } });
  await page.goto(`${web.url}/sign-in`);
  await page.fill("#email", fx.owner.email);
  await page.fill("#password", fx.password);
  await page.click("button[type=submit]");
  await page.waitForURL(/\/dashboard/);
});

afterAll(async () => {
  await browser?.close();
  await web?.stop();
  await db?.$disconnect();
});

async function newTarget(kind: string, name: string) {
  await page.goto(`${web.url}/egress/new`);
  await page.selectOption("#target-kind", kind);
  await page.fill("#target-name", name);
}

async function create() {
  await page.click("button[type=submit]:text('Create target')");
}

/** The message the form shows under a field after the server refused the settings. */
async function fieldError(field: string) {
  const error = page.locator(`[data-field-error=${field}]`);
  await error.waitFor({ timeout: 15_000 });
  return error.textContent();
}

async function savedTargetPage() {
  await page.waitForURL(/\/egress\/c[a-z0-9]+$/, { timeout: 15_000 });
  await page.waitForSelector("[data-testid=delivered-count]");
  return page.url().split("/").pop()!;
}

describe("egress target forms", () => {
  it("Azure IoT Hub: shows only the fields of the chosen authentication and names a bad connection string", async () => {
    await newTarget("AZURE_IOT_HUB", "Hub via SAS");
    expect(await page.locator("#target-hostName").count()).toBe(0);
    await page.fill("#target-connectionString", "SharedAccessKey=abc");
    await create();
    expect(await fieldError("connectionString")).toMatch(/HostName is missing/);
    await shot("1-azure-error");
    // A device's connection string cannot sign for one hub device per sensor: a policy's can.
    await page.fill("#target-connectionString", SECRETS.connectionString);
    await page.selectOption("#target-identity", "perSensor");
    await page.fill("#target-deviceIdTemplate", "enocean-{sourceEurid}");
    await create();
    await expect
      .poll(() => page.locator("[data-field-error=connectionString]").textContent(), { timeout: 15_000 })
      .toMatch(/shared access policy/);
    await page.fill("#target-connectionString", SECRETS.policyConnectionString);
    await create();
    const id = await savedTargetPage();
    expect(await page.locator("text=connectionString: set").count()).toBe(1);
    expect(await page.content()).not.toContain("cG9saWN5LWtleS1mb3ItdGhlLWZvcm0tdGVzdA");
    const stored = await db.egressTarget.findUniqueOrThrow({ where: { id } });
    expect(stored.config).toMatchObject({
      auth: "sas",
      identity: "perSensor",
      deviceIdTemplate: "enocean-{sourceEurid}",
      messageProperties: true,
    });
  });

  it("Azure IoT Hub: generates an X.509 device certificate and shows the thumbprints to paste into the hub", async () => {
    await newTarget("AZURE_IOT_HUB", "Hub via X.509");
    await page.selectOption("#target-auth", "x509");
    expect(await page.locator("#target-connectionString").count()).toBe(0);
    await page.fill("#target-hostName", "my-hub.azure-devices.net");
    await page.fill("#target-deviceId", "tidewire-gateway");
    expect(await page.locator("#target-generateCertificate").isChecked()).toBe(true);
    await shot("2-azure-x509-form");
    await create();
    await savedTargetPage();
    await page.waitForSelector("[data-testid=certificate]");
    expect(await page.locator("[data-testid=sha1]").textContent()).toMatch(/^[0-9A-F]{40}$/);
    expect(await page.locator("[data-testid=sha256]").textContent()).toMatch(/^[0-9A-F]{64}$/);
    expect(await page.content()).not.toContain("PRIVATE KEY");
    await shot("3-azure-thumbprints");
  });

  it("EnOS: refuses a non-MQTT URL under the URL field, then saves static activation with a measure-point map", async () => {
    await newTarget("ENOS", "EnOS plant");
    await page.fill("#target-url", "https://enos.example.com");
    await page.fill("#target-productKey", "prodKey1");
    await page.fill("#target-deviceKey", "devKey1");
    await page.fill("#target-deviceSecret", SECRETS.deviceSecret);
    await page.fill("#target-measurePointMap", "temperature = temp\nhumidity = rh");
    await create();
    expect(await fieldError("url")).toMatch(/mqtt:\/\/host:11883/);
    // The secret typed before the refusal is still in the form; nothing was stored.
    expect(await db.egressTarget.count({ where: { tenantId: fx.tenant.id, name: "EnOS plant" } })).toBe(0);
    await shot("4-enos-error");
    await page.fill("#target-url", "mqtts://enos.example.com:18883");
    await create();
    const id = await savedTargetPage();
    // (jsonb keeps keys in its own order)
    await page.waitForSelector("text=temperature → temp");
    await page.waitForSelector("text=humidity → rh");
    await page.waitForSelector("text=Static (securemode 2)");
    expect(await page.content()).not.toContain(SECRETS.deviceSecret);
    expect((await db.egressTarget.findUniqueOrThrow({ where: { id } })).config).toMatchObject({
      activation: "static",
      measurePointMap: { temperature: "temp", humidity: "rh" },
    });
    await shot("5-enos-saved");
  });

  it("EnOS: dynamic activation asks for the product secret instead of the device secret", async () => {
    await newTarget("ENOS", "EnOS dynamic");
    await page.selectOption("#target-activation", "dynamic");
    expect(await page.locator("#target-deviceSecret").count()).toBe(0);
    await page.waitForSelector("#target-productSecret");
  });

  it("agrirouter: names a bad time zone, then saves the registration code write-only and shows the endpoint is not onboarded yet", async () => {
    await newTarget("AGRIROUTER", "Farm agrirouter");
    await page.fill("#target-registrationCode", SECRETS.registrationCode);
    await page.selectOption("#target-mode", "DIRECT");
    await page.fill("#target-recipients", "endpoint-1, endpoint-2");
    await page.fill("#target-timeZone", "CET");
    await create();
    expect(await fieldError("timeZone")).toBeTruthy();
    await page.fill("#target-timeZone", "+01:00");
    await create();
    const id = await savedTargetPage();
    await page.waitForSelector("[data-testid=onboarding] >> text=not onboarded yet");
    expect(await page.locator("text=registrationCode: set").count()).toBe(1);
    expect(await page.content()).not.toContain(SECRETS.registrationCode);
    expect((await db.egressTarget.findUniqueOrThrow({ where: { id } })).config).toMatchObject({
      mode: "DIRECT",
      recipients: ["endpoint-1", "endpoint-2"],
      timeZone: "+01:00",
    });
    await shot("6-agrirouter-saved");
  });

  it("MQTT: editing keeps a stored password when its field is left empty", async () => {
    await newTarget("MQTT", "Partner broker");
    await page.fill("#target-url", "mqtts://broker.partner.example:8883");
    await page.fill("#target-username", "partner");
    await page.fill("#target-password", "partner-password-1");
    await create();
    const id = await savedTargetPage();
    await page.click("button:text('Edit')");
    expect(await page.locator("#target-password").getAttribute("placeholder")).toBe("set — leave empty to keep");
    await page.fill("#target-topic", "partner/{eep}/{sourceEurid}");
    await page.click("button[type=submit]:text('Save changes')");
    await page.waitForSelector("text=partner/{eep}/{sourceEurid}");
    const stored = await db.egressTarget.findUniqueOrThrow({ where: { id } });
    expect(stored.config).toMatchObject({ topic: "partner/{eep}/{sourceEurid}" });
    expect(stored.secretsEnc).toBeTruthy();
    expect(await page.content()).not.toContain("partner-password-1");
    await page.goto(`${web.url}/egress`);
    await page.waitForSelector("table[aria-label='Egress targets'] >> text=Partner broker");
    await shot("7-targets-list");
  });
});
