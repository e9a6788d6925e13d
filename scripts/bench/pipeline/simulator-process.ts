// The gateway simulator in its own process (its CPU is reported apart from the system's): 100
// generic gateways, the fleet, and a trace of every reading sent (fingerprint and time), reported
// to the benchmark every 50 ms.
import { createFleet, GatewaySimulator, type SentReading } from "@tidewire/testkit";
import { FLEET_SEED, type FromSimulator, type ToSimulator } from "./simulator-messages";

const send = (message: FromSimulator) => process.send?.(message);
let simulator: GatewaySimulator | undefined;
let fingerprints: string[] = [];
let at: number[] = [];

function flushTrace() {
  if (fingerprints.length === 0) return;
  send({ type: "sent", fingerprints, at });
  fingerprints = [];
  at = [];
}
setInterval(flushTrace, 50);

function onSent(sent: SentReading) {
  // The last telegram of a reading completes its message: that one carries the message's id.
  fingerprints.push(sent.fingerprints[sent.fingerprints.length - 1]!);
  at.push(sent.at);
}

process.on("message", (message: ToSimulator) => {
  void handle(message).catch((err: unknown) => send({ type: "error", message: (err as Error)?.stack ?? String(err) }));
});

async function handle(message: ToSimulator) {
  if (message.type === "setup") {
    const { setup } = message;
    const sensors = createFleet({ sensors: setup.sensors, gateways: setup.gateways, hearing: setup.hearing, secureShare: setup.secureShare, seed: FLEET_SEED });
    simulator = new GatewaySimulator({ protocol: "generic", url: setup.url, token: setup.token, gateways: setup.gateways, sensors, seed: setup.seed, gatewayIdPrefix: "bench-gw-", receptionSpreadMs: setup.spreadMs, onSent });
    await simulator.start();
    send({ type: "ready", connected: simulator.links.filter((l) => l.connected).length });
  } else if (message.type === "run") {
    if (!simulator) throw new Error("run before setup");
    const { sent: _sent, ...report } = await simulator.run({ rate: message.rate, durationMs: message.durationMs });
    flushTrace();
    send({ type: "ran", report });
  } else {
    await simulator?.stop();
    flushTrace();
    process.exit(0);
  }
}
