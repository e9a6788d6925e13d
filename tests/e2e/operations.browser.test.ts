/// <reference lib="dom" />
// Running an installation from the portal: a devices table of 10,000 sensors, learn mode offering
// the devices that announce themselves, a silent sensor raising an alarm on the dashboard, the
// gateways page with its credentials, and an egress target's dead letters replayed.
import { randomBytes } from "node:crypto";
import { mkdirSync } from "node:fs";
import { Queue } from "bullmq";
import { Redis } from "ioredis";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { channels, type TeachInEvent } from "@tidewire/config";
import { applyGatewayStats, createDb, registerGateway, SecretBox, upsertDevice, upsertDevices, type Db } from "@tidewire/db";
import { deliveryQueueName, REPLAY_JOB, saveEgressTarget } from "@tidewire/egress";
import { createTenantFixture, launchChromium, startWeb, type RunningWeb, type TenantFixture } from "@tidewire/testkit";

const ARTIFACTS = "test-artifacts/screenshots";
let db: Db;
let box: SecretBox;
let redis: Redis;
let web: RunningWeb;
let browser: Browser;
let page: Page;
let fx: TenantFixture;
let big: TenantFixture;
// This portal's own Redis prefix: its housekeeping lock is then its own, so alarms are evaluated
// at this test's pace however many other portals the run has started.
const prefix = `${process.env.REDIS_PREFIX}:${randomBytes(3).toString("hex")}`;

beforeAll(async () => {
  mkdirSync(ARTIFACTS, { recursive: true });
  db = createDb(process.env.DATABASE_URL!);
  box = new SecretBox(process.env.TIDEWIRE_MASTER_KEY!);
  redis = new Redis(process.env.REDIS_URL!);
  fx = await createTenantFixture(db, "ops");
  big = await createTenantFixture(db, "ops-big");
  for (let i = 0; i < 10_000; i += 2500) {
    await upsertDevices(
      db,
      box,
      big.tenant.id,
      Array.from({ length: 2500 }, (_, j) => ({
        sourceEurid: (0x0d000000 + i + j).toString(16),
        eep: "A5-02-05",
        friendlyId: `Sensor ${String(i + j).padStart(5, "0")}`,
        location: `Level ${(i + j) % 12}`,
        tags: [`floor-${(i + j) % 12}`],
      })),
    );
  }
  // Alarms are evaluated every 2 s here, so a silent sensor shows up quickly.
  web = await startWeb({ ...process.env, REDIS_PREFIX: prefix, ALARM_INTERVAL_SECONDS: "2" });
  browser = await launchChromium();
  page = await browser.newPage({ viewport: { width: 1360, height: 900 } });
});

afterAll(async () => {
  await browser?.close();
  await web?.stop();
  redis?.disconnect();
  await db?.$disconnect();
});

async function signIn(email: string, password: string) {
  await page.context().clearCookies();
  await page.goto(`${web.url}/sign-in`);
  await page.fill("#email", email);
  await page.fill("#password", password);
  await page.click("button[type=submit]");
  await page.waitForURL(/\/dashboard/);
}

