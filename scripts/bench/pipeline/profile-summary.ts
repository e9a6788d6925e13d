// Where the time goes: self time per function in a V8 .cpuprofile (node --cpu-prof), summed over
// every node of the same function and location.
import { readFileSync } from "node:fs";
import path from "node:path";

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  hitCount?: number;
}

export interface HotFunction {
  function: string;
  where: string;
  selfPercent: number;
}

/** Percentages are of the busy time (idle left out). */
export function summariseProfile(file: string, top = 25): { busyMs: number; hottest: HotFunction[]; byArea: Record<string, number> } {
  const profile = JSON.parse(readFileSync(file, "utf8")) as { nodes: ProfileNode[]; samples: number[]; timeDeltas: number[] };
  const selfMs = new Map<number, number>();
  profile.samples.forEach((id, i) => selfMs.set(id, (selfMs.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0) / 1000));
  const byFunction = new Map<string, { fn: string; where: string; ms: number }>();
  const byArea = new Map<string, number>();
  let total = 0;
  for (const node of profile.nodes) {
    const ms = selfMs.get(node.id) ?? 0;
    if (ms === 0 || node.callFrame.functionName === "(idle)") continue;
    total += ms;
    const where = location(node.callFrame.url, node.callFrame.lineNumber);
    const fn = node.callFrame.functionName || "(anonymous)";
    const key = `${fn}@${where}`;
    const entry = byFunction.get(key) ?? { fn, where, ms: 0 };
    entry.ms += ms;
    byFunction.set(key, entry);
    const area = areaOf(node.callFrame.url, fn);
    byArea.set(area, (byArea.get(area) ?? 0) + ms);
  }
  const pct = (ms: number) => Math.round((ms / total) * 1000) / 10;
  return {
    busyMs: Math.round(total),
    hottest: [...byFunction.values()].sort((a, b) => b.ms - a.ms).slice(0, top).map((e) => ({ function: e.fn, where: e.where, selfPercent: pct(e.ms) })),
    byArea: Object.fromEntries([...byArea].sort((a, b) => b[1] - a[1]).map(([k, v]) => [k, pct(v)])),
  };
}

function location(url: string, line: number): string {
  if (!url) return "(native)";
  const clean = url.replace(/^file:\/\//, "");
  const nm = clean.lastIndexOf("node_modules/");
  const short = nm >= 0 ? clean.slice(nm + "node_modules/".length) : path.relative(process.cwd(), clean);
  return `${short}:${line + 1}`;
}

/** A coarse bucket: which library or part of Tidewire the time is spent in. */
function areaOf(url: string, fn: string): string {
  if (fn === "(garbage collector)") return "garbage collection";
  if (fn === "(idle)" || fn === "(program)") return fn.slice(1, -1);
  if (!url) return "native (JSON, crypto, buffers, syscalls)";
  if (url.startsWith("node:")) return "node core (sockets, streams)";
  const m = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url);
  if (m) return m[1]!;
  const t = /\/(packages|apps)\/([^/]+)\//.exec(url);
  return t ? `${t[1]}/${t[2]}` : "other";
}
