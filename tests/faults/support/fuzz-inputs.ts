// Random and mutated inputs for the front door: ESP3 byte streams, Aruba protobuf messages and
// JSON, from a seeded generator (a failing run can be repeated with the same seed).
import { encodeTelemetry } from "@tidewire/aruba";
import { radioFrame, type Random } from "@tidewire/testkit";

const int = (random: Random, n: number) => Math.floor(random() * n);

function randomBytes(random: Random, max: number): Buffer {
  const b = Buffer.alloc(1 + int(random, max));
  for (let i = 0; i < b.length; i++) b[i] = int(random, 256);
  return b;
}

function validFrame(random: Random): Buffer {
  const data = Uint8Array.of(int(random, 256), int(random, 256), int(random, 256), 0x08);
  const eurid = (0x0f000000 + int(random, 0xffffff)).toString(16).padStart(8, "0");
  return Buffer.from(radioFrame({ rorg: [0xa5, 0xf6, 0xd5, 0xd2, 0x30, 0x31][int(random, 6)]!, data, status: 0 }, eurid, 40 + int(random, 50)));
}

/** A valid input with a few bytes changed, cut short, lengthened, or repeated. */
export function mutate(random: Random, input: Buffer): Buffer {
  const b = Buffer.from(input);
  switch (int(random, 6)) {
    case 0:
      for (let i = 0, n = 1 + int(random, 4); i < n; i++) b[int(random, b.length)] = int(random, 256);
      return b;
    case 1:
      return b.subarray(0, int(random, b.length));
    case 2:
      return Buffer.concat([b, randomBytes(random, 64)]);
    case 3:
      return Buffer.concat([randomBytes(random, 16), b, b.subarray(0, int(random, b.length))]);
    case 4:
      // A byte flipped in every position class: header, length, CRC, data.
      if (b.length > 0) {
        const i = int(random, Math.min(6, b.length));
        b[i] = b[i]! ^ (1 << int(random, 8));
      }
      return b;
    default:
      return Buffer.concat(Array.from({ length: 2 + int(random, 20) }, () => b));
  }
}

/** An ESP3 stream: noise, sync-byte storms, headers announcing huge lengths, mutated frames. */
export function esp3Input(random: Random): Buffer {
  switch (int(random, 5)) {
    case 0:
      return randomBytes(random, 512);
    case 1:
      return Buffer.alloc(1 + int(random, 256), 0x55);
    case 2: {
      // Sync, a data length of up to 65535, a valid-looking rest.
      const header = Buffer.from([0x55, int(random, 256), int(random, 256), int(random, 256), int(random, 11), 0]);
      return Buffer.concat([header, randomBytes(random, 128)]);
    }
    default:
      return mutate(random, Buffer.concat(Array.from({ length: 1 + int(random, 5) }, () => validFrame(random))));
  }
}

/** A JSON text message for the generic protocol: mostly {"esp3": ...} with wrong contents. */
export function jsonInput(random: Random): string {
  const hex = () => randomBytes(random, 40).toString("hex");
  const choices: (() => unknown)[] = [
    () => ({ esp3: hex() }),
    () => ({ esp3: [hex(), validFrame(random).toString("hex"), 42, null] }),
    () => ({ esp3: validFrame(random).toString("hex").slice(0, int(random, 40)) + "zz" }),
    () => ({ esp3: Array.from({ length: int(random, 500) }, () => validFrame(random).toString("hex")) }),
    () => ({ hello: { deep: [[[[[[[[[[{}]]]]]]]]]] }, esp3: {} }),
    () => [1, "two", { three: 3 }],
    () => "esp3",
    () => ({ ["__proto__"]: { polluted: true }, constructor: { prototype: { x: 1 } }, esp3: hex() }),
  ];
  if (random() < 0.15) return `{"esp3": "${hex()}"`.slice(0, 1 + int(random, 30)); // broken JSON
  return JSON.stringify(choices[int(random, choices.length)]!());
}

/** An Aruba northbound message: a valid Telemetry (with the token) mutated, or noise. */
export function arubaInput(random: Random, accessToken: string, mac: string): Buffer {
  if (random() < 0.2) return randomBytes(random, 300);
  const valid = Buffer.from(
    encodeTelemetry({
      accessToken,
      nbTopic: "serialDataNb",
      reporter: { mac, name: "fuzz", hwType: "AP-505", swVersion: "8.10.0.8", swBuild: "1", time: Math.floor(Date.now() / 1000) },
      serialData: [{ deviceId: "usb-1", payload: esp3Input(random) }],
    }),
  );
  return random() < 0.3 ? valid : mutate(random, valid);
}

/** A body for POST /auth/aruba. */
export function loginBody(random: Random): string {
  const bodies = [
    () => JSON.stringify({ username: randomBytes(random, 30).toString("latin1"), password: 5 }),
    () => JSON.stringify({ grant_type: "client_credentials", client_id: [], client_secret: {} }),
    () => randomBytes(random, 200).toString("latin1"),
    () => JSON.stringify({ username: "x".repeat(int(random, 5000)), password: "y" }),
    () => "{".repeat(1 + int(random, 2000)),
  ];
  return bodies[int(random, bodies.length)]!();
}
