import { describe, expect, it } from "vitest";
import { fromHex } from "../hex";
import { decodeSignal, signalIdentifier } from "./signal";

const id = (mid: number, meaning: string) => ({ key: "signalIdentifier", value: signalIdentifier(mid), meaning });

describe("decodeSignal", () => {
  it("formats the identifier like IoTC (Python hex)", () => {
    expect([6, 13, 16, 1].map(signalIdentifier)).toEqual(["0x6", "0xd", "0x10", "0x1"]);
  });

  it("decodes the energy status of IoTC's example into signal and sensor health", () => {
    const decoded = decodeSignal(fromHex("0638"));
    expect(decoded.signal).toEqual([id(6, "Energy status of device"), { key: "energy", value: 56, unit: "%" }]);
    expect(decoded.sensorHealth).toEqual([{ key: "energy", value: 56, unit: "%" }]);
  });

  it("reports percentages above 100 as invalid", () => {
    expect(decodeSignal(fromHex("0665")).signal[1]).toEqual({ key: "energy", value: "invalid" });
  });

  it("decodes the harvester's energy delivery", () => {
    const decoded = decodeSignal(fromHex("0d02"));
    expect(decoded.signal[1]).toEqual({ key: "harvesterEnergyDelivery", value: 2, meaning: "Average energy delivery" });
    expect(decoded.sensorHealth).toHaveLength(1);
    expect(decodeSignal(fromHex("0d05")).signal[1]).toEqual({ key: "harvesterEnergyDelivery", value: "invalid" });
  });

  it("decodes the backup battery", () => {
    expect(decodeSignal(fromHex("1055")).sensorHealth).toEqual([{ key: "backupBattery", value: 85, unit: "%" }]);
  });

  it("reports radio disabled / enabled and heartbeat as sensor health", () => {
    expect(decodeSignal(fromHex("0e")).sensorHealth).toEqual([
      { key: "radio", value: "disabled", meaning: "Radio disabled" },
    ]);
    expect(decodeSignal(fromHex("0f")).sensorHealth).toEqual([
      { key: "radio", value: "enabled", meaning: "Radio enabled" },
    ]);
    expect(decodeSignal(fromHex("08")).sensorHealth).toEqual([
      { key: "heartbeat", value: "True", meaning: "Heartbeat received" },
    ]);
  });

  it("decodes the trigger's requested signal", () => {
    expect(decodeSignal(fromHex("0401")).signal[1]).toEqual({
      key: "requestedSignal",
      value: "energyStatus",
      meaning: "Energy status",
    });
    expect(decodeSignal(fromHex("0404")).signal[1]).toMatchObject({ value: "harvesterEnergyDelivery" });
    expect(decodeSignal(fromHex("0409")).signal[1]).toMatchObject({ value: "reserved" });
  });

  it("decodes the revision as software and hardware versions", () => {
    expect(decodeSignal(fromHex("07010203040a0b0c0d")).signal.slice(1)).toEqual([
      { key: "softwareVersion", value: "1.2.3.4" },
      { key: "hardwareVersion", value: "10.11.12.13" },
    ]);
  });

  it("decodes the RX channel quality", () => {
    const decoded = decodeSignal(fromHex("0a04138bb4503c21"));
    expect(decoded.signal.slice(1)).toEqual([
      { key: "rxEurid", value: "04138bb4" },
      { key: "worstRssi", value: -80, unit: "dBm" },
      { key: "bestRssi", value: -60, unit: "dBm" },
      { key: "subTelegramCount", value: 2 },
      { key: "repeaterCount", value: 1 },
    ]);
    expect(decoded.sensorHealth.map((e) => e.key)).toEqual(["worstRssi", "bestRssi"]);
  });

  it("decodes the duty-cycle status", () => {
    expect(decodeSignal(fromHex("0b00")).signal[1]).toMatchObject({ value: "released" });
    expect(decodeSignal(fromHex("0b01")).signal[1]).toMatchObject({ value: "reached" });
    expect(decodeSignal(fromHex("0b07")).signal[1]).toMatchObject({ value: "reserved" });
  });

  it("decodes the product ID", () => {
    expect(decodeSignal(fromHex("12000b01020304")).signal.slice(1)).toEqual([
      { key: "manufacturerId", value: "00B" },
      { key: "productId", value: "01020304" },
    ]);
  });

  it("reports the identifier alone for messages without data", () => {
    for (const [mid, meaning] of [
      [0x01, "Smart Ack: mailbox empty"],
      [0x02, "Smart Ack: mailbox does not exist"],
      [0x03, "Smart Ack: reset"],
      [0x05, "Acknowledge of the last unicast message"],
      [0x09, "RX window open"],
      [0x0c, "Device configuration changed"],
      [0x11, "Learn mode status"],
    ] as const) {
      const decoded = decodeSignal(Uint8Array.of(mid));
      expect(decoded.signal).toEqual([id(mid, meaning)]);
      expect(decoded.sensorHealth).toEqual([]);
    }
  });

  it("passes unknown message identifiers through", () => {
    expect(decodeSignal(fromHex("7f0102")).signal).toEqual([id(0x7f, "Unknown signal")]);
  });

  it("rejects messages missing their data", () => {
    for (const hex of ["", "06", "07010203", "0a0102", "12000b"]) {
      expect(() => decodeSignal(fromHex(hex)), hex).toThrowError(
        expect.objectContaining({ code: "SIGNAL_DECODE_ERROR" }),
      );
    }
  });
});
