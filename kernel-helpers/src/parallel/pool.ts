/**
 * The warm pool behind {@link runTrials}: worker threads, one set per tfjs backend, that outlive
 * a call so the next call starts its trials at once. Starting a worker costs about 0.4 s of CPU
 * (it loads tfjs and compiles the WASM backend) and a fresh thread runs its first trials slower
 * while its JIT warms up; lessons call `runTrials` several times (lesson 06 four times), and each
 * call used to pay both on every core.
 *
 * Rules that keep reuse safe and invisible:
 * - idle workers are `unref`'d (and so is their idle timer): they never keep the process alive,
 *   so a script or a test run that used `runTrials` exits normally;
 * - an idle worker is terminated after the idle timeout of the call that last used it
 *   ({@link DEFAULT_IDLE_TIMEOUT_MS} by default), or at once by {@link shutdownTrialWorkers};
 * - a worker whose trial failed, timed out or left tfjs unclean, or that crashed, is terminated and
 *   a fresh one started in its place: a worker is never reused in an unknown state;
 * - each trial starts clean in a reused worker: `runOneTrial` re-seeds it and disposes everything
 *   it made, and after each trial the worker checks its tfjs is back to its state when it became
 *   ready (same `tf.memory().numTensors`, no scope or tape left open, same backend).
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { Worker } from 'node:worker_threads';
import type { BackendName } from '../backend';
import type { FromWorker, WorkerSetup } from './types';

/** Default of `RunTrialsOptions.idleTimeoutMs`: idle worker threads are terminated after 30 000 ms (30 s) without work. */
export const DEFAULT_IDLE_TIMEOUT_MS = 30_000;

/** Longest delay `setTimeout` honours (about 24.8 days); a longer idle timeout means no timer at all. */
const MAX_TIMER_MS = 2 ** 31 - 1;

/** What a call using a worker is told about it. */
export interface WorkerListener {
  /** The worker finished starting (it was still starting when the call got it). */
  ready(): void;
  /** A message from the worker other than `ready`. */
  message(message: FromWorker): void;
  /** The worker crashed or exited on its own; `reason` completes "worker N ...". */
  failed(reason: string): void;
}

/** One worker thread of the pool. Only this module changes its fields. */
export class PooledWorker {
  /** True once the worker has initialised its backend and can run trials. */
  ready = false;
  /** The call using the worker, or null while it is idle (or starting for no call). */
  listener: WorkerListener | null = null;
  /** Set when this module terminates the worker, so its exit is not reported as a failure. */
  closing = false;
  /** Idle timeout (ms) to apply when it next becomes idle. */
  idleTimeoutMs = DEFAULT_IDLE_TIMEOUT_MS;
  /** Ends the worker when its idle timeout passes (unref'd), or null while it is in use or starting. */
  idleTimer: NodeJS.Timeout | null = null;

  constructor(
    readonly key: string,
    readonly setup: WorkerSetup,
    readonly thread: Worker,
  ) {}

  /** Sends a message to the worker thread. */
  post(message: unknown): void {
    this.thread.postMessage(message);
  }
}

/** Counts that show what the pool did (see {@link trialWorkerStats}). */
export interface TrialWorkerStats {
  /** Worker threads started since the process began (each loads tfjs and initialises its backend, about 0.4 s of CPU). */
  started: number;
  /** Worker threads alive now: starting, running trials, or idle. */
  alive: number;
  /** Of the alive ones, those waiting for work (idle, or starting with no call waiting for them). */
  idle: number;
  /** Of the alive ones, those still starting (loading tfjs, initialising the backend). */
  starting: number;
  /** Workers terminated because a trial failed, timed out or left tfjs unclean, or because they crashed; each was replaced by a fresh one. */
  replaced: number;
  /** Idle workers terminated after their idle timeout (or because a call asked for `idleTimeoutMs: 0`). */
  expired: number;
}

const workers = new Set<PooledWorker>();
const counts = { started: 0, replaced: 0, expired: 0 };

/**
 * What the warm pool of {@link runTrials} worker threads did so far: how many were started,
 * are alive, idle or starting, were replaced or expired. A second `runTrials` call that starts no new worker
 * leaves `started` unchanged. Counts are per process, over all backends.
 */
export function trialWorkerStats(): TrialWorkerStats {
  let idle = 0;
  let starting = 0;
  for (const w of workers) {
    if (w.listener === null) idle++;
    if (!w.ready) starting++;
  }
  return { started: counts.started, alive: workers.size, idle, starting, replaced: counts.replaced, expired: counts.expired };
}

/**
 * Terminates every {@link runTrials} worker thread now, idle or not, instead of waiting for their
 * idle timeout (useful at the end of a test, or to free the memory of a large run). A `runTrials`
 * call still running rejects. The next call starts fresh workers.
 *
 * @returns a promise that resolves once all the threads have exited.
 */
export async function shutdownTrialWorkers(): Promise<void> {
  const all = [...workers];
  const listeners = all.map((w) => w.listener);
  const exits = all.map((w) => terminate(w));
  for (const listener of listeners) listener?.failed('was shut down (shutdownTrialWorkers) before all trials finished');
  await Promise.allSettled(exits);
}

function keyOf(backend: BackendName | null): string {
  return backend ?? '(default)';
}

