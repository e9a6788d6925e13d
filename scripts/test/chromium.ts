import { execFileSync, spawnSync } from "node:child_process";

/** Path of Debian's chromium for the browser tests; installs it when missing and the machine
 * allows it. Throws a message naming exactly what to install otherwise (never a silent skip). */
export function ensureChromium(): string {
  const found = () => spawnSync("sh", ["-c", "command -v chromium || command -v chromium-browser"], { encoding: "utf8" }).stdout.trim();
  let path = found();
  if (path) return path;
  const isRoot = process.getuid?.() === 0;
  const hasApt = spawnSync("sh", ["-c", "command -v apt-get"], { stdio: "ignore" }).status === 0;
  if (hasApt) {
    console.log("• Installing Debian's chromium for the browser tests (apt-get install chromium)…");
    try {
      execFileSync(isRoot ? "apt-get" : "sudo", isRoot ? ["install", "-y", "chromium"] : ["-n", "apt-get", "install", "-y", "chromium"], {
        stdio: "inherit",
        env: { ...process.env, DEBIAN_FRONTEND: "noninteractive" },
      });
    } catch {
      /* reported below */
    }
    path = found();
    if (path) return path;
  }
  throw new Error(
    "The browser tests need Chromium and it is not installed.\n" +
      "  Install it: sudo apt-get install -y chromium   (Debian/Ubuntu)\n" +
      "  or set CHROMIUM_PATH to a Chromium/Chrome executable.",
  );
}
