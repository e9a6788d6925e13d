// Polls the tenant's statistics (frames per gateway, telegrams per device) twice a second. The
// workers write them every two seconds, so a phase's rate is the slope of a least-squares line
// through the samples inside it, not the difference of two step-shaped readings.
import type { Db } from "@tidewire/db";
import { countedSoFar } from "./bench-environment";

interface Sample {
  at: number;
  frames: number;
  telegrams: number;
}

export class StatsSampler {
  private readonly samples: Sample[] = [];
  private timer?: NodeJS.Timeout;

  constructor(
    private readonly db: Db,
    private readonly tenantId: string,
  ) {}

  start(): void {
    const poll = async () => {
      try {
        this.samples.push({ at: Date.now(), ...(await countedSoFar(this.db, this.tenantId)) });
      } catch {
        // a missed sample only widens the fit
      }
      this.timer = setTimeout(() => void poll(), 500);
    };
    void poll();
  }

  stop(): void {
    if (this.timer) clearTimeout(this.timer);
  }

  /** frames/s and telegrams/s counted between `from` and `to` (ms). */
  rates(from: number, to: number): { framesPerSecond: number; telegramsPerSecond: number } {
    const inside = this.samples.filter((s) => s.at >= from && s.at <= to);
    return { framesPerSecond: Math.round(slope(inside, (s) => s.frames)), telegramsPerSecond: Math.round(slope(inside, (s) => s.telegrams)) };
  }

  latest(): Sample | undefined {
    return this.samples[this.samples.length - 1];
  }
}

function slope(samples: Sample[], value: (s: Sample) => number): number {
  if (samples.length < 2) return NaN;
  const n = samples.length;
  const mx = samples.reduce((a, s) => a + s.at, 0) / n;
  const my = samples.reduce((a, s) => a + value(s), 0) / n;
  let num = 0;
  let den = 0;
  for (const s of samples) {
    num += (s.at - mx) * (value(s) - my);
    den += (s.at - mx) ** 2;
  }
  return den === 0 ? NaN : (num / den) * 1000;
}
