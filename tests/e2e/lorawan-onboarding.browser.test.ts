/// <reference lib="dom" />
// Issue 8 in the portal: onboard a LoRaWAN device through the device form, create the tenant's
// The Things Stack webhook secret on the Integrations page, and watch an uplink sent with that
// secret arrive live on the device page — its values, chart and the gateways that heard it.
import { mkdirSync } from "node:fs";
import { randomBytes } from "node:crypto";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { seedDemo } from "@tidewire/db";
import { launchChromium, startWeb, type RunningWeb } from "@tidewire/testkit";
import { startPipeline, type Pipeline } from "../support/pipeline-harness";

const ARTIFACTS = "test-artifacts/screenshots";
const OWNER = "owner@lorawan.test";
const secrets = {
  ownerPassword: "owner-pass-808",
  adminPassword: "admin-pass-808",
  gatewayToken: `twg_${randomBytes(12).toString("hex")}`,
  apiKeyId: `tw_lora_${randomBytes(4).toString("hex")}`,
  apiKeySecret: `tws_${randomBytes(12).toString("hex")}`,
};
const TENANT = "lorawan-portal";
const DEV_EUI = "70b3d57ed0000808";

let pipeline: Pipeline;
let web: RunningWeb;
let browser: Browser;
let page: Page;
let webhookHeader = "";

const shot = (name: string) => page.screenshot({ path: `${ARTIFACTS}/lorawan-${name}.png`, fullPage: true });

beforeAll(async () => {
  mkdirSync(ARTIFACTS, { recursive: true });
  pipeline = await startPipeline({
    before: (db, box) => seedDemo(db, box, secrets, { tenantSlug: TENANT, ownerEmail: OWNER, adminEmail: "admin@lorawan.test" }),
  });
  web = await startWeb({ ...process.env, REDIS_PREFIX: pipeline.prefix, INGEST_PUBLIC_URL: pipeline.ingestHttpUrl });
  browser = await launchChromium();
  page = await browser.newPage({ viewport: { width: 1360, height: 900 } });
  await page.goto(`${web.url}/sign-in`);
  await page.fill("#email", OWNER);
  await page.fill("#password", secrets.ownerPassword);
  await page.click("button[type=submit]");
  await page.waitForURL(/\/dashboard/);
});

afterAll(async () => {
  await browser?.close();
  await web?.stop();
  await pipeline?.stop();
});

describe("LoRaWAN devices in the portal", () => {
  it("onboards a LoRaWAN device with the form: kind, DevEUI and payload decoder", async () => {
    await page.goto(`${web.url}/devices/new`);
    await page.selectOption("#kind", "LORAWAN");
    await page.waitForSelector("label[for=sourceEurid]:text('DevEUI')");
    // EnOcean-only parts leave the form.
    expect(await page.locator("#eep").count()).toBe(0);
    expect(await page.locator("#slf").count()).toBe(0);
    await page.fill("#sourceEurid", "70-B3-D5-7E-D0-00-08-08");
    await page.fill("#friendlyId", "Cold store");
    await page.fill("#location", "Basement");
    await page.selectOption("#payloadDecoder", "cayenne-lpp");
    await page.fill("#ttsApplicationId", "warehouse-sensors");
    await page.fill("#expectedIntervalSec", "900");
    await shot("1-form");
    await page.click("button[type=submit]:text('Onboard device')");
    await page.waitForURL(new RegExp(`/devices/${DEV_EUI}$`));
    await page.waitForSelector("[data-testid=device-title]");
    expect(await page.locator("[data-testid=device-title]").textContent()).toContain("Cold store");
    expect(await page.locator("text=Cayenne").count() + (await page.locator("text=cayenne-lpp").count())).toBeGreaterThan(0);
    await shot("2-device-page");

    await page.goto(`${web.url}/devices?q=cold`);
    const row = page.locator(`tr[data-eurid='${DEV_EUI}']`);
    await row.waitFor();
    expect(await row.locator("td[data-kind=LORAWAN]").textContent()).toContain("LoRaWAN");
    // Filtering by kind: the demo tenant's EnOcean devices leave, the LoRaWAN device stays.
    await page.goto(`${web.url}/devices?kind=LORAWAN`);
    await page.waitForSelector("table[aria-label=Devices][data-total='1']");
    expect(await page.locator(`tr[data-eurid='${DEV_EUI}']`).count()).toBe(1);
  });

  it("shows the webhook URL and its secret once on the Integrations page", async () => {
    await page.goto(`${web.url}/settings/integrations`);
    await page.waitForSelector("[data-testid=tts-webhook-url]");
    expect(await page.locator("[data-testid=tts-webhook-url]").textContent()).toBe(`${pipeline.ingestHttpUrl}/tts/v3/${TENANT}`);
    await page.click("button:text('Create the webhook secret')");
    const value = page.locator("[data-testid=tts-webhook-secret] [data-testid=secret-value]");
    await value.waitFor();
    webhookHeader = (await value.textContent())!.trim();
    expect(webhookHeader).toMatch(/^Bearer twh_/);
    await shot("3-integrations");
    await page.click("button:text('Done')");
    await page.waitForSelector("text=starts with");
    expect(await page.content()).not.toContain(webhookHeader.slice(7));
  });

  it("shows an uplink sent to the webhook live on the device page, with its gateways", async () => {
    await page.goto(`${web.url}/devices/${DEV_EUI}`);
    await page.waitForSelector(".live-indicator[data-state=open]");
    // Cayenne LPP: temperature 4.2 °C on channel 1.
    const body = {
      end_device_ids: { device_id: "cold-store", application_ids: { application_id: "warehouse-sensors" }, dev_eui: DEV_EUI.toUpperCase() },
      received_at: new Date().toISOString(),
      uplink_message: {
        session_key_id: "AXA50tHUGUucuzS/bCGMNw==",
        f_port: 1,
        f_cnt: 12,
        frm_payload: Buffer.from("0167002a", "hex").toString("base64"),
        rx_metadata: [
          { gateway_ids: { gateway_id: "warehouse-gw" }, rssi: -61, snr: 7.5 },
          { gateway_ids: { gateway_id: "yard-gw" }, rssi: -98, snr: -3 },
        ],
      },
    };
    const res = await fetch(`${pipeline.ingestHttpUrl}/tts/v3/${TENANT}/uplink`, {
      method: "POST",
      headers: { authorization: webhookHeader, "content-type": "application/json" },
      body: JSON.stringify(body),
    });
    expect(res.status).toBe(202);
    const value = page.locator("[data-testid=live-values] [data-key=temperature_1]");
    await value.waitFor({ timeout: 20_000 });
    expect(await value.textContent()).toBe("4.2 °C");
    const chart = page.locator("[data-chart=temperature_1] .tw-chart");
    await chart.waitFor();
    const telegram = page.locator("table[aria-label='Last telegrams'] tbody tr").first();
    await telegram.waitFor();
    expect(await telegram.textContent()).toContain("warehouse-gw");
    expect(await telegram.textContent()).toContain("yard-gw");
    expect(await telegram.textContent()).toContain("-98 dBm");
    await shot("4-device-live");
  });
});
