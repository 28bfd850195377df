import * as os from 'node:os';
import * as tf from '@tensorflow/tfjs';
import type { BackendName } from '../backend';
import { compileTrial, explainTrialError, trialSource } from './trialSource';
import { cloneOrExplain, runOneTrial } from './runOne';
import { shareLargeArrays } from './largeInputs';
import type { SharedInputs } from './largeInputs';
import { acquireWorkers, DEFAULT_IDLE_TIMEOUT_MS, releaseWorker, retireWorker } from './pool';
import type { PooledWorker } from './pool';
import type { FromWorker, RunTrialsOptions, ToWorker, Trial, TrialProgress } from './types';

/** A trial threw: carries which trial, its input, and the original message and stack. */
export class TrialError<I = unknown> extends Error {
  /**
   * @param index the failing trial's position in `inputs`.
   * @param input the failing trial's input.
   * @param trialMessage the message the trial threw.
   * @param trialStack the stack trace from inside the trial (in the worker), when available.
   */
  constructor(
    readonly index: number,
    readonly input: I,
    readonly trialMessage: string,
    readonly trialStack?: string,
  ) {
    super(`runTrials: trial ${index} (input ${describe(input)}) failed: ${trialMessage}`);
    this.name = 'TrialError';
  }
}

/** A short, one-line rendering of an input for error messages. */
function describe(value: unknown): string {
  let text: string;
  try {
    text = JSON.stringify(value) ?? String(value);
  } catch {
    text = String(value);
  }
  return text.length > 200 ? `${text.slice(0, 197)}...` : text;
}

function checkSeeds(options: RunTrialsOptions<unknown, unknown>): number[] {
  const { seeds, rng, inputs } = options;
  if ((seeds === undefined) === (rng === undefined)) {
    throw new TypeError('runTrials: give exactly one of options.seeds (one per input) and options.rng');
  }
  if (rng !== undefined) {
    if (typeof rng.nextUint32 !== 'function') throw new TypeError('runTrials: options.rng must be an Rng (from seed() or new Rng(s))');
    return inputs.map(() => rng.nextUint32());
  }
  if (!Array.isArray(seeds) || seeds.length !== inputs.length) {
    throw new TypeError(`runTrials: options.seeds must be an array with one seed per input (${inputs.length}), got ${Array.isArray(seeds) ? seeds.length : typeof seeds}`);
  }
  seeds.forEach((s, i) => {
    if (!Number.isInteger(s) || s < 0 || s >= 2 ** 32) throw new RangeError(`runTrials: options.seeds[${i}] must be an integer in [0, 2^32), got ${s}`);
  });
  return [...seeds];
}

function checkWorkers(workers: unknown): number {
  const value = workers ?? os.availableParallelism();
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 0) {
    throw new RangeError(`runTrials: options.workers must be a non-negative integer (0 = in this thread), got ${String(workers)}`);
  }
  return value;
}

/** The backends a worker can be asked to use (see `initBackend`). */
const BACKENDS: readonly BackendName[] = ['tensorflow', 'wasm', 'cpu'];

/** Longest delay `setTimeout` honours (about 24.8 days; a longer one fires at once): longer limits are no limit. */
const MAX_TIMER_MS = 2 ** 31 - 1;

/** A duration option in milliseconds: a number > 0 (>= 0 if `allowZero`), Infinity meaning no limit. */
function checkMs(name: string, value: unknown, fallback: number, allowZero: boolean): number {
  if (value === undefined) return fallback;
  if (typeof value !== 'number' || Number.isNaN(value) || value < 0 || (value === 0 && !allowZero)) {
    throw new RangeError(`runTrials: options.${name} must be a number of milliseconds ${allowZero ? '>= 0' : '> 0'} (Infinity: no limit), got ${String(value)}`);
  }
  return value;
}

/** The backend this thread uses, without initialising one as a side effect. */
function backendInUse(): BackendName | null {
  return (tf.engine().backendName as BackendName | null) ?? null;
}

/**
 * Runs independent trials (the settings of a hyperparameter search, the cases of a sweep) in
 * worker threads, each with its own TensorFlow.js on the same backend as this thread, and returns
 * their results in input order.
 *
 * Trial `i` gets `inputs[i]` and a context seeded with seed `i` (from `seeds`, or drawn from `rng`
 * in input order before any trial starts), so the results do not depend on how many workers run
 * or which worker gets which trial: they equal a sequential in-process run (`workers: 0`) with the
 * same seeds.
 *
 * The worker threads are kept warm between calls: after a call they idle for
 * `options.idleTimeoutMs` (default 30 s) and the next call reuses them, so its trials start at once
 * instead of after each worker's start-up (about 0.4 s of CPU) and JIT warm-up. Idle workers never
 * keep the process from exiting; {@link shutdownTrialWorkers} ends them at once and
 * {@link trialWorkerStats} shows what the pool did. Each trial starts clean in a reused worker
 * (seeded, and with every tensor of earlier trials disposed; a worker left otherwise is replaced).
 * When a trial fails, the call rejects at once and the workers still running its other trials are
 * terminated and replaced.
 *
 * ```ts
 * const results = await runTrials({
 *   trial: (lr, { tf, rng, report }) => { ...; report({ epoch, loss }); return { lr, valAcc }; },
 *   inputs: learningRates, rng: rng(), onProgress: printTrialProgress,
 * });
 * ```
 *
 * @returns one result per input, in input order.
 * @throws {@link TrialError} for the first trial that throws or exceeds `trialTimeoutMs` (its
 *   index, input and message); TypeError/RangeError for bad options, naming the option.
 */
