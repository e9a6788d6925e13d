// The ceiling: one plain Node process (mqtt.js, QoS 1, one connection) publishing the messages
// the benchmark's consumer received, as fast as the broker acknowledges them, with up to WINDOW
// unacknowledged. Usage: ceiling-publisher <mqtt url> <samples.json> <count>; prints JSON.
import { readFileSync } from "node:fs";
import mqtt from "mqtt";

const WINDOW = 1000;
const [url, file, countText] = process.argv.slice(2);
if (!url || !file || !countText) throw new Error("usage: ceiling-publisher <mqtt url> <samples.json> <count>");
const samples = (JSON.parse(readFileSync(file, "utf8")) as { topic: string; payload: string }[]).map((s) => ({ topic: `ceiling/${s.topic}`, payload: Buffer.from(s.payload) }));
if (samples.length === 0) throw new Error("no sample messages");
const count = Number(countText);
const client = await mqtt.connectAsync(url, { clientId: `bench-ceiling-${process.pid}`, clean: true });
const started = performance.now();
let sent = 0;
let acked = 0;
await new Promise<void>((resolve, reject) => {
  const pump = () => {
    while (sent < count && sent - acked < WINDOW) {
      const s = samples[sent % samples.length]!;
      sent++;
      client.publish(s.topic, s.payload, { qos: 1 }, (err) => {
        if (err) return reject(err);
        acked++;
        if (acked === count) resolve();
        else pump();
      });
    }
  };
  pump();
});
const seconds = (performance.now() - started) / 1000;
const cpu = process.cpuUsage();
await client.endAsync();
console.log(JSON.stringify({ messages: count, seconds, messagesPerSecond: count / seconds, cpuSeconds: (cpu.user + cpu.system) / 1e6 }));
