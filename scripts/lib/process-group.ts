import { spawn, type ChildProcess } from "node:child_process";
import { createWriteStream, mkdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { createInterface } from "node:readline";

interface Member {
  name: string;
  child: ChildProcess;
  logFile: string;
}

/** Runs the system's processes side by side: each one's output goes to its own log file, and
 * warnings and errors are echoed to the console with the process name. Stops everything when one
 * of them dies or on stop(). */
export class ProcessGroup {
  private readonly members: Member[] = [];
  private stopping = false;

  constructor(
    private readonly logDir: string,
    private readonly onUnexpectedExit: (name: string, code: number | null, logTail: string) => void,
  ) {
    mkdirSync(logDir, { recursive: true });
  }

  start(name: string, command: string, args: string[], options: { cwd: string; env: NodeJS.ProcessEnv }): void {
    const logFile = path.join(this.logDir, `${name}.log`);
    const log = createWriteStream(logFile, { flags: "a" });
    log.write(`\n--- started ${new Date().toISOString()} ---\n`);
    const child = spawn(command, args, { cwd: options.cwd, env: options.env, stdio: ["ignore", "pipe", "pipe"], detached: true });
    // Own process group: Ctrl-C reaches only the supervisor, which stops everyone in order.
    for (const stream of [child.stdout!, child.stderr!]) {
      createInterface({ input: stream }).on("line", (line) => {
        log.write(line + "\n");
        const level = /"level":(\d+)/.exec(line)?.[1];
        if ((level && Number(level) >= 40) || (!level && /error|warn/i.test(line))) {
          const msg = /"msg":"([^"]*)"/.exec(line)?.[1] ?? line;
          console.log(`  [${name}] ${msg}`);
        }
      });
    }
    child.on("exit", (code) => {
      if (!this.stopping) this.onUnexpectedExit(name, code, tail(logFile));
    });
    this.members.push({ name, child, logFile });
  }

  async stop(): Promise<void> {
    this.stopping = true;
    await Promise.all(
      this.members.map(
        ({ child }) =>
          new Promise<void>((resolve) => {
            if (child.exitCode !== null || child.signalCode !== null) return resolve();
            const force = setTimeout(() => child.kill("SIGKILL"), 10_000);
            child.once("exit", () => {
              clearTimeout(force);
              resolve();
            });
            child.kill("SIGTERM");
          }),
      ),
    );
  }
}

function tail(file: string, lines = 15): string {
  try {
    return readFileSync(file, "utf8").trimEnd().split("\n").slice(-lines).join("\n");
  } catch {
    return "";
  }
}