/**
 * Starts one worker thread. From `dist/` (notebooks) that is the compiled `worker.js`. When this
 * file runs from source under tsx (unit tests, `npm run bench`), the worker is `worker.ts`, and
 * tsx's loader, registered in this thread by `--import tsx`, does not carry over to new threads, so
 * the worker registers it itself first.
 */
function startThread(setup: WorkerSetup): Worker {
  const js = path.join(__dirname, 'worker.js');
  if (fs.existsSync(js)) return new Worker(js, { workerData: setup });
  const ts = path.join(__dirname, 'worker.ts');
  if (fs.existsSync(ts)) {
    const bootstrap = `require('tsx/cjs/api').register();\nrequire(${JSON.stringify(ts)});`;
    return new Worker(bootstrap, { eval: true, workerData: setup });
  }
  throw new Error(`runTrials: worker script not found next to ${__filename}; rebuild kernel-helpers (npm run build)`);
}

function startWorker(setup: WorkerSetup, idleTimeoutMs: number): PooledWorker {
  const w = new PooledWorker(keyOf(setup.backend), setup, startThread(setup));
  w.idleTimeoutMs = idleTimeoutMs;
  counts.started++;
  workers.add(w);
  w.thread.on('message', (message: FromWorker) => {
    if (message.type === 'ready') {
      w.ready = true;
      if (w.listener) w.listener.ready();
      else becomeIdle(w);
    } else if (w.listener) {
      w.listener.message(message);
    } else if (message.type === 'fatal') {
      // A worker started for no call (a replacement) that cannot start: drop it, do not retry.
      void terminate(w);
    }
  });
  w.thread.on('error', (error) => lost(w, `crashed: ${error.message}`));
  w.thread.on('exit', (code) => lost(w, `exited (code ${code})`));
  return w;
}

/** The worker ended without being asked to: tell its call, forget it, and replace it if it had been running trials. */
function lost(w: PooledWorker, reason: string): void {
  if (w.closing || !workers.has(w)) return;
  workers.delete(w);
  clearIdleTimer(w);
  const listener = w.listener;
  w.listener = null;
  // Replaced only if it crashed while in use: one that cannot even start would crash again.
  if (w.ready && listener !== null) startReplacement(w);
  listener?.failed(reason);
}

function clearIdleTimer(w: PooledWorker): void {
  if (w.idleTimer !== null) clearTimeout(w.idleTimer);
  w.idleTimer = null;
}

/** No call uses the worker: let the process exit without it, and end it after its idle timeout. */
function becomeIdle(w: PooledWorker): void {
  w.thread.unref();
  clearIdleTimer(w);
  if (!w.ready) return; // the timer starts when it is ready
  if (w.idleTimeoutMs <= 0) {
    counts.expired++;
    void terminate(w);
  } else if (w.idleTimeoutMs <= MAX_TIMER_MS) {
    w.idleTimer = setTimeout(() => {
      counts.expired++;
      void terminate(w);
    }, w.idleTimeoutMs);
    w.idleTimer.unref();
  }
}

function terminate(w: PooledWorker): Promise<number> {
  w.closing = true;
  w.listener = null;
  clearIdleTimer(w);
  workers.delete(w);
  return w.thread.terminate();
}

function startReplacement(w: PooledWorker): void {
  counts.replaced++;
  // With idleTimeoutMs 0 the replacement would expire the moment it is ready: the next call starts one.
  if (w.idleTimeoutMs > 0) becomeIdle(startWorker(w.setup, w.idleTimeoutMs));
}

/**
 * Takes `count` workers of `backend` for one call: idle ones first, then ones still starting for no
 * call, then new ones. They stay the call's (and keep the process alive) until it gives each back
 * with {@link releaseWorker} or {@link retireWorker}. The caller sets `listener` on each right away
 * and, for those already `ready`, sends work at once.
 *
 * @param backend the backend the workers must run (null: `initBackend`'s default choice).
 * @param count number of workers wanted.
 * @param idleTimeoutMs milliseconds each may idle after the call before it is terminated.
 */
export function acquireWorkers(backend: BackendName | null, count: number, idleTimeoutMs: number): PooledWorker[] {
  const key = keyOf(backend);
  const free = [...workers].filter((w) => w.key === key && w.listener === null);
  // Ready ones first: they can start a trial now.
  free.sort((a, b) => Number(b.ready) - Number(a.ready));
  const taken = free.slice(0, count);
  while (taken.length < count) taken.push(startWorker({ backend }, idleTimeoutMs));
  for (const w of taken) {
    clearIdleTimer(w);
    w.idleTimeoutMs = idleTimeoutMs;
    w.thread.ref();
    // Placeholder until the caller sets its own: marks the worker as taken.
    w.listener = { ready: () => undefined, message: () => undefined, failed: () => undefined };
  }
  return taken;
}

/** Gives a worker back to the pool after a call's last trial on it: it idles until reused or its idle timeout. */
export function releaseWorker(w: PooledWorker): void {
  if (!workers.has(w)) return;
  w.listener = null;
  becomeIdle(w);
}

/**
 * Terminates a worker whose state is unknown (its trial failed, timed out, is still running for a
 * call that gave up, or left tfjs unclean) and starts a fresh one in its place, which idles.
 *
 * @returns a promise that resolves when the old thread has exited.
 */
export function retireWorker(w: PooledWorker): Promise<void> {
  if (!workers.has(w)) return Promise.resolve();
  const wasReady = w.ready;
  const exited = terminate(w);
  if (wasReady) startReplacement(w);
  return exited.then(() => undefined);
}
