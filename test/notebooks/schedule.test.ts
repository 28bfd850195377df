// The notebook scheduler: at most `jobs` notebooks at once, each started as soon as a slot frees,
// results in input order, a failure confined to its own notebook; and NOTEBOOK_JOBS parsing.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { notebookJobs, runNotebooks } from './harness/schedule';
import type { NotebookRun } from './harness/runNotebook';

const server = { baseUrl: 'http://127.0.0.1:1/', token: 'x' };

test('runs at most `jobs` notebooks at once, in order, and starts the next as soon as one ends', async () => {
  let running = 0, peak = 0;
  const started: string[] = [];
  const events: string[] = [];
  const durations: Record<string, number> = { a: 40, b: 10, c: 10, d: 10 };
  const fake = async (p: string): Promise<NotebookRun> => {
    started.push(p);
    events.push(`start ${p}`);
    peak = Math.max(peak, ++running);
    await new Promise((r) => setTimeout(r, durations[p]));
    running--;
    events.push(`end ${p}`);
    return { path: p, kernelName: 'k', cells: [], ms: durations[p] };
  };
  const runs = runNotebooks(['a', 'b', 'c', 'd'], server, { jobs: 2, run: fake });
  const results = await Promise.all([...runs.values()]);
  assert.deepEqual(results.map((r) => r.path), ['a', 'b', 'c', 'd']);
  assert.deepEqual(started, ['a', 'b', 'c', 'd']);
  assert.equal(peak, 2);
  // b, c, d run one after another beside a: c starts when b ends, not when a does.
  assert.ok(events.indexOf('start c') < events.indexOf('end a'), events.join(', '));
  assert.ok(events.indexOf('start c') > events.indexOf('end b'), events.join(', '));
});

test('a notebook that throws rejects only its own result', async () => {
  const fake = async (p: string): Promise<NotebookRun> => {
    if (p === 'bad') throw new Error('kernel would not start');
    return { path: p, kernelName: 'k', cells: [], ms: 1 };
  };
  const runs = runNotebooks(['bad', 'good'], server, { jobs: 1, run: fake });
  await assert.rejects(runs.get('bad')!, /kernel would not start/);
  assert.equal((await runs.get('good')!).path, 'good');
});

test('jobs must be a positive integer', () => {
  assert.throws(() => runNotebooks(['a'], server, { jobs: 0 }), /options\.jobs must be a positive integer, got 0/);
  assert.equal(notebookJobs({ NOTEBOOK_JOBS: '3' }), 3);
  assert.ok([1, 2].includes(notebookJobs({})));
  assert.throws(() => notebookJobs({ NOTEBOOK_JOBS: 'two' }), /NOTEBOOK_JOBS must be a positive integer, got "two"/);
  assert.throws(() => notebookJobs({ NOTEBOOK_JOBS: '0' }), /NOTEBOOK_JOBS/);
});
