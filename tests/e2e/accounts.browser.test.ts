/// <reference lib="dom" />
// People's side of accounts in the browser: single sign-on through an OpenID Connect provider,
// an invitation accepted by someone new, a forgotten password reset by e-mail, and switching
// between tenants.
import { mkdirSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createDb, setMembership, type Db } from "@tidewire/db";
import { createTenantFixture, launchChromium, startWeb, type RunningWeb, type TenantFixture } from "@tidewire/testkit";
import { startFakeOidcProvider, type FakeOidcProvider } from "../support/fake-oidc-provider";

const ARTIFACTS = "test-artifacts/screenshots";
let db: Db;
let web: RunningWeb;
let browser: Browser;
let idp: FakeOidcProvider;
let fx: TenantFixture;
let second: TenantFixture;

beforeAll(async () => {
  mkdirSync(ARTIFACTS, { recursive: true });
  db = createDb(process.env.DATABASE_URL!);
  fx = await createTenantFixture(db, "people");
  second = await createTenantFixture(db, "people-two");
  await setMembership(db, second.tenant.id, fx.admin.id, "VIEWER");
  idp = await startFakeOidcProvider();
  web = await startWeb({ ...process.env, OIDC_ISSUER: idp.issuer, OIDC_CLIENT_ID: idp.clientId, OIDC_CLIENT_SECRET: idp.clientSecret, OIDC_NAME: "Test SSO" });
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await web?.stop();
  await idp?.stop();
  await db?.$disconnect();
});

/** The link in the newest e-mail to an address (the outbox: no SMTP in tests). */
function linkInMail(address: string, pathPrefix: string): string {
  const dir = process.env.MAIL_OUTBOX_DIR!;
  const file = readdirSync(dir)
    .filter((f) => f.endsWith(`-${address}.eml`))
    .sort()
    .at(-1);
  if (!file) throw new Error(`no e-mail to ${address}`);
  const text = readFileSync(path.join(dir, file), "utf8").replace(/=\r?\n/g, "").replace(/=3D/g, "=");
  return new RegExp(`https?://[^\\s]+${pathPrefix}[A-Za-z0-9_-]+`).exec(text)![0];
}

async function freshPage(): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 860 } });
  return context.newPage();
}

describe("accounts in the browser", () => {
  it("signs a member in through the OpenID Connect provider and links the account", async () => {
    idp.signInAs({ sub: "idp-user-42", email: fx.owner.email, email_verified: true, name: "Owner via SSO" });
    const page = await freshPage();
    await page.goto(`${web.url}/sign-in`);
    await page.click("button:text('Sign in with Test SSO')");
    await page.waitForURL(/\/dashboard/);
    expect(await page.locator(".portal-nav .tenant").textContent()).toContain(fx.owner.email);
    expect((await db.user.findUniqueOrThrow({ where: { id: fx.owner.id } })).oidcSubject).toBe("idp-user-42");
    await page.screenshot({ path: `${ARTIFACTS}/accounts-sso-signed-in.png` });
    await page.context().close();
  });

  it("refuses single sign-on for someone who was never invited", async () => {
    idp.signInAs({ sub: "stranger-1", email: "stranger@elsewhere.test", email_verified: true });
    const page = await freshPage();
    await page.goto(`${web.url}/sign-in`);
    await page.click("button:text('Sign in with Test SSO')");
    await page.waitForURL(/\/sign-in\?.*error=AccessDenied/);
    expect(await page.locator(".tw-alert[role=alert]").textContent()).toContain("not invited");
    expect(await db.user.count({ where: { email: "stranger@elsewhere.test" } })).toBe(0);
    await page.context().close();
  });

  it("lets an owner invite someone new, who creates an account from the e-mailed link and joins as viewer", async () => {
    const page = await freshPage();
    await page.goto(`${web.url}/sign-in`);
    await page.fill("#email", fx.owner.email);
    await page.fill("#password", fx.password);
    await page.click("button[type=submit]");
    await page.waitForURL(/\/dashboard/);
    await page.goto(`${web.url}/settings/members`);
    await page.fill("[aria-label='E-mail to invite']", "newcomer@people.test");
    await page.click("button:text('Invite')");
    await page.waitForSelector("[data-testid=secret-value]");
    await page.context().close();

    const newcomer = await freshPage();
    await newcomer.goto(linkInMail("newcomer@people.test", "/invitations/"));
    await newcomer.waitForSelector("form[aria-label='Create your account']");
    expect(await newcomer.locator("h1").textContent()).toContain(fx.tenant.name);
    await newcomer.fill("#name", "New Comer");
    await newcomer.fill("#password", "newcomer-password");
    await newcomer.click("button:text('Create account and join')");
    await newcomer.waitForURL(/\/dashboard/);
    expect(await newcomer.locator("[data-testid=current-role]").textContent()).toBe("viewer");
    // Viewers see no buttons that change things.
    await newcomer.goto(`${web.url}/devices`);
    await newcomer.waitForSelector(".tw-page-header");
    expect(await newcomer.locator("a:text('Onboard a device')").count()).toBe(0);
    await newcomer.screenshot({ path: `${ARTIFACTS}/accounts-invited-viewer.png` });
    await newcomer.context().close();
  });

  it("resets a forgotten password with the e-mailed one-time link", async () => {
    const page = await freshPage();
    await page.goto(`${web.url}/sign-in`);
    await page.click("a:text('Forgot your password?')");
    await page.waitForURL(/\/forgot-password/);
    await page.fill("#email", fx.viewer.email);
    await page.click("button:text('Send reset link')");
    await page.waitForSelector("text=an e-mail with a reset link is on its way");
    await page.goto(linkInMail(fx.viewer.email, "/reset-password/"));
    await page.fill("#password", "brand-new-password");
    await page.fill("#again", "brand-new-password");
    await page.click("button:text('Set password')");
    await page.waitForURL(/\/sign-in\?reset=1/);
    await page.fill("#email", fx.viewer.email);
    await page.fill("#password", "brand-new-password");
    await page.click("button[type=submit]");
    await page.waitForURL(/\/dashboard/);
    await page.context().close();
  });

  it("switches between the tenants a person belongs to", async () => {
    const page = await freshPage();
    await page.goto(`${web.url}/sign-in`);
    await page.fill("#email", fx.admin.email);
    await page.fill("#password", fx.password);
    await page.click("button[type=submit]");
    await page.waitForURL(/\/dashboard/);
    expect(await page.locator(".portal-nav .tenant strong").textContent()).toBe(fx.tenant.name);
    await page.selectOption("[aria-label='Switch tenant']", second.tenant.slug);
    await page.waitForFunction((name) => document.querySelector(".portal-nav .tenant strong")?.textContent === name, second.tenant.name);
    expect(await page.locator("[data-testid=current-role]").textContent()).toBe("viewer");
    await page.screenshot({ path: `${ARTIFACTS}/accounts-tenant-switched.png` });
    await page.context().close();
  });
});
