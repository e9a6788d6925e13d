// Sign in, open the devices page, and watch a telegram sent by a gateway show up decoded
// without reloading the page.
import { mkdirSync } from "node:fs";
import { randomBytes } from "node:crypto";
import type { Browser } from "playwright-core";
import WebSocket from "ws";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { encodeEsp3 } from "@tidewire/decoder";
import { seedDemo } from "@tidewire/db";
import { launchChromium, startWeb, type RunningWeb } from "@tidewire/testkit";
import { startPipeline, type Pipeline } from "../support/pipeline-harness";

const ARTIFACTS = "test-artifacts/screenshots";
const OWNER = "owner@e2e-live.test";
const secrets = {
  ownerPassword: "owner-pass-456",
  adminPassword: "admin-pass-456",
  gatewayToken: `twg_${randomBytes(12).toString("hex")}`,
  apiKeyId: `tw_live_${randomBytes(4).toString("hex")}`,
  apiKeySecret: `tws_${randomBytes(12).toString("hex")}`,
};

let pipeline: Pipeline;
let web: RunningWeb;
let browser: Browser;

beforeAll(async () => {
  mkdirSync(ARTIFACTS, { recursive: true });
  // Seed first, as npm start does: the workers pick up the built-in target when they start.
  pipeline = await startPipeline({
    before: (db, box) => seedDemo(db, box, secrets, { tenantSlug: "e2e-live", ownerEmail: OWNER, adminEmail: "admin@e2e-live.test" }),
  });
  web = await startWeb({ ...process.env, REDIS_PREFIX: pipeline.prefix });
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await web?.stop();
  await pipeline?.stop();
});

describe("live values in the portal", () => {
  it("shows the CO2 sensor's decoded value as soon as its telegram arrives, without a reload", async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    await page.goto(`${web.url}/sign-in`);
    await page.fill("#email", OWNER);
    await page.fill("#password", secrets.ownerPassword);
    await page.click("button[type=submit]");
    // Signing in lands on the dashboard; the devices are one click away.
    await page.waitForURL(/\/dashboard/);
    await page.goto(`${web.url}/devices`);
    await page.waitForSelector(".live-indicator[data-state=open]");
    const co2Cell = page.locator("tr[data-eurid='051b03c9'] [data-key='co2']");
    expect(await co2Cell.count()).toBe(0);

    const ws = await new Promise<WebSocket>((resolve, reject) => {
      const socket = new WebSocket(`${pipeline.ingestUrl}/gateway/v1`, {
        headers: { authorization: `Bearer ${secrets.gatewayToken}`, "x-gateway-id": "browser-gw" },
      });
      socket.once("open", () => resolve(socket));
      socket.once("error", reject);
    });
    const data = Buffer.from("a500005008" + "051b03c9" + "01", "hex");
    ws.send(Buffer.from(encodeEsp3({ type: 1, data, optionalData: Uint8Array.from([0, 255, 255, 255, 255, 77, 0]) })));

    await co2Cell.waitFor({ timeout: 15_000 });
    expect(await co2Cell.textContent()).toBe("627.45 ppm");
    expect(await page.locator("tr[data-eurid='051b03c9']").textContent()).toContain("-77 dBm");
    await page.screenshot({ path: `${ARTIFACTS}/devices-live-co2.png`, fullPage: true });
    ws.close();
    await page.close();
  });
});
