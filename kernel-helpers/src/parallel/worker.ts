/**
 * Entry point of a {@link runTrials} worker thread: selects the backend (so the WASM fast path
 * is applied here too), then runs the trials it is sent, one at a time, posting reports, results
 * and errors back. The thread lives in the warm pool (`pool.ts`) across `runTrials` calls, so each
 * run message carries its trial's source text; the worker compiles each distinct source once.
 */
import { parentPort, workerData } from 'node:worker_threads';
import * as tf from '@tensorflow/tfjs';
import { initBackend } from '../backend';
import { compileTrial } from './trialSource';
import { runOneTrial } from './runOne';
import { privatizeSharedArrays } from './largeInputs';
import type { FromWorker, ToWorker, Trial, WorkerSetup } from './types';

/** Compiled trials kept, by source text. A notebook session may edit and re-run a cell many times: keep the most recent few. */
const MAX_COMPILED = 32;
const compiled = new Map<string, Trial<unknown, unknown>>();

function post(message: FromWorker): void {
  parentPort?.postMessage(message);
}

/** The trial for a source text, compiled on first use (most recently used last, for eviction). */
function trialFor(source: string): Trial<unknown, unknown> {
  let trial = compiled.get(source);
  if (trial === undefined) {
    trial = compileTrial<unknown, unknown>(source);
    if (compiled.size >= MAX_COMPILED) compiled.delete(compiled.keys().next().value as string);
  } else {
    compiled.delete(source);
  }
  compiled.set(source, trial);
  return trial;
}

/**
 * What must be the same after every trial as when the worker became ready, for the next trial to
 * start from a clean state. A fixed baseline rather than the state before each trial: tensors a
 * trial makes after it returned (a callback it left behind) are caught after the next one.
 */
interface EngineSnapshot {
  numTensors: number;
  scopes: number;
  gradientDepth: number;
  backend: string;
}

function snapshot(): EngineSnapshot {
  const state = (tf.engine() as unknown as { state: { scopeStack: unknown[]; gradientDepth: number } }).state;
  return { numTensors: tf.memory().numTensors, scopes: state.scopeStack.length, gradientDepth: state.gradientDepth, backend: tf.getBackend() };
}

/** How the state after a trial differs from the baseline, in words, or undefined if it does not. */
function difference(before: EngineSnapshot, after: EngineSnapshot): string | undefined {
  const problems: string[] = [];
  const leaked = after.numTensors - before.numTensors;
  if (leaked !== 0) problems.push(`${Math.abs(leaked)} tensor(s) ${leaked > 0 ? 'more' : 'fewer'} than before its first trial (tf.memory().numTensors ${after.numTensors}, was ${before.numTensors})`);
  if (after.scopes !== before.scopes) problems.push(`${after.scopes - before.scopes} tf.engine scope(s) left open`);
  if (after.gradientDepth !== before.gradientDepth) problems.push('a gradient tape left open');
  if (after.backend !== before.backend) problems.push(`the backend changed from ${before.backend} to ${after.backend}`);
  return problems.length ? problems.join(', ') : undefined;
}

async function main(): Promise<void> {
  if (parentPort === null) throw new Error('parallel/worker: must run as a worker thread started by runTrials');
  const setup = workerData as WorkerSetup;
  try {
    await initBackend(setup.backend === null ? {} : { prefer: [setup.backend] });
  } catch (error) {
    post({ type: 'fatal', message: `worker could not initialise the ${setup.backend ?? 'default'} backend: ${(error as Error).message}`, stack: (error as Error).stack });
    return;
  }
  const baseline = snapshot();
  // Trials arrive one at a time (the parent sends the next only after a result), so they never overlap.
  parentPort.on('message', async (message: ToWorker) => {
    const { index, seed, source } = message;
    try {
      const trial = trialFor(source);
      const input = privatizeSharedArrays(message.input, message.shared ?? []);
      const result = await runOneTrial(trial, input, index, seed, (m) => post({ type: 'report', index, message: m }));
      const unclean = difference(baseline, snapshot());
      post(unclean === undefined ? { type: 'result', index, result } : { type: 'result', index, result, unclean });
    } catch (error) {
      const e = error instanceof Error ? error : new Error(String(error));
      post({ type: 'error', index, name: e.name, message: e.message, stack: e.stack });
    }
  });
  post({ type: 'ready' });
}

main().catch((error: Error) => post({ type: 'fatal', message: error.message, stack: error.stack }));
