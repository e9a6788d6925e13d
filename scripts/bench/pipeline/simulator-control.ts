// The benchmark's side of the simulator process.
import { fork, type ChildProcess } from "node:child_process";
import path from "node:path";
import { fileURLToPath } from "node:url";
import type { SimulatorReport } from "@tidewire/testkit";
import type { FromSimulator, SimulatorSetup, ToSimulator } from "./simulator-messages";

type Report = Omit<SimulatorReport, "sent">;

export class SimulatorControl {
  private readonly child: ChildProcess;
  private readonly waiting: { type: FromSimulator["type"]; resolve: (m: FromSimulator) => void }[] = [];
  private failure?: Error;

  constructor(onSent: (fingerprints: string[], at: number[]) => void) {
    const here = path.dirname(fileURLToPath(import.meta.url));
    this.child = fork(path.join(here, "simulator-process.ts"), [], { execArgv: ["--import", "tsx"], stdio: ["ignore", "inherit", "inherit", "ipc"] });
    this.child.on("message", (m: FromSimulator) => {
      if (m.type === "sent") return onSent(m.fingerprints, m.at);
      if (m.type === "error") this.failure = new Error(`simulator: ${m.message}`);
      const i = this.waiting.findIndex((w) => w.type === m.type || m.type === "error");
      if (i >= 0) this.waiting.splice(i, 1)[0]!.resolve(m);
    });
    this.child.on("exit", (code) => {
      if (code !== 0) this.failure = new Error(`the simulator process exited with ${code}`);
      for (const w of this.waiting.splice(0)) w.resolve({ type: "error", message: String(this.failure) });
    });
  }

  get pid(): number | undefined {
    return this.child.pid;
  }

  private request<T extends FromSimulator["type"]>(message: ToSimulator, reply: T): Promise<Extract<FromSimulator, { type: T }>> {
    if (this.failure) return Promise.reject(this.failure);
    return new Promise((resolve, reject) => {
      this.waiting.push({
        type: reply,
        resolve: (m) => (m.type === "error" ? reject(new Error(`simulator: ${m.message}`)) : resolve(m as Extract<FromSimulator, { type: T }>)),
      });
      this.child.send(message);
    });
  }

  /** Connects the gateways; answers how many are connected. */
  async setup(setup: SimulatorSetup): Promise<number> {
    return (await this.request({ type: "setup", setup }, "ready")).connected;
  }

  /** Offers `rate` readings/s for `durationMs`; answers the simulator's cumulative report. */
  async run(rate: number, durationMs: number): Promise<Report> {
    return (await this.request({ type: "run", rate, durationMs }, "ran")).report;
  }

  async stop(): Promise<void> {
    if (this.child.exitCode !== null) return;
    const exited = new Promise<void>((resolve) => this.child.once("exit", () => resolve()));
    this.child.send({ type: "stop" } satisfies ToSimulator);
    const timer = setTimeout(() => this.child.kill("SIGKILL"), 10_000);
    await exited;
    clearTimeout(timer);
  }
}
