/**
 * Entry point of a {@link runTrials} worker thread: selects the backend (so the WASM fast path
 * is applied here too), recompiles the trial from its source, then runs the trials it is sent,
 * one at a time, posting reports, results and errors back.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { initBackend } from '../backend';
import { compileTrial } from './trialSource';
import { runOneTrial } from './runOne';
import type { FromWorker, ToWorker, WorkerSetup } from './types';

function post(message: FromWorker): void {
  parentPort?.postMessage(message);
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
  const trial = compileTrial(setup.trialSource);
  // Trials arrive one at a time (the parent sends the next only after a result), so they never overlap.
  parentPort.on('message', async (message: ToWorker) => {
    const { index, input, seed } = message;
    try {
      const result = await runOneTrial(trial, input, index, seed, (m) => post({ type: 'report', index, message: m }));
      post({ type: 'result', index, result });
    } catch (error) {
      const e = error instanceof Error ? error : new Error(String(error));
      post({ type: 'error', index, name: e.name, message: e.message, stack: e.stack });
    }
  });
  post({ type: 'ready' });
}

main().catch((error: Error) => post({ type: 'fatal', message: error.message, stack: error.stack }));
