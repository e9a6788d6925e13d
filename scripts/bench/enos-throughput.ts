// npm run bench:enos — how many measure-point posts per second one EnOS target delivers, against
// the local EnOS emulator (the same checks as the real service: signed login, topics, replies).
import { pino } from "pino";
import { createConnector } from "@tidewire/egress";
import { deliveryMessage, EnosEmulator } from "@tidewire/testkit";

const MESSAGES = Number(process.argv[2] ?? 2000);
const BATCH = Number(process.argv[3] ?? 200);

async function main() {
  const enos = new EnosEmulator();
  enos.products.set("pk", { productKey: "pk", productSecret: "product-secret", dynamicActivation: false, measurePoints: ["temp"] });
  enos.devices.set("pk/dev", { productKey: "pk", deviceKey: "dev", deviceSecret: "device-secret", activated: true });
  await enos.start();
  const connector = createConnector(
    "ENOS",
    { url: enos.url, productKey: "pk", deviceKey: "dev", measurePointMap: { temperature: "temp" } },
    { deviceSecret: "device-secret" },
    { targetId: "bench", tenantId: "t", tenantSlug: "t", payloadFormat: "IOTC", allowPrivate: true, log: pino({ level: "silent" }), timeoutMs: 10_000 },
  );
  const messages = Array.from({ length: MESSAGES }, (_, i) => deliveryMessage("0a000001", i));
  const started = performance.now();
  for (let i = 0; i < messages.length; i += BATCH) await connector.deliver(messages.slice(i, i + BATCH));
  const seconds = (performance.now() - started) / 1000;
  console.log(JSON.stringify({ messages: MESSAGES, batch: BATCH, accepted: enos.posts.length, seconds: Number(seconds.toFixed(2)), postsPerSecond: Math.round(enos.posts.length / seconds) }));
  await connector.close();
  await enos.close();
}

void main();
