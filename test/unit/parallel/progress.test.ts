import { test } from 'node:test';
import assert from 'node:assert/strict';
import { formatTrialProgress, printTrialProgress } from '../../../kernel-helpers/src/parallel';
import type { TrialProgress } from '../../../kernel-helpers/src/parallel';

const base: TrialProgress = { kind: 'started', index: 2, input: 0.1, done: 3, total: 20, worker: 1, elapsedMs: 0 };

test('formats started, report and finished events on one line, numbering trials from 1', () => {
  assert.equal(formatTrialProgress(base), 'trial 3/20 started');
  assert.equal(formatTrialProgress({ ...base, kind: 'report', message: { epoch: 2, loss: 0.41 } }), 'trial 3/20: {"epoch":2,"loss":0.41}');
  assert.equal(formatTrialProgress({ ...base, kind: 'report', message: 'halfway' }), 'trial 3/20: halfway');
  assert.equal(formatTrialProgress({ ...base, kind: 'finished', done: 4, elapsedMs: 2149 }), 'trial 3/20 finished (done 4/20, 2.1 s)');
});

test('printTrialProgress prints reports and finishes, not starts', (t) => {
  const lines: string[] = [];
  t.mock.method(console, 'log', (s: string) => lines.push(s));
  printTrialProgress(base);
  printTrialProgress({ ...base, kind: 'report', message: 1 });
  printTrialProgress({ ...base, kind: 'finished', elapsedMs: 1000 });
  assert.deepEqual(lines, ['trial 3/20: 1', 'trial 3/20 finished (done 3/20, 1.0 s)']);
});
