// CPU time and memory of a running process, from /proc (Linux).
import { readdirSync, readFileSync } from "node:fs";

/** clock ticks per second of /proc/<pid>/stat (USER_HZ; 100 on every Linux Node runs on) */
const TICKS_PER_SECOND = 100;

export interface ProcessUsage {
  /** user + system CPU seconds since the process started */
  cpuSeconds: number;
  /** resident set size now and at its peak (VmHWM), MiB */
  rssMiB: number;
  peakRssMiB: number;
}

export function readProcessUsage(pid: number): ProcessUsage | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    // The command name (field 2) may contain spaces: count fields after its closing parenthesis.
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    const utime = Number(fields[11]);
    const stime = Number(fields[12]);
    const status = readFileSync(`/proc/${pid}/status`, "utf8");
    const kib = (name: string) => Number(new RegExp(`^${name}:\\s+(\\d+)`, "m").exec(status)?.[1] ?? 0);
    return { cpuSeconds: (utime + stime) / TICKS_PER_SECOND, rssMiB: kib("VmRSS") / 1024, peakRssMiB: kib("VmHWM") / 1024 };
  } catch {
    return undefined;
  }
}

/** Follows processes by name: CPU seconds between marks and the highest peak RSS seen. */
export class UsageTracker {
  private readonly pids = new Map<string, number>();
  private readonly peak = new Map<string, number>();
  private readonly last = new Map<string, number>();
  private readonly groups = new Map<string, string>();
  private machineBase = 0;

  track(name: string, pid: number | undefined): void {
    if (pid !== undefined) this.pids.set(name, pid);
  }

  /** Follows every process whose command is `comm` (PostgreSQL's backends, Redis) as one. */
  trackGroup(name: string, comm: string): void {
    this.groups.set(name, comm);
  }

  /** CPU seconds of every process now (and updates the peaks). */
  sample(): Record<string, number> {
    const out: Record<string, number> = {};
    for (const [name, pid] of this.pids) {
      const u = name === MACHINE ? machineUsage() : name === "bench (subscribers)" ? selfUsage() : readProcessUsage(pid);
      if (!u) continue;
      // The machine counts from boot: from the first sample on, like the processes started here.
      if (name === MACHINE && !this.machineBase) this.machineBase = u.cpuSeconds;
      out[name] = name === MACHINE ? u.cpuSeconds - this.machineBase : u.cpuSeconds;
      this.peak.set(name, Math.max(this.peak.get(name) ?? 0, u.peakRssMiB));
      this.last.set(name, out[name]!);
    }
    if (this.groups.size > 0) {
      for (const [name, usage] of groupUsage(this.groups)) {
        out[name] = usage.cpuSeconds;
        this.peak.set(name, Math.max(this.peak.get(name) ?? 0, usage.peakRssMiB));
        this.last.set(name, usage.cpuSeconds);
      }
    }
    return out;
  }

  peaks(): Record<string, number> {
    return Object.fromEntries(this.peak);
  }

  totals(): Record<string, number> {
    return Object.fromEntries(this.last);
  }
}

/** CPU seconds of every running process per group (its own and its waited-for children's, so a
 * PostgreSQL backend that ended still counts through the postmaster), and the largest peak RSS. */
function groupUsage(groups: Map<string, string>): Map<string, ProcessUsage> {
  const byComm = new Map<string, ProcessUsage>();
  for (const entry of readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, "utf8");
      const comm = stat.slice(stat.indexOf("(") + 1, stat.lastIndexOf(")"));
      if (![...groups.values()].includes(comm)) continue;
      const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
      const ticks = Number(fields[11]) + Number(fields[12]) + Number(fields[13]) + Number(fields[14]);
      const u = byComm.get(comm) ?? { cpuSeconds: 0, rssMiB: 0, peakRssMiB: 0 };
      u.cpuSeconds += ticks / TICKS_PER_SECOND;
      u.peakRssMiB = Math.max(u.peakRssMiB, readProcessUsage(Number(entry))?.peakRssMiB ?? 0);
      byComm.set(comm, u);
    } catch {
      // the process ended while we looked
    }
  }
  const out = new Map<string, ProcessUsage>();
  for (const [name, comm] of groups) {
    const u = byComm.get(comm);
    if (u) out.set(name, u);
  }
  return out;
}

/** The whole machine's busy CPU time (every process, PostgreSQL and Redis included), tracked
 * like a process: it tells whether the cores were used up, or the pipeline was waiting. */
export const MACHINE = "machine (all processes)";

/** The shared services, tracked as groups: not the benchmark's processes, but the system's cost. */
export const SERVICES = ["postgresql", "redis"] as const;

function machineUsage(): ProcessUsage | undefined {
  try {
    // cpu  user nice system idle iowait irq softirq steal ...
    const [user, nice, system, , , irq, softirq, steal] = readFileSync("/proc/stat", "utf8").split("\n")[0]!.trim().split(/\s+/).slice(1).map(Number);
    const busy = [user, nice, system, irq, softirq, steal].reduce<number>((a, b) => a + (b ?? 0), 0);
    return { cpuSeconds: busy / TICKS_PER_SECOND, rssMiB: 0, peakRssMiB: 0 };
  } catch {
    return undefined;
  }
}

function selfUsage(): ProcessUsage {
  const cpu = process.cpuUsage();
  return { cpuSeconds: (cpu.user + cpu.system) / 1e6, rssMiB: process.memoryUsage().rss / 2 ** 20, peakRssMiB: process.resourceUsage().maxRSS / 1024 };
}

/** CPU seconds used per process between two samples. */
export function cpuBetween(before: Record<string, number>, after: Record<string, number>): Record<string, number> {
  const out: Record<string, number> = {};
  for (const [name, value] of Object.entries(after)) out[name] = round(value - (before[name] ?? 0), 2);
  return out;
}

export function round(value: number, digits = 0): number {
  const f = 10 ** digits;
  return Math.round(value * f) / f;
}