export async function runTrials<I, R>(options: RunTrialsOptions<I, R>): Promise<R[]> {
  if (options === null || typeof options !== 'object') throw new TypeError('runTrials: options must be an object');
  const source = trialSource(options.trial);
  if (!Array.isArray(options.inputs)) throw new TypeError('runTrials: options.inputs must be an array (one input per trial)');
  const inputs = options.inputs;
  const seeds = checkSeeds(options as RunTrialsOptions<unknown, unknown>);
  const workers = checkWorkers(options.workers);
  if (options.onProgress !== undefined && typeof options.onProgress !== 'function') {
    throw new TypeError('runTrials: options.onProgress must be a function');
  }
  const idleTimeoutMs = checkMs('idleTimeoutMs', options.idleTimeoutMs, DEFAULT_IDLE_TIMEOUT_MS, true);
  const trialTimeoutMs = checkMs('trialTimeoutMs', options.trialTimeoutMs, Infinity, false);
  if (options.backend !== undefined && !BACKENDS.includes(options.backend)) {
    throw new RangeError(`runTrials: options.backend must be one of ${BACKENDS.join(', ')}, got ${String(options.backend)}`);
  }
  // For workers, large arrays go through shared memory (copied here once, not once per trial);
  // checking what will be sent then clones no large array either.
  const sent = workers === 0 ? null : shareLargeArrays(inputs);
  cloneOrExplain(sent?.inputs ?? inputs, 'options.inputs contains a value that');
  const trial = compileTrial<I, R>(source);
  if (inputs.length === 0) return [];
  const onProgress = options.onProgress ?? (() => undefined);
  if (sent === null) return runInProcess(trial, inputs, seeds, onProgress);
  return runInWorkers<I, R>({
    source, backend: options.backend ?? backendInUse(), inputs, sent, seeds, workerCount: Math.min(workers, inputs.length),
    onProgress, idleTimeoutMs, trialTimeoutMs,
  });
}

async function runInProcess<I, R>(
  trial: Trial<I, R>,
  inputs: readonly I[],
  seeds: number[],
  onProgress: (p: TrialProgress<I>) => void,
): Promise<R[]> {
  const results: R[] = [];
  for (let index = 0; index < inputs.length; index++) {
    const input = inputs[index];
    const started = performance.now();
    const event = (kind: TrialProgress['kind'], done: number, message?: unknown): TrialProgress<I> => ({
      kind, index, input, done, total: inputs.length, worker: -1, elapsedMs: kind === 'started' ? 0 : performance.now() - started,
      ...(kind === 'report' ? { message } : {}),
    });
    onProgress(event('started', index));
    try {
      results.push(await runOneTrial(trial, input, index, seeds[index], (m) => onProgress(event('report', index, m))));
    } catch (error) {
      const e = error instanceof Error ? error : new Error(String(error));
      throw new TrialError(index, input, explainTrialError(e.message, e.name), e.stack);
    }
    onProgress(event('finished', index + 1));
  }
  return results;
}

/** Everything a run in worker threads needs, checked. */
interface WorkerRun<I> {
  source: string;
  backend: BackendName | null;
  /** The caller's inputs (for progress events and errors). */
  inputs: readonly I[];
  /** What is posted to the workers: the inputs with large arrays in shared memory. */
  sent: SharedInputs<I>;
  seeds: number[];
  /** Workers to use, at most the number of inputs. */
  workerCount: number;
  onProgress: (p: TrialProgress<I>) => void;
  idleTimeoutMs: number;
  trialTimeoutMs: number;
}

