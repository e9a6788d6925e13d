/// <reference lib="dom" />
// The portal end to end, as a customer and a platform admin use it, with the real pipeline
// (gateway endpoint, workers, built-in broker) running in-process: sign in, onboard a device by
// form and ten by CSV (the dry run catches a bad row), watch a simulated telegram arrive live on
// the device page and its chart, create MQTT egress targets (the tenant's own broker, tested; the
// built-in broker, whose delivered counter rises as telegrams go out), create an API key and use
// it against the REST API, and, as platform admin, issue a license whose device limit then shows
// on the tenant's dashboard.
import { mkdirSync } from "node:fs";
import { randomBytes } from "node:crypto";
import type { Browser, Page } from "playwright-core";
import mqtt from "mqtt";
import WebSocket from "ws";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { encodeEsp3 } from "@tidewire/decoder";
import { seedDemo } from "@tidewire/db";
import { basicAuth, launchChromium, startWeb, type RunningWeb } from "@tidewire/testkit";
import { startPipeline, type Pipeline } from "../support/pipeline-harness";

const ARTIFACTS = "test-artifacts/screenshots";
const OWNER = "owner@walkthrough.test";
const ADMIN = "admin@walkthrough.test";
const secrets = {
  ownerPassword: "owner-pass-789",
  adminPassword: "admin-pass-789",
  gatewayToken: `twg_${randomBytes(12).toString("hex")}`,
  apiKeyId: `tw_walk_${randomBytes(4).toString("hex")}`,
  apiKeySecret: `tws_${randomBytes(12).toString("hex")}`,
};
const FORM_EURID = "01f00001";
/** Topics of this run on the shared Mosquitto. */
const suffix = randomBytes(3).toString("hex");

let pipeline: Pipeline;
let web: RunningWeb;
let browser: Browser;
let page: Page;
const apiKey: { keyId?: string; secret?: string } = {};

const shot = (name: string) => page.screenshot({ path: `${ARTIFACTS}/walkthrough-${name}.png`, fullPage: true });

beforeAll(async () => {
  mkdirSync(ARTIFACTS, { recursive: true });
  pipeline = await startPipeline({
    before: (db, box) => seedDemo(db, box, secrets, { tenantSlug: "walkthrough", ownerEmail: OWNER, adminEmail: ADMIN }),
  });
  // The egress target below points at the machine's Mosquitto, a loopback address.
  web = await startWeb({ ...process.env, REDIS_PREFIX: pipeline.prefix, ALLOW_PRIVATE_EGRESS: "true" });
  browser = await launchChromium();
  page = await browser.newPage({ viewport: { width: 1360, height: 900 } });
});

afterAll(async () => {
  await browser?.close();
  await web?.stop();
  await pipeline?.stop();
});

async function signIn(email: string, password: string) {
  await page.goto(`${web.url}/sign-in`);
  await page.fill("#email", email);
  await page.fill("#password", password);
  await page.click("button[type=submit]");
  await page.waitForURL(/\/(dashboard|admin)/);
}

function sendTelegram(eurid: string, data: string, dbm: number) {
  return new Promise<void>((resolve, reject) => {
    const ws = new WebSocket(`${pipeline.ingestUrl}/gateway/v1`, {
      headers: { authorization: `Bearer ${secrets.gatewayToken}`, "x-gateway-id": "walkthrough-gw" },
    });
    ws.once("open", () => {
      const frame = encodeEsp3({ type: 1, data: Buffer.from(`a5${data}${eurid}00`, "hex"), optionalData: Uint8Array.from([0, 255, 255, 255, 255, dbm, 0]) });
      ws.send(Buffer.from(frame), () => {
        ws.close();
        resolve();
      });
    });
    ws.once("error", reject);
  });
}

