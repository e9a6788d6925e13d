import { describe, expect, it } from "vitest";
import { parseAzureConnectionString } from "./connection-string";
import { createSasToken } from "./sas-token";

// Worked example of reference azure-iot-hub-mqtt.md §2.1 (key = bytes 0x00..0x1f, se = 1700000000).
const KEY = "AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8=";

describe("Azure SAS tokens", () => {
  it("sign the documented device token", () => {
    expect(createSasToken({ resourceUri: "myhub.azure-devices.net/devices/device1", key: KEY, expiry: 1700000000 })).toBe(
      "SharedAccessSignature sr=myhub.azure-devices.net%2Fdevices%2Fdevice1&sig=gFSfLGMXDOvf906%2FiaX3KwzLLNFHgaFZyCbsGjxtd1Y%3D&se=1700000000",
    );
  });
  it("sign the documented policy token and module token", () => {
    expect(createSasToken({ resourceUri: "myhub.azure-devices.net/devices/device1", key: KEY, expiry: 1700000000, policyName: "device" })).toBe(
      "SharedAccessSignature sr=myhub.azure-devices.net%2Fdevices%2Fdevice1&sig=gFSfLGMXDOvf906%2FiaX3KwzLLNFHgaFZyCbsGjxtd1Y%3D&skn=device&se=1700000000",
    );
    expect(createSasToken({ resourceUri: "myhub.azure-devices.net/devices/enocean-gw/modules/04138bb4", key: KEY, expiry: 1700000000 })).toContain(
      "&sig=DNmTumBLuVvYvW4CRZxFXpfUJazkysLQohg1F3n7zhI%3D&se=1700000000",
    );
  });
  it("parse connection strings on the first = of each pair", () => {
    expect(parseAzureConnectionString(`HostName=myhub.azure-devices.net;DeviceId=device1;SharedAccessKey=${KEY}`)).toEqual({
      hostName: "myhub.azure-devices.net",
      deviceId: "device1",
      sharedAccessKey: KEY,
    });
    expect(() => parseAzureConnectionString("DeviceId=x;SharedAccessKey=y")).toThrow(/HostName/);
  });
});
