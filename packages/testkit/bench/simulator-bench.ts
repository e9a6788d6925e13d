// How fast one simulator process can send: 100 gateways, 20,000 sensors, each telegram heard by
// 3 gateways, against a sink that discards everything (so only the simulator is measured).
// Prints the figures and writes bench-results/simulator.json.
//   npx tsx packages/testkit/bench/simulator-bench.ts [--seconds 5] [--rate 20000]
import { mkdirSync, writeFileSync } from "node:fs";
import { createServer } from "node:http";
import path from "node:path";
import { parseArgs } from "node:util";
import { WebSocketServer } from "ws";
import { createFleet, GatewaySimulator } from "../src/index";

const { values } = parseArgs({ options: { seconds: { type: "string", default: "5" }, rate: { type: "string", default: "20000" } } });
const seconds = Number(values.seconds);
const rate = Number(values.rate);

const received = { messages: 0, bytes: 0 };
const server = createServer((req, res) => {
  req.resume();
  req.on("end", () => res.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify({ access_token: "sink", expires_in: 3600 })));
});
const wss = new WebSocketServer({ server, perMessageDeflate: false });
wss.on("connection", (ws, req) => {
  if (req.url?.startsWith("/gateway/v1")) ws.send(JSON.stringify({ hello: { protocol: "tidewire-gateway/1", gateway: "sink", licensed: true, heartbeatSeconds: 30, maxMessageBytes: 65536 } }));
  ws.on("message", (data: Buffer) => {
    received.messages += 1;
    received.bytes += data.length;
  });
});
await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", () => resolve()));
const url = `http://127.0.0.1:${(server.address() as { port: number }).port}`;

const results = [];
for (const protocol of ["generic", "aruba"] as const) {
  received.messages = 0;
  const sensors = createFleet({ sensors: 20_000, gateways: 100, hearing: 3, secureShare: 0.1, seed: 1 });
  const simulator = new GatewaySimulator({ protocol, url, token: "sink-token", username: "sink", password: "sink", gateways: 100, sensors, rate, healthIntervalMs: 0 });
  await simulator.start();
  const report = await simulator.run({ durationMs: seconds * 1000 });
  await simulator.stop();
  const result = { protocol, gateways: 100, sensors: sensors.length, hearing: 3, secureShare: 0.1, targetRate: rate, seconds, readingsPerSecond: report.readingsPerSecond, framesPerSecond: report.framesPerSecond, messagesAtSink: received.messages };
  results.push(result);
  console.log(`${protocol}: ${report.readingsPerSecond} readings/s, ${report.framesPerSecond} frames/s sent (target ${rate} readings/s); sink received ${received.messages} messages`);
}
wss.close();
server.close();
const out = path.resolve("bench-results/simulator.json");
mkdirSync(path.dirname(out), { recursive: true });
writeFileSync(out, JSON.stringify({ at: new Date().toISOString(), node: process.version, results }, null, 2));
console.log(`wrote ${out}`);
process.exit(0);
