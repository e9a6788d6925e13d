import { spawnSync } from "node:child_process";
import { chromium, type Browser } from "playwright-core";

/** Debian's chromium, driven by playwright-core (no browser download is possible here). The
 * flags keep it from reaching for the network it does not have. */
export async function launchChromium(): Promise<Browser> {
  const executablePath =
    process.env.CHROMIUM_PATH ||
    spawnSync("sh", ["-c", "command -v chromium || command -v chromium-browser"], { encoding: "utf8" }).stdout.trim();
  if (!executablePath) {
    throw new Error("Chromium is not installed: sudo apt-get install -y chromium (or set CHROMIUM_PATH). npm test installs it when it can.");
  }
  return chromium.launch({
    executablePath,
    headless: true,
    args: [
      "--headless",
      "--no-sandbox",
      "--disable-gpu",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
      "--no-first-run",
      "--disable-quic",
    ],
  });
}
