import type { TrialProgress } from './types';

/**
 * One line describing a progress event, e.g. `trial 3/20 finished (done 4/20, 2.1 s)` or
 * `trial 3/20: {"epoch":2,"loss":0.41}`.
 */
export function formatTrialProgress(progress: TrialProgress): string {
  const { kind, index, total, done, elapsedMs, message } = progress;
  const name = `trial ${index + 1}/${total}`;
  if (kind === 'report') {
    let text: string;
    try {
      text = typeof message === 'string' ? message : JSON.stringify(message) ?? String(message);
    } catch {
      text = String(message);
    }
    return `${name}: ${text}`;
  }
  if (kind === 'started') return `${name} started`;
  return `${name} finished (done ${done}/${total}, ${(elapsedMs / 1000).toFixed(1)} s)`;
}

/**
 * A ready-made `onProgress` for notebooks: prints one line per finished trial and per report.
 * (`started` events are skipped: with two workers they would double the output.)
 */
export function printTrialProgress(progress: TrialProgress): void {
  if (progress.kind !== 'started') console.log(formatTrialProgress(progress));
}
