import { describe, expect, it } from "vitest";
import { decodeFrame } from "../engine/decode-frame";
import type { DecodeOutcome, MessageOutcome } from "../engine/outcome";
import { buildOutputMessage } from "./output-message";

const asMessage = (outcome: DecodeOutcome): MessageOutcome => {
  if (outcome.kind !== "data" && outcome.kind !== "signal") throw new Error(`not a message: ${outcome.kind}`);
  return outcome;
};

// IoTC product documentation 1.0.4, section 1.1.3 "End-points", example "Multisensor", verbatim.
const IOTC_MULTISENSOR = `{
  "sensor": {
    "friendlyId": "Multisensor 1",
    "id": "04138bb4",
    "location": "Cloud center"
  },
  "telemetry": {
    "data": [
      { "key": "temperature", "value": 23.9, "unit": "°C" },
      { "key": "humidity", "value": 29.0, "unit": "%" },
      { "key": "illumination", "value": 67.0, "unit": "lx" },
      { "key": "accelerationStatus", "value": "heartbeat", "meaning": "Heartbeat" },
      { "key": "accelerationX", "value": -0.13, "unit": "g" },
      { "key": "accelerationY", "value": 0.08, "unit": "g" },
      { "key": "accelerationZ", "value": -0.97, "unit": "g" },
      { "key": "contact", "value": "open", "meaning": "Window opened" }
    ],
    "signal": [],
    "meta": {
      "security": [],
      "sensorHealth": [],
      "stats": [ { "egressTime": "1611927479.169171" } ]
    }
  },
  "raw": {
    "data": "d29fce800863b502a620",
    "sender": "04138bb4",
    "status": "80",
    "subTelNum": 0,
    "destination": "ffffffff",
    "rssi": 77,
    "securityLevel": 0,
    "timestamp": "1611927479.166352"
  }
}`;

describe("buildOutputMessage", () => {
  it("reproduces IoTC's multisensor example exactly, field order included", () => {
    const outcome = asMessage(
      decodeFrame("55000f07012bd29fce800863b502a62004138bb48000ffffffff4d0025", { eep: "D2-14-41" }),
    );
    const message = buildOutputMessage(outcome, {
      sensor: { friendlyId: "Multisensor 1", location: "Cloud center" },
      timestamp: 1611927479.166352,
      egressTime: 1611927479.169171,
    });
    expect(JSON.stringify(message)).toBe(JSON.stringify(JSON.parse(IOTC_MULTISENSOR)));
  });

  it("reproduces IoTC's CO2 sensor example", () => {
    const outcome = asMessage(decodeFrame("55000a0701eba500005008051b03c90100ffffffff500090", { eep: "A5-09-09" }));
    const message = buildOutputMessage(outcome, {
      sensor: { friendlyId: "co2_Hardware2", location: "Hardware 2" },
      timestamp: 1611927535.07,
      egressTime: 1611927535.0731573,
    });
    expect(message.sensor).toEqual({ friendlyId: "co2_Hardware2", id: "051b03c9", location: "Hardware 2" });
    expect(message.telemetry).toEqual({
      data: [
        { key: "co2", value: 627.45, unit: "ppm" },
        { key: "learn", value: "notPressed", meaning: "Data telegram" },
        { key: "powerFailureDetected", value: "False", meaning: "Power failure not detected" },
      ],
      signal: [],
      meta: { security: [], sensorHealth: [], stats: [{ egressTime: "1611927535.0731573" }] },
    });
    expect(message.raw).toEqual({
      data: "a500005008",
      sender: "051b03c9",
      status: "01",
      subTelNum: 0,
      destination: "ffffffff",
      rssi: 80,
      securityLevel: 0,
      timestamp: "1611927535.07",
    });
  });

  it("puts signal telegrams in telemetry.signal and their health entries in meta.sensorHealth", () => {
    const outcome = asMessage(decodeFrame("55000807013dd006380413d7598001ffffffff40001c"));
    const message = buildOutputMessage(outcome, {
      sensor: { friendlyId: "s", location: "l" },
      timestamp: 1,
      egressTime: 2,
    });
    expect(message.telemetry.data).toEqual([]);
    expect(message.telemetry.signal).toEqual([
      { key: "signalIdentifier", value: "0x6", meaning: "Energy status of device" },
      { key: "energy", value: 56, unit: "%" },
    ]);
    expect(message.telemetry.meta.sensorHealth).toEqual([{ key: "energy", value: 56, unit: "%" }]);
    expect(message.raw).toMatchObject({ data: "d00638", subTelNum: 1, rssi: 64, timestamp: "1.0" });
    expect(message.telemetry.meta.stats).toEqual([{ egressTime: "2.0" }]);
  });

  it("describes how a secure telegram was opened in meta.security", () => {
    const outcome = asMessage(
      decodeFrame("550013070173313c1b04e9820000001084f95b910519a7c20001ffffffff4500b9", {
        eep: "A5-09-09",
        aesKey: "3a0c1b30b0a822a17a28fd01d77abdae",
        slf: "f3",
        rlcNext: "00000010",
      }),
    );
    const message = buildOutputMessage(outcome, { sensor: { friendlyId: "s", location: "l" }, timestamp: 1 });
    expect(message.telemetry.meta.security).toEqual([
      { key: "authenticated", value: "True", meaning: "CMAC (4 bytes) verified" },
      { key: "decrypted", value: "True", meaning: "Decrypted (VAES, AES-128)" },
      { key: "rlc", value: "00000010", meaning: "Rolling code (explicit)" },
      { key: "slf", value: "f3", meaning: "Security level format" },
    ]);
    expect(message.raw.data).toBe("313c1b04e9820000001084f95b91");
  });

  it("takes the pipeline's best RSSI in either sign and prints it positive", () => {
    const outcome = asMessage(decodeFrame("55000a0701eba500005008051b03c90100ffffffff500090", { eep: "A5-09-09" }));
    const base = { sensor: { friendlyId: "s", location: "l" }, timestamp: 1 };
    expect(buildOutputMessage(outcome, { ...base, rssi: -61 }).raw.rssi).toBe(61);
    expect(buildOutputMessage(outcome, { ...base, rssi: 58 }).raw.rssi).toBe(58);
  });

  it("adds extensions as new top-level fields and never lets them replace IoTC's", () => {
    const outcome = asMessage(decodeFrame("55000a0701eba500005008051b03c90100ffffffff500090", { eep: "A5-09-09" }));
    const base = { sensor: { friendlyId: "s", location: "l" }, timestamp: 1 };
    const gateways = [{ mac: "aa:bb:cc:dd:ee:ff", rssi: -61 }];
    const message = buildOutputMessage(outcome, { ...base, extensions: { gateways } });
    expect(Object.keys(message)).toEqual(["sensor", "telemetry", "raw", "gateways"]);
    expect(message["gateways"]).toBe(gateways);
    expect(() => buildOutputMessage(outcome, { ...base, extensions: { raw: {} } })).toThrow(RangeError);
  });

  it("stamps the egress time with the clock when the pipeline gives none", () => {
    const outcome = asMessage(decodeFrame("55000a0701eba500005008051b03c90100ffffffff500090", { eep: "A5-09-09" }));
    const before = Date.now() / 1000;
    const stamped = Number(
      buildOutputMessage(outcome, { sensor: { friendlyId: "s", location: "l" }, timestamp: 1 }).telemetry.meta.stats[0]!
        .egressTime,
    );
    expect(stamped).toBeGreaterThanOrEqual(before - 1);
  });
});
