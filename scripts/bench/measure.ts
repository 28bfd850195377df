import type { Timing } from './specs';

/** Timings of one workload on one backend. */
export interface Measurement {
  /** Median wall time of the timed runs, in milliseconds. */
  medianMs: number;
  /** Number of timed runs. */
  runs: number;
}

/** A warm-up run longer than this is kept as the one timed run: its first-call costs are noise by then. */
const LONG_RUN_MS = 2000;

/**
 * Times `run`: `timing.warmup` untimed runs, then up to `timing.repeats` timed ones, stopping
 * early once `timing.budgetS` seconds went into timed runs. Reports the median, which shrugs off
 * the occasional run slowed by another process on this shared machine. A warm-up run longer than
 * 2 s is used as the single timed run instead (so the slow cpu backend runs heavy workloads once).
 */
export async function measure(run: () => void | Promise<void>, timing: Timing): Promise<Measurement> {
  for (let i = 0; i < timing.warmup; i++) {
    const start = performance.now();
    await run();
    const ms = performance.now() - start;
    if (ms > LONG_RUN_MS) return { medianMs: ms, runs: 1 };
  }
  const samples: number[] = [];
  let spent = 0;
  while (samples.length < Math.max(1, timing.repeats) && (samples.length === 0 || spent < timing.budgetS * 1000)) {
    const start = performance.now();
    await run();
    const ms = performance.now() - start;
    samples.push(ms);
    spent += ms;
  }
  return { medianMs: median(samples), runs: samples.length };
}

/** The median of a non-empty list (mean of the middle two for an even count). */
export function median(values: readonly number[]): number {
  if (values.length === 0) throw new RangeError('median: no values');
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}
