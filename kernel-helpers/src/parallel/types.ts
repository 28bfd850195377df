import type * as tfNamespace from '@tensorflow/tfjs';
import type { Rng } from '../random';
import type { BackendName } from '../backend';

/**
 * What a trial receives besides its input. Everything a trial uses must come from here or from
 * its input: a trial defined in a notebook cell is sent to a worker thread as source text, so the
 * names the cell imported (`tf`, helpers) do not exist there.
 */
export interface TrialContext {
  /** The worker's own TensorFlow.js, on the same backend as the caller's (fast path included). */
  tf: typeof tfNamespace;
  /**
   * The trial's generator, seeded with {@link TrialContext.seed}: draw every random number from it
   * (use `rng.tfSeed()` for tfjs random ops). `Math.random` is also re-seeded for the trial, so
   * unseeded tfjs initialisers are reproducible too.
   */
  rng: Rng;
  /** The trial's seed, an integer in [0, 2^32). */
  seed: number;
  /** The trial's position in `inputs` (0-based). */
  index: number;
  /**
   * Sends a progress message (anything structured-cloneable: a number, a string, a plain object)
   * to the caller's `onProgress`, while the trial runs.
   */
  report(message: unknown): void;
  /** Node's `require`, resolving from kernel-helpers, for modules a trial needs (`require('kernel-helpers')`). */
  require: NodeRequire;
}

/**
 * A trial: one independent experiment (one hyperparameter setting, one case of a sweep).
 * It may be async. Its result must be structured-cloneable (numbers, strings, arrays, typed
 * arrays, plain objects, Maps): no tensors (return `await t.array()` instead) and no functions.
 */
export type Trial<I, R> = (input: I, context: TrialContext) => R | Promise<R>;

/** One progress event of {@link runTrials}. */
export interface TrialProgress<I = unknown> {
  /** `started`: a trial began; `report`: a trial called `report`; `finished`: a trial returned. */
  kind: 'started' | 'report' | 'finished';
  /** The trial's position in `inputs`. */
  index: number;
  /** The trial's input. */
  input: I;
  /** Trials finished so far (including this one, for `finished`). */
  done: number;
  /** Number of trials. */
  total: number;
  /** The message passed to `report`, for `report` events. */
  message?: unknown;
  /** Which worker runs the trial (0-based), or -1 when running in-process (`workers: 0`). */
  worker: number;
  /** Milliseconds since the trial started (0 for `started`). */
  elapsedMs: number;
}

/** Options for {@link runTrials}. Give exactly one of `seeds` and `rng`. */
export interface RunTrialsOptions<I, R> {
  /** The experiment to run once per input. Must be self-contained (see {@link TrialContext}). */
  trial: Trial<I, R>;
  /** One input per trial (structured-cloneable: numbers, strings, arrays, typed arrays, plain objects). */
  inputs: readonly I[];
  /** One seed per input, integers in [0, 2^32). */
  seeds?: readonly number[];
  /** A generator to draw one seed per input from, in input order (so results do not depend on scheduling). */
  rng?: Rng;
  /**
   * Worker threads to use (default: `os.availableParallelism()`, capped at the number of trials).
   * `0` runs the trials one after another in this thread, through the same seeding and cleanup:
   * the sequential reference the parallel run reproduces.
   */
  workers?: number;
  /** Backend for the workers (default: the one this process uses, so results match an in-process run). */
  backend?: BackendName;
  /** Called on every progress event, in this thread. */
  onProgress?: (progress: TrialProgress<I>) => void;
  /**
   * Milliseconds the worker threads stay alive after this call, waiting for the next `runTrials`
   * (default {@link DEFAULT_IDLE_TIMEOUT_MS}, 30 000 ms). Starting a worker costs about 0.4 s of
   * CPU (tfjs, WASM compile) and its first trials run slower (a fresh thread's JIT), so a lesson's
   * later calls reuse the same workers. `0` terminates them when the call ends; `Infinity` keeps
   * them until {@link shutdownTrialWorkers} or the end of the process. Idle workers never keep the
   * process alive. Ignored with `workers: 0`.
   */
  idleTimeoutMs?: number;
  /**
   * Milliseconds one trial may run in a worker before it is stopped: the worker is terminated (and
   * replaced) and the call rejects with a {@link TrialError} for that trial. Default: no limit.
   * Ignored with `workers: 0` (a trial running in this thread cannot be interrupted).
   */
  trialTimeoutMs?: number;
}

/**
 * Messages from the parent to a worker. `source` is the trial's source text (compiled once per
 * distinct text by the worker); `shared` lists the views of shared copies of large arrays inside
 * `input`, which the worker copies into private memory before the trial (see `largeInputs.ts`).
 */
export type ToWorker = { type: 'run'; index: number; input: unknown; seed: number; source: string; shared?: ArrayBufferView[] };

/**
 * Messages from a worker to the parent. `unclean`, on a result, says how the trial left the
 * worker's tfjs in a state other than before it (tensors still allocated, a scope left open, the
 * backend changed): the parent then replaces that worker.
 */
export type FromWorker =
  | { type: 'ready' }
  | { type: 'report'; index: number; message: unknown }
  | { type: 'result'; index: number; result: unknown; unclean?: string }
  | { type: 'error'; index: number; name: string; message: string; stack?: string }
  | { type: 'fatal'; message: string; stack?: string };

/** What a worker is started with (`workerData`). */
export interface WorkerSetup {
  /** The backend to initialise, or null for the default choice of `initBackend`. */
  backend: BackendName | null;
}
