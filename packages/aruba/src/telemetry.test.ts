import { describe, expect, it } from "vitest";
import { ArubaDecodeError, decodeSouthbound, decodeTelemetry, encodeTelemetry, encodeTokenExpired } from "./index";

// Test vectors of docs/aruba.md (computed with protobufjs 7 from the AOS 8.11 .proto files).
const ESP3_CO2 = "55000a0701eba500005008051b03c90001ffffffff4d00e2";
const STICK = "ENOCEAN_USB:deb480d77718bbbe5253896b9300acfd";
const SERIAL_DATA =
  "0a0c08011206746f6b313233180812440a0861702d6c6f6262791206d01546c204a21a0a3139322e302e322e31302a0641502d333035320f382e372e312e312d382e372e312e313a05373934323640ace58c84065a480a1855000a0701eba500005008051b03c90001ffffffff4d00e2122c454e4f4345414e5f5553423a6465623438306437373731386262626535323533383936623933303061636664";
const HEALTH =
  "0a0c08011206746f6b313233180912310a0861702d6c6f6262791206d01546c204a22a0641502d333035320f382e382e302e302d382e382e302e3040ace58c8406623408001a300a2c454e4f4345414e5f5553423a64656234383064373737313862626265353235333839366239333030616366641000";
const HELLO =
  "0a0c08011206746f6b313233180012310a0861702d6c6f6262791206d01546c204a22a0641502d333035320f382e382e302e302d382e382e302e3040ace58c8406";
const TOKEN_EXPIRE_SB = "0a04080120022a110801120d746f6b656e2065787069726564";

const bytes = (hex: string) => Uint8Array.from(Buffer.from(hex, "hex"));

describe("decodeTelemetry", () => {
  it("decodes the reference serial-data message: token, reporter and the ESP3 bytes of the stick", () => {
    const t = decodeTelemetry(bytes(SERIAL_DATA));
    expect(t).toMatchObject({
      version: 1,
      accessToken: "tok123",
      nbTopic: "serialDataNb",
      reporter: {
        name: "ap-lobby",
        mac: "d01546c204a2",
        ipv4: "192.0.2.10",
        hwType: "AP-305",
        swVersion: "8.7.1.1-8.7.1.1",
        swBuild: "79426",
        time: 1619210924,
      },
    });
    expect(t.serialData).toHaveLength(1);
    expect(t.serialData[0]!.deviceId).toBe(STICK);
    expect(Buffer.from(t.serialData[0]!.payload).toString("hex")).toBe(ESP3_CO2);
    expect(t.apHealth).toBeUndefined();
  });

  it("decodes the reference health message with the USB stick's health", () => {
    const t = decodeTelemetry(bytes(HEALTH));
    expect(t.nbTopic).toBe("apHealthUpdate");
    expect(t.reporter).toEqual({ name: "ap-lobby", mac: "d01546c204a2", hwType: "AP-305", swVersion: "8.8.0.0-8.8.0.0", time: 1619210924 });
    expect(t.apHealth).toEqual({ apStatus: "healthy", usb: [{ identifier: STICK, health: "healthy" }], radios: [] });
  });

  it("decodes the reference hello: meta and reporter only", () => {
    const t = decodeTelemetry(bytes(HELLO));
    expect(t.nbTopic).toBe("telemetry");
    expect(t.serialData).toEqual([]);
    expect(t.apHealth).toBeUndefined();
    expect(t.reporter.hwType).toBe("AP-305");
  });

  it("refuses random bytes, a truncated message and a message without its reporter", () => {
    const random = Uint8Array.from({ length: 64 }, (_, i) => (i * 97 + 13) & 0xff);
    expect(() => decodeTelemetry(random)).toThrow(ArubaDecodeError);
    expect(() => decodeTelemetry(bytes(SERIAL_DATA).subarray(0, 100))).toThrow(ArubaDecodeError);
    expect(() => decodeTelemetry(bytes("0a0a08011206746f6b313233"))).toThrow(/reporter/);
    try {
      decodeTelemetry(random);
    } catch (error) {
      expect((error as ArubaDecodeError).code).toBe("BAD_PROTOBUF");
    }
  });

  it("refuses a reporter MAC that is not 6 bytes", () => {
    const message = encodeTelemetry({ nbTopic: "telemetry", reporter: { mac: "d01546c204" } });
    expect(() => decodeTelemetry(message)).toThrow(/6/);
  });
});

describe("encodeTelemetry", () => {
  it("produces the reference bytes for the serial-data, health and hello messages", () => {
    const reporter = { name: "ap-lobby", mac: "d01546c204a2", hwType: "AP-305", time: 1619210924 };
    expect(
      Buffer.from(
        encodeTelemetry({
          accessToken: "tok123",
          nbTopic: "serialDataNb",
          reporter: { ...reporter, ipv4: "192.0.2.10", swVersion: "8.7.1.1-8.7.1.1", swBuild: "79426" },
          serialData: [{ deviceId: STICK, payload: bytes(ESP3_CO2) }],
        }),
      ).toString("hex"),
    ).toBe(SERIAL_DATA);
    expect(
      Buffer.from(
        encodeTelemetry({
          accessToken: "tok123",
          nbTopic: "apHealthUpdate",
          reporter: { ...reporter, swVersion: "8.8.0.0-8.8.0.0" },
          apHealth: { apStatus: "healthy", usb: [{ identifier: STICK, health: "healthy" }], radios: [] },
        }),
      ).toString("hex"),
    ).toBe(HEALTH);
    expect(
      Buffer.from(encodeTelemetry({ accessToken: "tok123", nbTopic: "telemetry", reporter: { ...reporter, swVersion: "8.8.0.0-8.8.0.0" } })).toString("hex"),
    ).toBe(HELLO);
  });

  it("round-trips a health message without USB devices (stick unplugged)", () => {
    const t = decodeTelemetry(
      encodeTelemetry({ accessToken: "x", nbTopic: "apHealthUpdate", reporter: { mac: "24f27f551bf4" }, apHealth: { apStatus: "degraded", usb: [], radios: [] } }),
    );
    expect(t.apHealth).toEqual({ apStatus: "degraded", usb: [], radios: [] });
  });
});

describe("southbound status", () => {
  it("encodes the token-expired status as the reference does", () => {
    expect(Buffer.from(encodeTokenExpired("token expired")).toString("hex")).toBe(TOKEN_EXPIRE_SB);
    expect(decodeSouthbound(bytes(TOKEN_EXPIRE_SB))).toEqual({ sbTopic: 2, status: { connectCode: 1, connectDescription: "token expired" } });
  });
});
