import { mkdirSync } from "node:fs";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createDb, SecretBox, seedDemo, type Db } from "@tidewire/db";
import { launchChromium, startWeb, type RunningWeb } from "@tidewire/testkit";

const ARTIFACTS = "test-artifacts/screenshots";
const OWNER = "owner@e2e-sign-in.test";
const secrets = {
  ownerPassword: "owner-pass-123",
  adminPassword: "admin-pass-123",
  gatewayToken: "twg_test_portal_token_1234567890",
  apiKeyId: "tw_portal_test",
  apiKeySecret: "tws_portal_test_secret",
};

let db: Db;
let web: RunningWeb;
let browser: Browser;

beforeAll(async () => {
  mkdirSync(ARTIFACTS, { recursive: true });
  db = createDb(process.env.DATABASE_URL!);
  await seedDemo(db, new SecretBox(process.env.TIDEWIRE_MASTER_KEY!), secrets, {
    tenantSlug: "e2e-sign-in",
    ownerEmail: OWNER,
    adminEmail: "admin@e2e-sign-in.test",
  });
  web = await startWeb();
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await web?.stop();
  await db?.$disconnect();
});

describe("portal sign-in", () => {
  it("refuses a wrong password with a plain message", async () => {
    const page = await browser.newPage();
    await page.goto(`${web.url}/devices`);
    await page.waitForURL(/\/sign-in/);
    await page.fill("#email", OWNER);
    await page.fill("#password", "not-the-password");
    await page.click("button[type=submit]");
    const alert = page.locator(".tw-alert[role=alert]");
    await alert.waitFor();
    expect(await alert.textContent()).toMatch(/do not match an account/);
    await page.close();
  });

  it("signs the owner in and lists the demo tenant's devices", async () => {
    const page = await browser.newPage();
    await page.goto(`${web.url}/sign-in`);
    await page.fill("#email", OWNER);
    await page.fill("#password", secrets.ownerPassword);
    await page.click("button[type=submit]");
    // Signing in lands on the dashboard; the devices are one click away.
    await page.waitForURL(/\/dashboard/);
    await page.goto(`${web.url}/devices`);
    await page.waitForSelector("table[aria-label=Devices] tr[data-eurid='051b03c9']");
    const rows = await page.locator("table[aria-label=Devices] tbody tr").count();
    expect(rows).toBeGreaterThanOrEqual(7);
    await expect(page.locator(".portal-nav .tenant strong").textContent()).resolves.toBe("Demo Building Co.");
    await page.screenshot({ path: `${ARTIFACTS}/devices-after-sign-in.png`, fullPage: true });
    await page.close();
  });
});
