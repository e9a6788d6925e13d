// The tidewire-simulate command as npm start and the benchmarks run it.
import { spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEMO_DEVICES, listGatewayStatistics, seedDemo } from "@tidewire/db";
import { repoRoot } from "@tidewire/db/admin";
import { eventually, MessageCollector } from "../support/message-collector";
import { startPipeline, type Pipeline } from "../support/pipeline-harness";

const secrets = {
  ownerPassword: "owner-pass-123",
  adminPassword: "admin-pass-123",
  gatewayToken: `twg_${randomBytes(12).toString("hex")}`,
  apiKeyId: `tw_sim_${randomBytes(4).toString("hex")}`,
  apiKeySecret: `tws_${randomBytes(12).toString("hex")}`,
};
const TENANT = "e2e-sim-demo";
let pipeline: Pipeline;
let collector: MessageCollector;
const dir = mkdtempSync(path.join(tmpdir(), "tw-sim-"));

function simulate(args: string[], env: Record<string, string> = {}): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [path.join(repoRoot, "packages/testkit/bin/tidewire-simulate.js"), ...args], {
      cwd: repoRoot,
      env: { ...process.env, ...env },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let output = "";
    child.stdout.on("data", (d: Buffer) => (output += d.toString()));
    child.stderr.on("data", (d: Buffer) => (output += d.toString()));
    child.once("exit", (code) => resolve({ code, output }));
  });
}

beforeAll(async () => {
  pipeline = await startPipeline({
    before: (db, box) => seedDemo(db, box, secrets, { tenantSlug: TENANT, ownerEmail: "owner@e2e-sim.test", adminEmail: "admin@e2e-sim.test" }),
  });
  collector = await MessageCollector.connect(pipeline.brokerUrl, { username: secrets.apiKeyId, password: secrets.apiKeySecret });
});

afterAll(async () => {
  await collector?.close();
  await pipeline?.stop();
  rmSync(dir, { recursive: true, force: true });
});

describe("tidewire-simulate", () => {
  it("sends the demo tenant's sensors the way npm start runs it", async () => {
    const result = await simulate(["--url", `${pipeline.ingestUrl}/gateway/v1`, "--token", secrets.gatewayToken, "--demo", "--interval", "0.5", "--duration", "3"]);
    expect(result.code, result.output).toBe(0);
    expect(result.output).toMatch(/simulating 7 sensors on 1 generic gateway/);
    await collector.waitFor(() => DEMO_DEVICES.every((d) => collector.messages.some((m) => m.message.sensor.id === d.sourceEurid)), 15_000, "a message from every demo device");
  });

  it("sets up a tenant and simulates Aruba access points, reporting what it sent", async () => {
    const slug = `sim-${randomBytes(3).toString("hex")}`;
    const report = path.join(dir, "report.json");
    const result = await simulate(
      ["--url", pipeline.ingestHttpUrl, "--protocol", "aruba", "--setup", slug, "--gateways", "3", "--sensors", "30", "--hear", "3", "--rate", "20", "--secure", "0.2", "--duration", "3", "--report", report],
    );
    expect(result.code, result.output).toBe(0);
    expect(result.output).toMatch(/Aruba credentials: sim-/);
    const figures = JSON.parse(readFileSync(report, "utf8")) as { readings: number; frames: number };
    expect(figures.readings).toBeGreaterThan(20);
    expect(figures.frames).toBe(figures.readings * 3);
    const tenant = await pipeline.db.tenant.findUniqueOrThrow({ where: { slug } });
    const gateways = await eventually(async () => {
      await pipeline.worker.flushStats();
      const list = await listGatewayStatistics(pipeline.db, tenant.id);
      return list.length === 3 && list.every((g) => g.stats.successfullyProcessed > 0) ? list : undefined;
    }, 15_000, "three access points with processed telegrams");
    expect(gateways.map((g) => g.device.hardwareDescriptor).sort()).toEqual(["AP-305", "AP-505", "AP-505"]);
    const devices = await pipeline.db.deviceStats.aggregate({ where: { tenantId: tenant.id }, _sum: { totalTelegramCount: true, successfullyProcessed: true } });
    expect(Number(devices._sum.successfullyProcessed)).toBe(Number(devices._sum.totalTelegramCount));
  });
});
