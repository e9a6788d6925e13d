// Fuzzing the front door while honest gateways send traced telegrams: random and mutated ESP3
// streams (binary and JSON) on the generic protocol, random and mutated Aruba protobuf messages,
// and malformed JSON login bodies, a few hundred thousand inputs (FAULTS_FUZZ_INPUTS for more).
// Ingest must not crash, its memory must stay bounded, and the honest gateways' telegrams must
// all arrive.
import { afterAll, beforeAll, expect, it } from "vitest";
import { ArubaConnection, postJson, seededRandom } from "@tidewire/testkit";
import { startFaultSystem, type FaultSystem } from "./support/fault-system";
import { arubaInput, esp3Input, jsonInput, loginBody } from "./support/fuzz-inputs";
import { FuzzSocket } from "./support/fuzz-socket";
import { expectNothingLost, underLoad } from "./support/scenario";

const INPUTS = Number(process.env.FAULTS_FUZZ_INPUTS ?? 300_000);
const SEED = Number(process.env.FAULTS_FUZZ_SEED ?? 7);
// About 0.75 ms per input on a 2-core machine; the time limit grows with the volume asked for.
const TIMEOUT_MS = Math.max(45 * 60_000, INPUTS * 1.5);
// Fuzzers connect from other loopback addresses: rate limits per address hold them back, not the
// honest gateways on 127.0.0.1.
const FUZZ_ADDRESSES = Array.from({ length: 50 }, (_, i) => `127.0.0.${i + 2}`);

let system: FaultSystem;
beforeAll(async () => {
  system = await startFaultSystem({ name: "fuzz", euridBase: 0x05a70000, sensors: 50, gateways: 5 });
});
afterAll(async () => system?.stop());

it("survives hundreds of thousands of random and mutated inputs without a crash, unbounded memory, or harm to other gateways", async () => {
  const ingestPid = system.ingest.pid;
  const httpUrl = system.ingestHttpUrl;
  const random = seededRandom(SEED);
  const aruba = new ArubaConnection({ baseUrl: httpUrl, username: system.tenant.aruba.username, password: system.tenant.aruba.password });
  const token = await aruba.authenticate();
  const wsBase = httpUrl.replace(/^http/, "ws");
  const generic = Array.from({ length: 4 }, (_, i) => new FuzzSocket(`${wsBase}/gateway/v1`, { authorization: `Bearer ${system.tenant.gatewayToken}`, "x-gateway-id": `fuzz-${i}` }, FUZZ_ADDRESSES));
  const arubaSockets = Array.from({ length: 2 }, () => new FuzzSocket(`${wsBase}/aruba`, {}, FUZZ_ADDRESSES));
  const counts = { esp3: 0, json: 0, protobuf: 0, loginBodies: 0 };
  const rss: number[] = [];
  const outcome = await underLoad(system, `fuzzing the front door (${INPUTS} inputs, seed ${SEED})`, { rate: 200 }, async (notes) => {
    const sampler = setInterval(() => rss.push(system.ingest.rssKb() ?? 0), 2000);
    const logins: Promise<unknown>[] = [];
    try {
      for (let i = 0; i < INPUTS; i++) {
        const r = random();
        if (r < 0.45) {
          await generic[i % generic.length]!.send(esp3Input(random));
          counts.esp3++;
        } else if (r < 0.6) {
          await generic[i % generic.length]!.send(jsonInput(random));
          counts.json++;
        } else if (r < 0.99) {
          await arubaSockets[i % arubaSockets.length]!.send(arubaInput(random, token, `02fe${(i % 200).toString(16).padStart(8, "0")}`));
          counts.protobuf++;
        } else {
          logins.push(postJson(`${httpUrl}/auth/aruba`, loginBody(random), { localAddress: FUZZ_ADDRESSES[i % FUZZ_ADDRESSES.length]! }).catch(() => undefined));
          counts.loginBodies++;
          if (logins.length >= 20) await Promise.all(logins.splice(0));
        }
      }
      await Promise.all(logins);
    } finally {
      clearInterval(sampler);
      for (const s of [...generic, ...arubaSockets]) s.close();
    }
    notes.inputs = counts;
    const half = Math.floor(rss.length / 2);
    notes.ingestRssKbSamples = { first: rss[0], max: Math.max(...rss), last: rss[rss.length - 1], firstHalfMax: Math.max(...rss.slice(0, half)), secondHalfMax: Math.max(...rss.slice(half)), everyTwoSeconds: rss };
    notes.closesByCode = Object.fromEntries([...generic, ...arubaSockets].flatMap((s) => [...s.closes.entries()]).reduce((m, [code, n]) => m.set(code, (m.get(code) ?? 0) + n), new Map<number, number>()));
    notes.ingestStillTheSameProcess = system.ingest.running && system.ingest.pid === ingestPid;
  });
  expect(outcome.notes.ingestStillTheSameProcess).toBe(true);
  // Bounded: ingest's memory levels off (the second half of the inputs raises its peak by less
  // than 100 MB over the first half's) and stays under 1 GB; it does not grow with the inputs.
  const samples = outcome.notes.ingestRssKbSamples as { max: number; firstHalfMax: number; secondHalfMax: number };
  expect(samples.secondHalfMax - samples.firstHalfMax).toBeLessThan(100 * 1024);
  expect(samples.max).toBeLessThan(1024 * 1024);
  expectNothingLost(outcome);
}, TIMEOUT_MS);