describe("portal walkthrough", () => {
  it("signs the owner in to the dashboard", async () => {
    await signIn(OWNER, secrets.ownerPassword);
    await page.waitForSelector("[data-testid=stat-devices]");
    expect(await page.locator("[data-testid=stat-devices]").textContent()).toContain("7");
    await shot("1-dashboard");
  });

  it("onboards a device with the form, choosing its EEP from the decoder's profiles", async () => {
    await page.goto(`${web.url}/devices/new`);
    await page.fill("#sourceEurid", FORM_EURID);
    await page.fill("#friendlyId", "Walkthrough room");
    await page.fill("#location", "Level 3 / Room 301");
    await page.fill("[aria-label='Filter profiles']", "A5-02-05");
    await page.selectOption("#eep", "A5-02-05");
    // The picker shows what the profile outputs.
    await page.waitForSelector("[data-testid=eep-fields] code:text('temperature')");
    await page.fill("#tags", "walkthrough, hvac");
    await page.fill("#expectedIntervalSec", "600");
    await shot("2-onboarding-form");
    await page.click("button[type=submit]:text('Onboard device')");
    await page.waitForURL(new RegExp(`/devices/${FORM_EURID}$`));
    await page.waitForSelector("[data-testid=device-title]");
    expect(await page.locator("[data-testid=device-title]").textContent()).toContain("Walkthrough room");
  });

  it("imports ten devices from CSV after a dry run that catches a bad row", async () => {
    const good = Array.from({ length: 10 }, (_, i) => `${(0x02f00000 + i).toString(16).padStart(8, "0")},A5-04-01,Import ${i + 1},Level 4,imported;climate,true,900`);
    const header = "sourceEurid,eep,friendlyId,location,tags,active,expectedIntervalSec";
    const withBadRow = [header, ...good.slice(0, 5), "02f0000Z,A5-04-01,Broken id,Level 4,imported,true,900", ...good.slice(5)].join("\n");
    await page.goto(`${web.url}/devices/import`);
    await page.setInputFiles("input[type=file]", { name: "devices.csv", mimeType: "text/csv", buffer: Buffer.from(withBadRow) });
    await page.click("button:text('Check file (dry run)')");
    await page.waitForSelector("[data-testid=dry-run-problems]");
    const badRow = page.locator("table[aria-label='Dry run'] tr[data-line='7']");
    expect(await badRow.textContent()).toContain("sourceEurid: an EURID is up to 8 hex digits");
    expect(await page.locator("[data-testid=dry-run-summary]").textContent()).toContain("1 with problems");
    expect(await page.locator("button:text('Import 10 devices')").isDisabled()).toBe(true);
    await shot("3-import-dry-run-bad-row");

    // The person fixes the file and checks it again: now it is clean and can be imported.
    await page.setInputFiles("input[type=file]", { name: "devices-fixed.csv", mimeType: "text/csv", buffer: Buffer.from([header, ...good].join("\n")) });
    await page.click("button:text('Check file (dry run)')");
    await page.waitForSelector("text=Every row is fine");
    await page.click("button:text('Import 10 devices')");
    await page.waitForSelector("[data-testid=import-done]");
    expect(await page.locator("[data-testid=import-done]").textContent()).toContain("10 onboarded");
    expect(await page.locator("[role=progressbar]").getAttribute("aria-valuenow")).toBe("10");
    await shot("4-import-done");

    await page.goto(`${web.url}/devices?tag=imported`);
    await page.waitForSelector("table[aria-label=Devices][data-total='10']");
  });

  it("shows a simulated telegram live on the device page, in its values and its chart", async () => {
    await page.goto(`${web.url}/devices/${FORM_EURID}`);
    await page.waitForSelector("[data-testid=live-values] .tw-muted");
    await page.waitForSelector(".live-indicator[data-state=open]");
    // A5-02-05: temperature byte 0x80 is 19.92 °C (255..0 maps to 0..40 °C).
    await sendTelegram(FORM_EURID, "00008008", 66);
    const value = page.locator("[data-testid=live-values] [data-key=temperature]");
    await value.waitFor({ timeout: 15_000 });
    expect(await value.textContent()).toBe("19.92 °C");
    const chart = page.locator("[data-chart=temperature] .tw-chart");
    await chart.waitFor();
    expect(Number(await chart.getAttribute("data-points"))).toBeGreaterThanOrEqual(1);
    expect(await page.locator("[data-chart=temperature] h3").textContent()).toContain("19.92");
    // The telegram list shows it with its raw data and the gateway that heard it.
    const telegram = page.locator("table[aria-label='Last telegrams'] tbody tr").first();
    await telegram.waitFor();
    expect(await telegram.textContent()).toContain("walkthrough-gw");
    expect(await telegram.textContent()).toContain("-66 dBm");
    await sendTelegram(FORM_EURID, "00006608", 70);
    await page.waitForFunction(() => document.querySelector("[data-chart=temperature] .tw-chart")?.getAttribute("data-points") === "2");
    // The workers' statistics reach the page shortly after.
    await page.waitForSelector("[data-testid=stat-total]:text('2')", { timeout: 15_000 });
    await shot("5-device-live");
  });

  it("creates an MQTT egress target through the form, tests its connection, and sees its delivered counter rise", async () => {
    // What the tenant's own broker (the machine's Mosquitto) receives.
    const subscriber = await mqtt.connectAsync(process.env.MQTT_TEST_URL!, { reconnectPeriod: 0 });
    const received: string[] = [];
    subscriber.on("message", (topic) => received.push(topic));
    await subscriber.subscribeAsync(`walkthrough-${suffix}/#`, { qos: 1 });
    try {
      await page.goto(`${web.url}/egress/new`);
      await page.selectOption("#target-kind", "MQTT");
      await page.fill("#target-name", "Building MQTT");
      await page.fill("#target-url", process.env.MQTT_TEST_URL!);
      await page.fill("#target-topic", `walkthrough-${suffix}/{sourceEurid}`);
      await page.fill("#target-username", "tidewire");
      await page.fill("#target-password", "broker-password");
      await page.fill("#filter-devices", FORM_EURID);
      await page.click("button:text('Test connection')");
      await page.waitForSelector(".connection-result[data-ok=true]", { timeout: 20_000 });
      await shot("6-egress-form");
      await page.click("button[type=submit]:text('Create target')");
      await page.waitForURL(/\/egress\/c[a-z0-9]+$/);
      const delivered = page.locator("[data-testid=delivered-count]");
      await delivered.waitFor();
      expect(await page.locator("text=password: set").count()).toBe(1);
      expect(await page.content()).not.toContain("broker-password");
      await page.click("button:text('Test connection')");
      await page.waitForSelector("[data-testid=connection-test] .connection-result[data-ok=true]", { timeout: 20_000 });
      // The workers pick the new target up within seconds; keep the sensor talking until they do.
      for (let i = 0; i < 30 && (await delivered.textContent()) === "0"; i++) {
        await sendTelegram(FORM_EURID, "00007008", 64);
        await page.waitForTimeout(1000);
      }
      expect(Number(await delivered.textContent())).toBeGreaterThanOrEqual(1);
      expect(received).toContain(`walkthrough-${suffix}/${FORM_EURID}`);
      await page.waitForSelector("[data-testid=target-status]:text('healthy')");
      await shot("6a-mqtt-target-delivering");
    } finally {
      await subscriber.endAsync();
    }
  });

  it("creates a built-in MQTT broker target and sees its delivered counter rise as telegrams go out", async () => {
    await page.goto(`${web.url}/egress/new`);
    await page.selectOption("#target-kind", "BUILTIN_MQTT");
    await page.fill("#target-name", "Walkthrough built-in");
    await page.fill("#target-topic", "walkthrough/{sourceEurid}");
    await page.fill("#filter-devices", FORM_EURID);
    await page.click("button[type=submit]:text('Create target')");
    await page.waitForURL(/\/egress\/c[a-z0-9]+$/);
    const delivered = page.locator("[data-testid=delivered-count]");
    expect(await delivered.textContent()).toBe("0");
    // The workers pick the new target up within seconds; keep the sensor talking until they do.
    for (let i = 0; i < 20 && (await delivered.textContent()) === "0"; i++) {
      await sendTelegram(FORM_EURID, "00007008", 64);
      await page.waitForTimeout(1000);
    }
    expect(Number(await delivered.textContent())).toBeGreaterThanOrEqual(1);
    await page.waitForSelector("[data-testid=target-status]:text('healthy')");
    await shot("6b-builtin-target-delivering");
  });

  it("creates an API key in the portal and uses it against the REST API", async () => {
    await page.goto(`${web.url}/settings/api-keys`);
    await page.fill("#key-name", "Walkthrough script");
    await page.click("button[type=submit]:text('Create key')");
    await page.waitForSelector("[data-testid=new-api-key]");
    apiKey.keyId = (await page.locator("[data-testid=key-id]").textContent())!;
    apiKey.secret = (await page.locator("[data-testid=secret-value]").textContent())!;
    await shot("7-api-key-created");
    const auth = { authorization: basicAuth(apiKey.keyId, apiKey.secret) };
    const res = await fetch(`${web.url}/api/v1/devices/${FORM_EURID}`, { headers: auth });
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ sourceEurid: FORM_EURID, friendlyId: "Walkthrough room" });
    const iotc = await fetch(`${web.url}/api.beta/v1/device/${FORM_EURID}`, { headers: auth });
    expect(await iotc.json()).toMatchObject({ friendlyID: "Walkthrough room", eep: "a5-02-05", activeFlag: "true" });
    // The key only reads: a change is refused.
    const refused = await fetch(`${web.url}/api/v1/devices/${FORM_EURID}`, { method: "DELETE", headers: auth });
    expect(refused.status).toBe(403);
    await page.reload();
    await page.waitForSelector(`tr[data-key-id='${apiKey.keyId}']`);
    expect(await page.content()).not.toContain(apiKey.secret);
  });

  it("lets the platform admin issue a license whose device limit shows on the tenant's dashboard", async () => {
    await page.click("button:text('Sign out')");
    await page.waitForURL(/\/sign-in/);
    await signIn(ADMIN, secrets.adminPassword);
    await page.goto(`${web.url}/admin`);
    const row = page.locator("tr[data-tenant=walkthrough]");
    await row.waitFor();
    expect(await row.textContent()).toContain("18 / 25");
    await shot("8-license-portal");
    await row.locator("a").click();
    await page.waitForSelector("form[aria-label='Issue a license']");
    await page.fill("#license-maxDevices", "40");
    await page.fill("#license-maxGateways", "5");
    await page.fill("#license-validUntil", "2030-12-31");
    await page.click("button:text('Issue license')");
    await page.waitForSelector("tr[data-license=active]");
    await shot("9-license-issued");

    await page.click("button:text('Sign out')");
    await page.waitForURL(/\/sign-in/);
    await signIn(OWNER, secrets.ownerPassword);
    await page.waitForSelector("[data-testid=usage-devices]");
    expect(await page.locator("[data-testid=usage-devices]").textContent()).toContain("18 of 40");
    expect(await page.locator("[data-testid=stat-devices]").textContent()).toContain("of 40 licensed");
    expect(await page.locator("[data-testid=license-usage]").textContent()).toContain("Licensed until 31 December 2030");
    await shot("10-dashboard-licensed");
  });

  it("keeps an audit log of every change, secrets left out", async () => {
    await page.goto(`${web.url}/settings/audit`);
    await page.waitForSelector("table[aria-label='Audit log']");
    for (const action of ["devices.create", "deviceImport.write", "egress.create", "apiKeys.create"]) {
      expect(await page.locator(`tr[data-action='${action}']`).count()).toBeGreaterThan(0);
    }
    const targetRow = page.locator("tr[data-action='egress.create']").filter({ hasText: "Building MQTT" });
    expect(await targetRow.textContent()).toContain(OWNER);
    expect(await targetRow.textContent()).toContain('"password":"[set]"');
    expect(await page.content()).not.toContain("broker-password");
    await shot("11-audit-log");
  });
});
