/**
 * A live chart for training loops: one output that is redrawn in place (Jupyter
 * `update_display_data` with a display id) and a progress line below it, both throttled so a
 * loop of 10 000 steps sends a few dozen messages, not 10 000.
 *
 * Each redraw re-renders the PNG fallback too, so the notebook saved after the run shows the
 * final chart everywhere. A redraw costs about 40–120 ms (spec build, Vega layout, PNG); the
 * throttle adapts so that redrawing takes at most `maxRenderShare` of the wall time.
 */
import { randomUUID } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import type { Figure } from '../charts/figure';
import { chartBundle } from './chart-bundle';
import { sendDisplay } from './sink';

/** Options of {@link liveChart}. */
export interface LiveChartOptions<R> {
  /** Builds the chart from every row pushed so far, e.g. `(rows) => trainingCurves(rows, { title })`. */
  spec: (rows: readonly R[]) => Figure;
  /** Redraw at most every this many `push` calls. Default 1. */
  everySteps?: number;
  /** Redraw at most every this many milliseconds. Default 1000. */
  minIntervalMs?: number;
  /** Largest fraction of wall time spent redrawing; a slow redraw stretches the interval. Default 0.2. */
  maxRenderShare?: number;
  /** Update the progress line at most every this many milliseconds. Default 250. */
  progressIntervalMs?: number;
  /** Pixel density of the PNG fallback of each redraw. Default 2. */
  scale?: number;
  /** Clock in milliseconds (injectable for tests). Default `performance.now`. */
  now?: () => number;
}

/** The handle {@link liveChart} returns. */
export interface LiveChart<R> {
  /** Adds rows (one push counts as one step) and redraws if the throttle allows. Await it inside loops. */
  push(rows: R | readonly R[]): Promise<void>;
  /** Sets the progress line (e.g. `'epoch 3 / 10: loss 1.52, val 0.41'`), sent at most every `progressIntervalMs`. */
  progress(text: string): void;
  /** Final redraw (always) and final progress line; later pushes throw. */
  done(): Promise<void>;
  /** Every row pushed so far. */
  readonly rows: readonly R[];
  /** Number of chart redraws sent. */
  readonly redraws: number;
  /** Duration of the last redraw in milliseconds (spec build + render), 0 before the first. */
  readonly lastRenderMs: number;
}

function positive(name: string, v: number, integer = false): number {
  if (typeof v !== 'number' || !Number.isFinite(v) || v < 0 || (integer && !Number.isInteger(v))) {
    throw new RangeError(`liveChart: option ${name} must be a ${integer ? 'non-negative integer' : 'non-negative number'}, got ${String(v)}`);
  }
  return v;
}

/**
 * Starts a live chart: sends a placeholder output now and returns a handle to feed it.
 *
 * @example
 * ```ts
 * const live = liveChart({ spec: (rows) => trainingCurves(rows, { title: 'Loss falls, val accuracy plateaus at 0.48' }) });
 * await train({ …, onStep: (s) => live.push(s), onEpoch: (e) => { live.progress(`epoch ${e.epoch + 1}: val ${e.valAcc.toFixed(2)}`); return live.push(e); } });
 * await live.done();
 * ```
 */
export function liveChart<R>(options: LiveChartOptions<R>): LiveChart<R> {
  if (typeof options?.spec !== 'function') throw new TypeError('liveChart: option spec must be a function (rows) => Vega-Lite spec');
  const everySteps = positive('everySteps', options.everySteps ?? 1, true) || 1;
  const minIntervalMs = positive('minIntervalMs', options.minIntervalMs ?? 1000);
  const share = options.maxRenderShare ?? 0.2;
  if (!(share > 0 && share <= 1)) throw new RangeError(`liveChart: option maxRenderShare must be in (0, 1], got ${share}`);
  const progressIntervalMs = positive('progressIntervalMs', options.progressIntervalMs ?? 250);
  const scale = options.scale ?? 2;
  const now = options.now ?? (() => performance.now());

  const chartId = randomUUID();
  const progressId = randomUUID();
  const rows: R[] = [];
  let stepsSinceDraw = 0;
  let lastDrawAt = -Infinity;
  let lastRenderMs = 0;
  let redraws = 0;
  let inFlight: Promise<void> | null = null;
  let finished = false;
  let progressText: string | null = null;
  let progressSent = false;
  let progressDirty = false;
  let lastProgressAt = -Infinity;

  sendDisplay({ data: { 'text/plain': 'live chart: waiting for the first data…' }, metadata: {}, transient: { display_id: chartId } }, false);

  const redraw = async (): Promise<void> => {
    const started = now();
    const bundle = await chartBundle(options.spec(rows), { scale });
    sendDisplay({ data: bundle.data, metadata: bundle.metadata ?? {}, transient: { display_id: chartId } }, true);
    lastRenderMs = now() - started;
    lastDrawAt = now();
    redraws++;
  };

  const sendProgress = (): void => {
    if (progressText === null) return;
    sendDisplay({ data: { 'text/plain': progressText }, metadata: {}, transient: { display_id: progressId } }, progressSent);
    progressSent = true;
    progressDirty = false;
    lastProgressAt = now();
  };

  return {
    get rows() {
      return rows;
    },
    get redraws() {
      return redraws;
    },
    get lastRenderMs() {
      return lastRenderMs;
    },
    async push(more: R | readonly R[]): Promise<void> {
      if (finished) throw new Error('liveChart: push after done()');
      if (Array.isArray(more)) rows.push(...(more as readonly R[]));
      else rows.push(more as R);
      stepsSinceDraw++;
      if (inFlight) return; // a redraw is running (push was not awaited); done() catches up.
      // A slow redraw stretches the interval so drawing stays under `share` of the time.
      const interval = Math.max(minIntervalMs, (lastRenderMs * (1 - share)) / share);
      if (stepsSinceDraw < everySteps || now() - lastDrawAt < interval) return;
      stepsSinceDraw = 0;
      inFlight = redraw().finally(() => {
        inFlight = null;
      });
      await inFlight;
    },
    progress(text: string): void {
      if (finished) throw new Error('liveChart: progress after done()');
      progressText = String(text);
      progressDirty = true;
      if (now() - lastProgressAt >= progressIntervalMs) sendProgress();
    },
    async done(): Promise<void> {
      if (finished) return;
      finished = true;
      if (inFlight) await inFlight;
      if (rows.length > 0) {
        await redraw();
      } else {
        sendDisplay({ data: { 'text/plain': 'live chart: no data was pushed' }, metadata: {}, transient: { display_id: chartId } }, true);
      }
      if (progressDirty) sendProgress();
    },
  };
}