describe("operating an installation", () => {
  it("searches, sorts and pages a table of 10,000 devices", async () => {
    await signIn(big.owner.email, big.password);
    await page.goto(`${web.url}/devices`);
    await page.waitForSelector("table[aria-label=Devices][data-total='10000']");
    expect(await page.locator(".tw-pagination-range").textContent()).toBe("1–50 of 10,000");
    await page.fill("[aria-label='Search devices']", "Sensor 0999");
    await page.waitForSelector("table[aria-label=Devices][data-total='10']");
    await page.fill("[aria-label='Search devices']", "");
    await page.waitForSelector("table[aria-label=Devices][data-total='10000']");
    // The second click reverses the order the first one set: wait for that state to render.
    await page.click("button[data-sort=sourceEurid]");
    await page.waitForSelector("th[aria-sort=ascending] button[data-sort=sourceEurid]");
    await page.click("button[data-sort=sourceEurid]");
    await page.waitForSelector("th[aria-sort=descending] button[data-sort=sourceEurid]");
    await page.waitForSelector("table[aria-label=Devices] tbody tr:first-child[data-eurid='0d00270f']");
    await page.click("[aria-label='Last page']");
    await page.waitForSelector("table[aria-label=Devices] tbody tr:first-child[data-eurid='0d000031']");
    expect(await page.locator(".tw-pagination-range").textContent()).toBe("9,951–10,000 of 10,000");
    expect(page.url()).toContain("page=200");
    await page.screenshot({ path: `${ARTIFACTS}/operations-10000-devices.png`, fullPage: true });
  });

  it("tells a tenant over its device limit, on every page, how many devices' telegrams are dropped", async () => {
    await signIn(big.owner.email, big.password);
    // The portal's housekeeping applies the limit (here the trial's) within seconds.
    const banner = page.locator("[data-testid=license-banner]");
    for (let i = 0; i < 30 && (await banner.count()) === 0; i++) {
      await page.waitForTimeout(1000);
      await page.goto(`${web.url}/gateways`);
    }
    expect(await banner.textContent()).toMatch(/Over your license\. The telegrams of [\d,]+ devices over the limit are dropped, not processed\./);
    await page.goto(`${web.url}/dashboard`);
    await page.waitForSelector("[data-testid=license-usage]", { timeout: 30_000 });
    await page.screenshot({ path: `${ARTIFACTS}/operations-license-banner.png`, fullPage: true });
    await banner.locator("a").click();
    await page.waitForURL(/\/settings$/);
    await page.waitForSelector("[data-testid=license-usage] [role=alert]");
  });

  it("offers the devices that announce themselves in learn mode, ready to onboard", async () => {
    await signIn(fx.owner.email, fx.password);
    await page.goto(`${web.url}/devices/learn`);
    await page.click("button:text('Start learn mode')");
    await page.waitForSelector(".live-indicator[data-state=open]");
    const teachIn: TeachInEvent = {
      sourceEurid: "01a2b3f0",
      eep: "A5-02-05",
      manufacturerId: "046",
      teachInType: "4BS",
      seenAt: new Date().toISOString(),
      rssi: 58,
      gateway: "ap-lobby",
    };
    await redis.publish(channels.teachIn(prefix, fx.tenant.id), JSON.stringify(teachIn));
    const row = page.locator("table[aria-label='Announced devices'] tr[data-eurid='01a2b3f0']");
    await row.waitFor();
    expect(await row.textContent()).toContain("A5-02-05");
    expect(await row.textContent()).toContain("ap-lobby");
    await page.screenshot({ path: `${ARTIFACTS}/operations-learn-mode.png` });
    await row.locator("a:text('Onboard')").click();
    await page.waitForURL(/\/devices\/new\?eurid=01a2b3f0&eep=A5-02-05/);
    // The announced profile is chosen, and its fields shown, once the profile list has loaded.
    await page.waitForSelector("[data-testid=eep-fields] code:text('temperature')");
    expect(await page.inputValue("#sourceEurid")).toBe("01a2b3f0");
    expect(await page.inputValue("#eep")).toBe("A5-02-05");
    await page.fill("#friendlyId", "Learned sensor");
    await page.click("button[type=submit]:text('Onboard device')");
    await page.waitForURL(/\/devices\/01a2b3f0$/);
  });

  it("raises an alarm on the dashboard when a sensor stays silent past its expected interval", async () => {
    const device = await upsertDevice(db, box, fx.tenant.id, { sourceEurid: "0a1a2a3a", eep: "A5-02-05", friendlyId: "Cellar thermometer", expectedIntervalSec: 60 });
    await db.device.update({ where: { id: device.id }, data: { createdAt: new Date(Date.now() - 3_600_000) } });
    await page.goto(`${web.url}/dashboard`);
    await page.waitForSelector("[data-testid=stat-alarms]");
    const alarm = page.locator("table[aria-label=Alarms] tr[data-alarm=SILENT]").filter({ hasText: "Cellar thermometer" });
    await alarm.waitFor({ timeout: 20_000 });
    expect(await alarm.textContent()).toContain("has not sent anything since it was onboarded");
    expect(await page.locator("[data-testid=stat-alarms] .tw-stat-value").textContent()).not.toBe("0");
    expect(await page.locator("[data-health=alarm] strong").textContent()).not.toBe("0");
    await page.screenshot({ path: `${ARTIFACTS}/operations-alarm-dashboard.png`, fullPage: true });
  });

  it("shows gateways with health and statistics, and hands out a gateway token once", async () => {
    const gateway = await registerGateway(db, fx.tenant.id, { kind: "ARUBA", mac: "d01546c204a2", hardwareDescriptor: "AP-305", softwareVersion: "8.7.1.1-8.7.1.1" });
    await db.gateway.update({ where: { id: gateway.id }, data: { usbHealth: "HEALTHY", apHealth: "HEALTHY", lastHealthAt: new Date() } });
    await applyGatewayStats(db, [{ tenantId: fx.tenant.id, id: gateway.id, total: 78662, processed: 78660, notProcessed: 2, notProcessedByReason: { NOT_ONBOARDED: 2 }, lastSeenAt: new Date() }]);
    await page.goto(`${web.url}/gateways`);
    const row = page.locator("table[aria-label=Gateways] tr[data-mac=d01546c204a2]");
    await row.waitFor();
    expect(await row.textContent()).toContain("78,662");
    expect(await row.textContent()).toContain("NOT_ONBOARDED: 2");
    expect(await row.textContent()).toContain("healthy");
    // The license's gateway limit, next to the gateways it applies to.
    expect(await page.locator("[data-testid=gateway-limit]").textContent()).toMatch(/1\s*of\s*\d+/);
    await page.fill("[aria-label='Token name']", "Basement gateway");
    await page.click("button:text('Create token')");
    const token = (await page.locator("[data-testid=secret-value]").textContent())!;
    expect(token).toMatch(/^twg_/);
    await page.fill("#aruba-username", `ops-aps-${fx.tenant.slug}`);
    await page.fill("#aruba-password", "aruba-password-123");
    await page.fill("#aruba-macs", "d0:15:46:c2:04:a2");
    await page.click("button:text('Save Aruba credentials')");
    await page.waitForSelector("text=1 allowed access point");
    await page.screenshot({ path: `${ARTIFACTS}/operations-gateways.png`, fullPage: true });
    await page.reload();
    await page.waitForSelector("text=Basement gateway");
    expect(await page.content()).not.toContain(token);
  });

  it("names the gateways over the license's gateway limit, whose frames are dropped", async () => {
    // The trial allows two gateways; the third to register is over the limit.
    for (const mac of ["d01546c204b1", "d01546c204b2"]) {
      await registerGateway(db, fx.tenant.id, { kind: "GENERIC", mac, hardwareDescriptor: "Tidewire simulator", softwareVersion: "1.0" }, { licensePublicKey: process.env.LICENSE_PUBLIC_KEY! });
    }
    await page.goto(`${web.url}/gateways`);
    const card = page.locator("[data-testid=gateway-license]");
    await card.locator("[role=alert]").waitFor({ timeout: 15_000 });
    expect(await card.textContent()).toContain("1 gateway is over the limit of 2: every frame it sends is dropped");
    expect(await card.textContent()).toContain("d01546c204b2");
    expect(await page.locator("tr[data-mac=d01546c204b2]").textContent()).toContain("over the license: frames dropped");
    await page.screenshot({ path: `${ARTIFACTS}/operations-gateway-limit.png`, fullPage: true });
  });

  it("shows a failing egress target's last error and replays its dead letters", async () => {
    const target = await saveEgressTarget({ db, box, redis, prefix }, fx.tenant.id, { kind: "MQTT", name: "Partner broker", config: { url: "mqtts://broker.partner.example:8883", topic: "t/{sourceEurid}" } });
    await db.egressTarget.update({ where: { id: target.id }, data: { status: "FAILING", lastError: "connect ECONNREFUSED broker.partner.example:8883", lastErrorAt: new Date(), failed: 12, deadLettered: 1 } });
    await db.deadLetter.create({
      data: {
        tenantId: fx.tenant.id,
        targetId: target.id,
        error: "connect ECONNREFUSED",
        attempts: 8,
        payload: { v: 1, tenantId: fx.tenant.id, targetId: target.id, messages: [{ telegramId: "t1", sourceEurid: "0a1a2a3a", eep: "A5-02-05", friendlyId: "", location: "", tags: [], message: {} }] },
      },
    });
    await page.goto(`${web.url}/dashboard`);
    await page.waitForSelector("text=Partner broker");
    await page.goto(`${web.url}/egress/${target.id}`);
    await page.waitForSelector("text=connect ECONNREFUSED broker.partner.example:8883");
    await page.click("button:text('Replay all 1')");
    await page.waitForSelector("text=Replay requested for 1 dead letter");
    await page.screenshot({ path: `${ARTIFACTS}/operations-dead-letters.png`, fullPage: true });
    // The request waits at the head of the target's queue for its delivery worker.
    const queue = new Queue(deliveryQueueName(target.id), { connection: redis, prefix });
    try {
      expect((await queue.getJobs(["waiting", "prioritized"])).map((j) => j.name)).toContain(REPLAY_JOB);
    } finally {
      await queue.close();
    }
  });
});
