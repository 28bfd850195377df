// Runs several notebooks at once, each in its own kernel, a fixed number at a time: the lessons'
// cells are mostly single-threaded (WASM tfjs), so on two cores two notebooks run side by side in
// about the time of one.
import os from 'node:os';
import { runNotebook, NotebookRun } from './runNotebook';

/** How many notebooks to run at once: $NOTEBOOK_JOBS, else the number of cores, at most 2. */
export function notebookJobs(env: NodeJS.ProcessEnv = process.env): number {
  const asked = env.NOTEBOOK_JOBS;
  if (asked === undefined || asked === '') return Math.max(1, Math.min(2, os.availableParallelism()));
  const jobs = Number(asked);
  if (!Number.isInteger(jobs) || jobs < 1) throw new RangeError(`NOTEBOOK_JOBS must be a positive integer, got "${asked}"`);
  return jobs;
}

/**
 * Starts running `paths` in order through `server`, at most `jobs` at a time (the next notebook
 * starts as soon as one finishes). Returns one promise per path, in input order; a notebook that
 * throws (kernel would not start, server gone) rejects its own promise only. `options.run` replaces
 * {@link runNotebook} (for testing the schedule).
 */
export function runNotebooks(
  paths: string[],
  server: { baseUrl: string; token: string },
  options: { jobs: number; cellTimeoutMs?: number; run?: typeof runNotebook },
): Map<string, Promise<NotebookRun>> {
  const run = options.run ?? runNotebook;
  if (!Number.isInteger(options.jobs) || options.jobs < 1) throw new RangeError(`runNotebooks: options.jobs must be a positive integer, got ${options.jobs}`);
  const results = new Map<string, Promise<NotebookRun>>();
  const starters = new Map<string, () => void>();
  for (const p of paths) {
    const result = new Promise<NotebookRun>((resolve, reject) => {
      starters.set(p, () => {
        run(p, server, { cellTimeoutMs: options.cellTimeoutMs }).then(resolve, reject).finally(startNext);
      });
    });
    // Its test awaits it later; until then a rejection must not count as unhandled.
    result.catch(() => undefined);
    results.set(p, result);
  }
  let next = 0;
  function startNext(): void {
    if (next < paths.length) starters.get(paths[next++])!();
  }
  for (let i = 0; i < Math.min(options.jobs, paths.length); i++) startNext();
  return results;
}
