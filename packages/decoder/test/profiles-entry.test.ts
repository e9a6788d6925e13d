import { build } from "esbuild";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import * as profilesEntry from "../src/profiles/index";

describe("@tidewire/decoder/profiles", () => {
  it("exports the profile catalogue on its own", () => {
    expect(profilesEntry.profiles.length).toBeGreaterThanOrEqual(124);
    expect(profilesEntry.getProfile("d2-14-41")?.eep).toBe("D2-14-41");
  });

  it("bundles for the browser: no node:crypto or other Node.js built-ins behind it", async () => {
    const result = await build({
      entryPoints: [fileURLToPath(new URL("../src/profiles/index.ts", import.meta.url))],
      bundle: true,
      platform: "browser",
      format: "esm",
      write: false,
      logLevel: "silent",
    });
    expect(result.errors).toEqual([]);
    expect(result.outputFiles[0]!.text).not.toContain("node:");
  });
});
