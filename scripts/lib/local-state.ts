import { randomBytes } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { generateLicenseKeyPair } from "@tidewire/license";

/** Secrets of a local installation, created on the first `npm start` and reused afterwards so
 * that a second start finds the same database, logins and gateway token. Never committed
 * (.tidewire/ is git-ignored). */
export interface LocalState {
  TIDEWIRE_MASTER_KEY: string;
  AUTH_SECRET: string;
  BROKER_INTERNAL_SECRET: string;
  DEMO_OWNER_PASSWORD: string;
  DEMO_ADMIN_PASSWORD: string;
  DEMO_GATEWAY_TOKEN: string;
  DEMO_API_KEY_ID: string;
  DEMO_API_KEY_SECRET: string;
  LICENSE_SIGNING_KEY: string;
  LICENSE_PUBLIC_KEY: string;
}

const random = (bytes: number) => randomBytes(bytes).toString("base64url");

export function loadLocalState(root: string): LocalState {
  const dir = path.join(root, ".tidewire");
  const file = path.join(dir, "local.json");
  if (existsSync(file)) {
    const saved = JSON.parse(readFileSync(file, "utf8")) as Partial<LocalState>;
    // Installations started before licenses existed get their platform key pair now.
    if (saved.LICENSE_SIGNING_KEY && saved.LICENSE_PUBLIC_KEY) return saved as LocalState;
    const license = generateLicenseKeyPair();
    const upgraded = { ...saved, LICENSE_SIGNING_KEY: license.privateKey, LICENSE_PUBLIC_KEY: license.publicKey } as LocalState;
    writeFileSync(file, JSON.stringify(upgraded, null, 2) + "\n", { mode: 0o600 });
    return upgraded;
  }
  mkdirSync(dir, { recursive: true });
  const license = generateLicenseKeyPair();
  const state: LocalState = {
    TIDEWIRE_MASTER_KEY: randomBytes(32).toString("base64"),
    AUTH_SECRET: random(32),
    BROKER_INTERNAL_SECRET: random(24),
    DEMO_OWNER_PASSWORD: `demo-${random(6)}`,
    DEMO_ADMIN_PASSWORD: `admin-${random(6)}`,
    DEMO_GATEWAY_TOKEN: `twg_${random(24)}`,
    DEMO_API_KEY_ID: "tw_demo",
    DEMO_API_KEY_SECRET: `tws_${random(24)}`,
    LICENSE_SIGNING_KEY: license.privateKey,
    LICENSE_PUBLIC_KEY: license.publicKey,
  };
  writeFileSync(file, JSON.stringify(state, null, 2) + "\n", { mode: 0o600 });
  return state;
}
