import { describe, expect, it } from "vitest";
import documented from "../fixtures/tts-uplink.json";
import { uplinkValues } from "../decoders/payload-decoders";
import { buildUplinkMessage } from "../output/uplink-message";
import { isUplinkError } from "../uplink-error";
import { parseTtsUplink, uplinkIdentity } from "./tts-uplink";

describe("The Things Stack uplinks", () => {
  it("reads the documented uplink: device, counters, payload, decoded values and gateways", () => {
    const uplink = parseTtsUplink(documented);
    expect(uplink).toMatchObject({
      devEui: "0004a30b001c0530",
      deviceId: "dev1",
      applicationId: "app1",
      fPort: 1,
      fCnt: 1,
      sessionKeyId: "AXA50tHUGUucuzS/bCGMNw==",
      payloadHex: "8241de",
      decodedPayload: { temperature: 1, luminosity: 0.64 },
      receivedAt: Date.parse("2020-02-12T15:15:46.014Z"),
      simulated: true,
    });
    expect(uplink.receptions).toEqual([{ gateway: "gtw1", rssi: -35, snr: 5, at: Date.parse("2020-02-12T15:15:45.787Z") }]);
    expect(uplinkIdentity(uplink)).toBe("0004a30b001c0530:AXA50tHUGUucuzS/bCGMNw==:1");
    expect(uplinkValues(uplink, "cayenne-lpp")).toEqual([
      { key: "temperature", value: 1, unit: "°C" },
      { key: "luminosity", value: 0.64 },
    ]);
  });

  it("accepts an uplink with every optional field left out (TTS omits zero values)", () => {
    const uplink = parseTtsUplink({ end_device_ids: { dev_eui: "70B3D57ED0000001" }, uplink_message: {} }, 1_700_000_000_000);
    expect(uplink).toMatchObject({ devEui: "70b3d57ed0000001", fPort: 0, fCnt: 0, payloadHex: "", decodedPayload: null, receptions: [], receivedAt: 1_700_000_000_000 });
  });

  it("refuses bodies that are not uplinks with a code", () => {
    const code = (body: unknown) => {
      try {
        parseTtsUplink(body);
        return "accepted";
      } catch (error) {
        return isUplinkError(error) ? error.code : "crash";
      }
    };
    expect(code({ end_device_ids: { dev_eui: "0004A30B001C0530" }, join_accept: {} })).toBe("NOT_AN_UPLINK");
    expect(code({ end_device_ids: { dev_eui: "xyz" }, uplink_message: {} })).toBe("BAD_UPLINK");
    expect(code("not an object")).toBe("BAD_UPLINK");
    expect(code({ end_device_ids: { dev_eui: "0004A30B001C0530" }, uplink_message: { f_cnt: -1 } })).toBe("BAD_UPLINK");
  });

  it("builds the output message with every gateway, best RSSI in raw.rssi", () => {
    const uplink = parseTtsUplink({
      ...documented,
      uplink_message: {
        ...documented.uplink_message,
        rx_metadata: [
          { gateway_ids: { gateway_id: "far" }, rssi: -110, snr: -7.5, time: "2020-02-12T15:15:45.787Z" },
          { gateway_ids: { gateway_id: "near" }, rssi: -42, snr: 9 },
        ],
      },
    });
    const message = buildUplinkMessage({
      kind: "LORAWAN",
      sensorId: uplink.devEui,
      friendlyId: "Cellar",
      location: "B1",
      messageId: "m1",
      receivedAt: uplink.receivedAt,
      data: uplinkValues(uplink, "tts"),
      payloadHex: uplink.payloadHex,
      receptions: uplink.receptions,
      egressTime: 1_700_000_000,
    });
    expect(message).toMatchObject({
      sensor: { friendlyId: "Cellar", id: "0004a30b001c0530", location: "B1" },
      telemetry: { data: [{ key: "temperature", value: 1, unit: "°C" }, { key: "luminosity", value: 0.64 }], signal: [] },
      raw: { data: "8241de", sender: "0004a30b001c0530", rssi: 42, timestamp: "1581520546.014" },
      tidewire: {
        kind: "LORAWAN",
        receptions: [
          { gateway: "far", rssi: 110, snr: -7.5 },
          { gateway: "near", rssi: 42, snr: 9 },
        ],
      },
    });
  });
});
