import { describe, expect, it } from "vitest";
import { ImportFileError, parseDeviceImport } from "./device-import";

describe("device import files", () => {
  it("turn a CSV with the usual header spellings into devices", () => {
    const csv = [
      "Source EURID;EEP;Friendly ID;Location;Tags;Active;AES key;SLF;Interval",
      "05:1B:03:C9;a5-09-09;CO2 lab;Level 2;air|lab;yes;;;600",
      "a1b2c3d4;D2-14-41;Multi;Roof;;no;3A0C1B30B0A822A17A28FD01D77ABDAE;F3;",
    ].join("\n");
    const { rows, notes } = parseDeviceImport("csv", csv);
    expect(notes).toEqual([]);
    expect(rows.map((r) => r.problems)).toEqual([[], []]);
    expect(rows[0]!.device).toEqual({
      kind: "ENOCEAN",
      sourceEurid: "051b03c9",
      eep: "A5-09-09",
      friendlyId: "CO2 lab",
      location: "Level 2",
      tags: ["air", "lab"],
      active: true,
      expectedIntervalSec: 600,
    });
    expect(rows[1]!.device).toMatchObject({ active: false, aesKey: "3a0c1b30b0a822a17a28fd01d77abdae", slf: "f3" });
  });

  it("onboard LoRaWAN and small devices from kind columns, and report their bad rows", () => {
    const csv = [
      "kind,id,eep,name,decoder,application id,aes key,hmac key",
      "LORAWAN,70B3D57ED0000001,,Cellar,cayenne-lpp,office-app,,",
      "small device,esp-12fa,,ESP,,,2B7E151628AED2A6ABF7158809CF4F3C,",
      "ENOCEAN,051b03c9,A5-09-09,CO2,,,,",
      "LORAWAN,70B3D57E,,short DevEUI,,,,",
      "LORAWAN,70B3D57ED0000003,,bad decoder,elsys-magic,,,",
      "SMALL_DEVICE,esp-nokey,,no key,,,,",
    ].join("\n");
    const { rows } = parseDeviceImport("csv", csv);
    expect(rows[0]!.device).toMatchObject({ kind: "LORAWAN", sourceEurid: "70b3d57ed0000001", payloadDecoder: "cayenne-lpp", ttsApplicationId: "office-app" });
    expect(rows[1]!.device).toMatchObject({ kind: "SMALL_DEVICE", sourceEurid: "esp-12fa", aesKey: "2b7e151628aed2a6abf7158809cf4f3c" });
    expect(rows[2]!.device).toMatchObject({ kind: "ENOCEAN", eep: "A5-09-09" });
    expect(rows.slice(3).map((r) => [r.line, r.device, r.problems.map((p) => p.split(":")[0])])).toEqual([
      [5, null, ["sourceEurid"]],
      [6, null, ["payloadDecoder"]],
      [7, null, ["aesKey"]],
    ]);
  });

  it("list every row's problem with its line, and write nothing for those rows", () => {
    const csv = [
      "eurid,eep,name,active",
      "01000001,A5-02-05,ok,true",
      "zz,A5-02-05,bad id,true",
      "01000002,A5-99-99,unknown profile,true",
      "01000003,A5-02-05,odd flag,perhaps",
      "01000001,A5-02-05,twice,true",
    ].join("\n");
    const { rows } = parseDeviceImport("csv", csv);
    expect(rows.map((r) => [r.line, r.device !== null, r.problems])).toEqual([
      [2, true, []],
      [3, false, ["sourceEurid: an EURID is up to 8 hex digits, e.g. 051b03c9"]],
      [4, false, ["eep: this EEP is not supported (see GET /api/v1/profiles)"]],
      [5, false, ['active: "perhaps" is not true or false']],
      [6, false, ["EURID 01000001 is already listed on line 2"]],
    ]);
  });

  it("requires a key's SLF", () => {
    const { rows } = parseDeviceImport("csv", "eurid,eep,aeskey\n01000001,A5-02-05,3a0c1b30b0a822a17a28fd01d77abdae");
    expect(rows[0]!.problems).toEqual(["slf: a device with an AES key also needs its SLF"]);
  });

  it("read IoTC backups with IoTC's field names and string flags", () => {
    const backup = {
      APIVersion: "0.0.1",
      ExportDate: "2021-06-18T10:00:00Z",
      Connections: [
        { sourceEurid: "0454c65a", eep: "A5-04-05", friendlyID: "Room Panel 02", location: "Level 2 / Room 221", activeFlag: "false", isPTM: false, customTag: "floor-2, hvac" },
        { sourceEurid: "050f2de2", eep: "A5-04-01", friendlyID: "Secure", slf: "ab", AESKey: "79afcbc5b288fb2c6edf1ffd47b590af" },
      ],
    };
    const { rows } = parseDeviceImport("iotc-backup", JSON.stringify(backup));
    expect(rows[0]).toMatchObject({ problems: ["eep: this EEP is not supported (see GET /api/v1/profiles)"], sourceEurid: "0454c65a", device: null });
    expect(rows[1]!.device).toMatchObject({ sourceEurid: "050f2de2", eep: "A5-04-01", aesKey: "79afcbc5b288fb2c6edf1ffd47b590af", slf: "ab" });
    const fixed = parseDeviceImport("iotc-backup", JSON.stringify({ ...backup, Connections: [{ ...backup.Connections[0], eep: "a5-04-01" }] }));
    expect(fixed.rows[0]!.device).toMatchObject({ active: false, isPTM: false, tags: ["floor-2", "hvac"], friendlyId: "Room Panel 02" });
  });

  it("refuse files it cannot read at all, saying why", () => {
    expect(() => parseDeviceImport("csv", "name,location\nx,y")).toThrow(/no sourceEurid column/);
    expect(() => parseDeviceImport("iotc-backup", "{")).toThrow(ImportFileError);
    expect(() => parseDeviceImport("iotc-backup", '{"foo": 1}')).toThrow(/not an IoTC backup/);
  });

  it("note columns it does not use", () => {
    expect(parseDeviceImport("csv", "eurid,eep,colour\n01000001,A5-02-05,red").notes).toEqual(['column "colour" is not used']);
  });
});