function runInWorkers<I, R>(run: WorkerRun<I>): Promise<R[]> {
  const { source, inputs, sent, seeds, onProgress, trialTimeoutMs } = run;
  return new Promise<R[]>((resolve, reject) => {
    const results = new Array<R>(inputs.length);
    const startedAt = new Array<number>(inputs.length).fill(0);
    const pool = acquireWorkers(run.backend, run.workerCount, run.idleTimeoutMs);
    /** Per slot (the `worker` number of progress events): the trial it runs, or null. */
    const running: ({ index: number; timer: NodeJS.Timeout | null } | null)[] = pool.map(() => null);
    /** Per slot: still this call's (not yet released to the pool or retired). */
    const held = pool.map(() => true);
    let next = 0;
    let done = 0;
    let settled = false;

    const stopTimer = (slot: number): void => {
      const timer = running[slot]?.timer;
      if (timer) clearTimeout(timer);
    };
    const release = (slot: number): void => {
      if (!held[slot]) return;
      held[slot] = false;
      stopTimer(slot);
      running[slot] = null;
      releaseWorker(pool[slot]);
    };
    /** Its worker's state is unknown (failed trial, or a trial this call no longer wants): replace it. */
    const retire = (slot: number): Promise<void> => {
      if (!held[slot]) return Promise.resolve();
      held[slot] = false;
      stopTimer(slot);
      running[slot] = null;
      return retireWorker(pool[slot]);
    };
    const finish = (error: Error | null): void => {
      if (settled) return;
      settled = true;
      // Workers still running one of this call's trials are terminated before the call settles, so
      // none keeps a core busy for nothing; the others go back to the pool as they are.
      const stopping: Promise<void>[] = [];
      pool.forEach((_, slot) => {
        if (running[slot] !== null) stopping.push(retire(slot));
        else release(slot);
      });
      void Promise.allSettled(stopping).then(() => (error ? reject(error) : resolve(results)));
    };
    const progress = (kind: TrialProgress['kind'], index: number, worker: number, message?: unknown): void => {
      if (settled) return;
      try {
        onProgress({
          kind, index, input: inputs[index], done, total: inputs.length, worker,
          elapsedMs: kind === 'started' ? 0 : performance.now() - startedAt[index],
          ...(kind === 'report' ? { message } : {}),
        });
      } catch (error) {
        finish(new Error(`runTrials: options.onProgress threw: ${(error as Error).message}`));
      }
    };
    const dispatch = (slot: number): void => {
      if (settled || !held[slot]) return;
      if (next >= inputs.length) {
        // Nothing left for this worker: give it back now, so a concurrent call can use it.
        release(slot);
        return;
      }
      const index = next++;
      startedAt[index] = performance.now();
      const shared = sent.shared[index];
      const message: ToWorker = { type: 'run', index, input: sent.inputs[index], seed: seeds[index], source, ...(shared.length ? { shared } : {}) };
      try {
        pool[slot].post(message);
      } catch (error) {
        // Not expected (the inputs were checked with structuredClone), but a throw here would
        // escape as an uncaught exception from a worker's message handler.
        finish(new Error(`runTrials: could not send trial ${index} to worker ${slot}: ${(error as Error).message}`));
        return;
      }
      const timer = trialTimeoutMs <= MAX_TIMER_MS
        ? setTimeout(() => {
            if (settled || running[slot]?.index !== index) return;
            finish(new TrialError(index, inputs[index],
              `did not finish within options.trialTimeoutMs (${trialTimeoutMs} ms); its worker was terminated`));
          }, trialTimeoutMs)
        : null;
      running[slot] = { index, timer };
      progress('started', index, slot);
    };
    const onMessage = (slot: number, message: FromWorker): void => {
      if (settled || !held[slot]) return;
      switch (message.type) {
        case 'ready':
          break;
        case 'report':
          progress('report', message.index, slot, message.message);
          break;
        case 'result':
          stopTimer(slot);
          running[slot] = null;
          results[message.index] = message.result as R;
          done++;
          if (message.unclean !== undefined) {
            // Clearly reported, and never reused: the next trial must start from a clean state.
            console.warn(`runTrials: trial ${message.index} left its worker's tfjs unclean (${message.unclean}); that worker was replaced by a fresh one`);
            void retire(slot);
            // This slot goes on with a fresh worker (the pool's replacement), if trials remain.
            if (next < inputs.length) attach(slot, acquireWorkers(run.backend, 1, run.idleTimeoutMs)[0]);
          }
          progress('finished', message.index, slot);
          if (done === inputs.length) finish(null);
          else if (pool[slot].ready) dispatch(slot);
          break;
        case 'error':
          finish(new TrialError(message.index, inputs[message.index], explainTrialError(message.message, message.name), message.stack));
          break;
        case 'fatal':
          // It could not start (its backend did not load): end it, and start no replacement.
          void retire(slot);
          finish(new Error(`runTrials: worker ${slot} failed: ${message.message}`));
          break;
      }
    };

    /** Makes `worker` the one of `slot`: its events now drive this call. */
    function attach(slot: number, worker: PooledWorker): void {
      pool[slot] = worker;
      held[slot] = true;
      worker.listener = {
        ready: () => dispatch(slot),
        message: (message) => onMessage(slot, message),
        failed: (reason) => {
          held[slot] = false;
          stopTimer(slot);
          running[slot] = null;
          finish(new Error(`runTrials: worker ${slot} ${reason}`));
        },
      };
    }
    pool.forEach((worker, slot) => attach(slot, worker));
    // Warm workers start at once; the others when they report ready.
    pool.forEach((worker, slot) => {
      if (worker.ready) dispatch(slot);
    });
  });
}
