import { spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import { beforeAll, describe, expect, it } from "vitest";
import { main, type CliIo } from "../src/cli";
import { framesOf, vectors, type Expected, type Vector } from "./vector-harness";

const packageDir = fileURLToPath(new URL("..", import.meta.url));

async function run(argv: string[], stdinLines: string[] = []) {
  const out: string[] = [];
  const err: string[] = [];
  const io: CliIo = {
    lines: async function* () {
      yield* stdinLines;
    },
    stdout: (text) => out.push(text),
    stderr: (text) => err.push(text),
    now: () => 1_700_000_000.25,
  };
  const code = await main(argv, io);
  const lines = out
    .join("")
    .split("\n")
    .filter((l) => l !== "");
  const json = () => lines.map((l) => JSON.parse(l) as Record<string, unknown>);
  return {
    code,
    lines,
    get json() {
      return json();
    },
    stderr: err.join(""),
  };
}

/** Entries of one CLI output line, keyed like a vector's `expect`. */
function cliSection(
  line: Record<string, unknown>,
  section: string,
): { section: string; entries: Record<string, Expected> } {
  if ("sensor" in line) {
    const telemetry = line["telemetry"] as {
      data: (Expected & { key: string })[];
      signal: (Expected & { key: string })[];
    };
    const list = section === "signal" ? telemetry.signal : telemetry.data;
    return {
      section: telemetry.signal.length > 0 ? "signal" : "data",
      entries: Object.fromEntries(list.map((e) => [e.key, e])),
    };
  }
  const [key] = Object.keys(line);
  const body = line[key!] as Record<string, unknown>;
  if (key === "error") return { section: "error", entries: { error: { value: body["code"] as string } } };
  return { section: key!, entries: body as Record<string, Expected> };
}

function expectLine(
  line: Record<string, unknown>,
  section: string,
  expected: Record<string, Expected>,
  absent: string[] = [],
) {
  const actual = cliSection(line, section);
  expect(actual.section).toBe(section);
  if (section === "none") expect(line).toEqual({ none: {} });
  for (const [key, want] of Object.entries(expected)) {
    expect(actual.entries[key], key).toMatchObject(want);
  }
  for (const key of absent) expect(actual.entries).not.toHaveProperty(key);
}

const inputOf = (v: Vector) => JSON.stringify({ esp3: v.esp3, eep: v.eep, device: v.device });

describe("tidewire-decode", () => {
  it("answers every shared test vector on stdin with the line its README describes", async () => {
    const { code, json } = await run([], vectors.map(inputOf));
    expect(code).toBe(0);
    expect(json).toHaveLength(vectors.length);
    vectors.forEach((vector, i) => expectLine(json[i]!, vector.section, vector.expect, vector.absent));
  });

  it("prints the IoTC output message with the sensor and timestamp of the input line", async () => {
    const line = JSON.stringify({
      esp3: "55000f07012bd29fce800863b502a62004138bb48000ffffffff4d0025",
      eep: "D2-14-41",
      sensor: { friendlyId: "Multisensor 1", location: "Cloud center" },
      timestamp: 1611927479.166352,
    });
    const { json } = await run([], [line]);
    expect(json[0]).toMatchObject({
      sensor: { friendlyId: "Multisensor 1", id: "04138bb4", location: "Cloud center" },
      telemetry: { meta: { stats: [{ egressTime: "1700000000.25" }] } },
      raw: { data: "d29fce800863b502a620", rssi: 77, timestamp: "1611927479.166352" },
    });
  });

  it("reports each bad line as BAD_INPUT and keeps going", async () => {
    const good = inputOf(vectors[1]!);
    const { code, json } = await run(
      [],
      [
        "not json",
        "",
        "[1,2]",
        '{"esp3": 5}',
        '{"esp3": []}',
        '{"esp3": "55", "eep": 7}',
        '{"esp3": "55", "device": {"aesKey": 1}}',
        '{"esp3": "55", "device": {"isPTM": "yes"}}',
        '{"esp3": "55", "sensor": {"location": 3}}',
        '{"esp3": "55", "timestamp": "now"}',
        '{"esp3": "xyz"}',
        good,
      ],
    );
    expect(code).toBe(0);
    expect(json.slice(0, -1).map((l) => (l["error"] as { code: string }).code)).toEqual(Array(10).fill("BAD_INPUT"));
    expect(json.at(-1)).toHaveProperty("sensor");
  });

  it("runs all frames of a line through one engine and prints the last result", async () => {
    const chain = vectors.find((v) => v.name.startsWith("CDM 2-part chain"))!;
    const { json } = await run([], [inputOf(chain)]);
    expect(json).toHaveLength(1);
    expect(json[0]).toHaveProperty("telemetry");
  });

  it("decodes frames given as arguments through one engine, one line per argument", async () => {
    const chain = vectors.find((v) => v.name.startsWith("CDM 2-part chain"))!;
    const { code, json } = await run(["--eep", "D2-14-41", ...framesOf(chain)]);
    expect(code).toBe(0);
    expect(json[0]).toEqual({ none: {} });
    expect((json[1] as { telemetry: { data: unknown[] } }).telemetry.data[0]).toEqual({
      key: "temperature",
      value: 23.9,
      unit: "°C",
    });
  });

  it("takes security settings as options", async () => {
    const secure = vectors.find((v) => v.name.startsWith("SEC_R SLF F3"))!;
    const { json } = await run([
      "--eep=A5-09-09",
      "--aes-key",
      secure.device!.aesKey!,
      "--slf",
      "f3",
      "--rlc-next",
      "00000010",
      "--friendly-id",
      "co2",
      "--location",
      "lab",
      "--timestamp",
      "1611927535",
      ...framesOf(secure),
    ]);
    const message = json[0] as {
      sensor: unknown;
      telemetry: { data: { key: string; value: unknown }[]; meta: { security: { key: string }[] } };
      raw: { timestamp: string };
    };
    expect(message.sensor).toEqual({ friendlyId: "co2", id: "0519a7c2", location: "lab" });
    expect(message.telemetry.data[0]).toEqual({ key: "co2", value: 627.45, unit: "ppm" });
    expect(message.telemetry.meta.security.map((e) => e.key)).toEqual(["authenticated", "decrypted", "rlc", "slf"]);
    expect(message.raw.timestamp).toBe("1611927535.0");
  });

  it("prints the profile list as one JSON array", async () => {
    const { code, lines, json } = await run(["--profiles"]);
    expect(code).toBe(0);
    expect(lines).toHaveLength(1);
    const list = json[0] as unknown as { eep: string; title: string; fields: { key: string; unit?: string }[] }[];
    expect(list.length).toBeGreaterThanOrEqual(124);
    expect(list.find((p) => p.eep === "A5-02-05")).toMatchObject({
      title: "Temperature sensor, range 0 °C to +40 °C",
      fields: [{ key: "temperature", unit: "°C" }, { key: "learn" }],
    });
  });

  it("exits with 2 and the usage on a wrong command line, 0 for --help", async () => {
    const wrong = await run(["--bogus"]);
    expect(wrong.code).toBe(2);
    expect(wrong.stderr).toContain("unknown option --bogus");
    expect(wrong.stderr).toContain("Usage: tidewire-decode");
    expect((await run(["--eep"])).code).toBe(2);
    expect((await run(["--timestamp", "soon"])).code).toBe(2);
    const help = await run(["--help"]);
    expect(help.code).toBe(0);
    expect(help.lines[0]).toContain("Usage: tidewire-decode");
  });

  describe("built bin", () => {
    beforeAll(() => {
      const build = spawnSync(process.execPath, ["build.mjs"], { cwd: packageDir, encoding: "utf8" });
      expect(build.status, build.stderr).toBe(0);
    });

    it("runs as a command: --profiles, hex arguments and stdin lines", () => {
      const bin = ["bin/tidewire-decode.js"];
      const profiles = spawnSync(process.execPath, [...bin, "--profiles"], { cwd: packageDir, encoding: "utf8" });
      expect(profiles.status).toBe(0);
      expect((JSON.parse(profiles.stdout) as unknown[]).length).toBeGreaterThanOrEqual(124);

      const args = spawnSync(
        process.execPath,
        [...bin, "--eep", "A5-09-09", "55000a0701eba500005008051b03c90100ffffffff500090"],
        {
          cwd: packageDir,
          encoding: "utf8",
        },
      );
      expect(JSON.parse(args.stdout).telemetry.data[0]).toEqual({ key: "co2", value: 627.45, unit: "ppm" });

      const stdin = spawnSync(process.execPath, bin, {
        cwd: packageDir,
        encoding: "utf8",
        input: `${inputOf(vectors[0]!)}\nnot json\n${JSON.stringify({ esp3: "5500010002650000" })}\n`,
      });
      expect(stdin.status).toBe(0);
      const lines = stdin.stdout
        .trim()
        .split("\n")
        .map((l) => JSON.parse(l) as Record<string, unknown>);
      expect(lines[0]).toHaveProperty("sensor");
      expect(lines[1]).toMatchObject({ error: { code: "BAD_INPUT" } });
      expect(lines[2]).toEqual({ none: {} });

      const usage = spawnSync(process.execPath, [...bin, "--nope"], { cwd: packageDir, encoding: "utf8" });
      expect(usage.status).toBe(2);
    });
  });
});
