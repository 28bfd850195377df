import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { Worker } from 'node:worker_threads';
import * as tf from '@tensorflow/tfjs';
import type { BackendName } from '../backend';
import { compileTrial, explainTrialError, trialSource } from './trialSource';
import { cloneOrExplain, runOneTrial } from './runOne';
import type { FromWorker, RunTrialsOptions, ToWorker, Trial, TrialProgress, WorkerSetup } from './types';

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

/**
 * Starts one worker thread. From `dist/` (notebooks) that is the compiled `worker.js`. When this
 * file runs from source under tsx (unit tests, `npm run bench`), the worker is `worker.ts`, and
 * tsx's loader, registered in this thread by `--import tsx`, does not carry over to new threads, so
 * the worker registers it itself first.
 */
function startWorker(setup: WorkerSetup): Worker {
  const js = path.join(__dirname, 'worker.js');
  if (fs.existsSync(js)) return new Worker(js, { workerData: setup });
  const ts = path.join(__dirname, 'worker.ts');
  if (fs.existsSync(ts)) {
    const bootstrap = `require('tsx/cjs/api').register();\nrequire(${JSON.stringify(ts)});`;
    return new Worker(bootstrap, { eval: true, workerData: setup });
  }
  throw new Error(`runTrials: worker script not found next to ${__filename}; rebuild kernel-helpers (npm run build)`);
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
 * same seeds. Workers are terminated when all trials are done or the first one fails.
 *
 * ```ts
 * const results = await runTrials({
 *   trial: (lr, { tf, rng, report }) => { ...; report({ epoch, loss }); return { lr, valAcc }; },
 *   inputs: learningRates, rng: rng(), onProgress: printTrialProgress,
 * });
 * ```
 *
 * @returns one result per input, in input order.
 * @throws {@link TrialError} for the first trial that throws (its index, input and message);
 *   TypeError/RangeError for bad options, naming the option.
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
  cloneOrExplain(inputs, 'options.inputs contains a value that');
  const trial = compileTrial<I, R>(source);
  if (inputs.length === 0) return [];
  const onProgress = options.onProgress ?? (() => undefined);
  if (workers === 0) return runInProcess(trial, inputs, seeds, onProgress);
  const setup: WorkerSetup = { trialSource: source, backend: options.backend ?? backendInUse() };
  return runInWorkers(setup, inputs, seeds, Math.min(workers, inputs.length), onProgress);
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

function runInWorkers<I, R>(
  setup: WorkerSetup,
  inputs: readonly I[],
  seeds: number[],
  workerCount: number,
  onProgress: (p: TrialProgress<I>) => void,
): Promise<R[]> {
  return new Promise<R[]>((resolve, reject) => {
    const results = new Array<R>(inputs.length);
    const startedAt = new Array<number>(inputs.length).fill(0);
    const pool: Worker[] = [];
    let next = 0;
    let done = 0;
    let settled = false;

    const finish = (error: Error | null): void => {
      if (settled) return;
      settled = true;
      // Terminate before settling, so no worker outlives the call (and no CPU is left busy).
      void Promise.allSettled(pool.map((w) => w.terminate())).then(() => (error ? reject(error) : resolve(results)));
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
    const dispatch = (worker: Worker, workerIndex: number): void => {
      if (settled || next >= inputs.length) return;
      const index = next++;
      startedAt[index] = performance.now();
      progress('started', index, workerIndex);
      const message: ToWorker = { type: 'run', index, input: inputs[index], seed: seeds[index] };
      worker.postMessage(message);
    };

    for (let w = 0; w < workerCount; w++) {
      const worker = startWorker(setup);
      pool.push(worker);
      worker.on('message', (message: FromWorker) => {
        if (settled) return;
        switch (message.type) {
          case 'ready':
            dispatch(worker, w);
            break;
          case 'report':
            progress('report', message.index, w, message.message);
            break;
          case 'result':
            results[message.index] = message.result as R;
            done++;
            progress('finished', message.index, w);
            if (done === inputs.length) finish(null);
            else dispatch(worker, w);
            break;
          case 'error':
            finish(new TrialError(message.index, inputs[message.index], explainTrialError(message.message, message.name), message.stack));
            break;
          case 'fatal':
            finish(new Error(`runTrials: worker ${w} failed: ${message.message}`));
            break;
        }
      });
      worker.on('error', (error) => finish(new Error(`runTrials: worker ${w} crashed: ${error.message}`)));
      worker.on('exit', (code) => {
        if (!settled) finish(new Error(`runTrials: worker ${w} exited (code ${code}) before all trials finished`));
      });
    }
  });
}
