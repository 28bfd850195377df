import { test } from 'node:test';
import assert from 'node:assert/strict';
import { attachCellRun, CellRun, cellRunOf } from '../../../kernel-helpers/src/kernel/cellRun';

function recordingRun(silent: boolean) {
  const sent: [string, object][] = [];
  return { sent, run: new CellRun((type, content) => sent.push([type, content]), silent) };
}

const ERR = { ename: 'RangeError', evalue: 'bad', traceback: ['RangeError: bad'] };

test('a CellRun publishes the result and the first failure, and keeps the failure for the reply', () => {
  const { sent, run } = recordingRun(false);
  assert.equal(run.failure, undefined);
  run.result({ execution_count: 3, data: { 'text/plain': '42' }, metadata: {} });
  run.fail(ERR);
  run.fail({ ename: 'Other', evalue: 'later', traceback: [] });
  assert.deepEqual(run.failure, ERR);
  assert.deepEqual(sent, [
    ['execute_result', { execution_count: 3, data: { 'text/plain': '42' }, metadata: {} }],
    ['error', ERR],
  ]);
});

test('a silent CellRun publishes nothing but still records the failure', () => {
  const { sent, run } = recordingRun(true);
  run.result({ execution_count: 1, data: { 'text/plain': '1' }, metadata: {} });
  run.fail(ERR);
  assert.deepEqual(sent, []);
  assert.deepEqual(run.failure, ERR);
});

test('attachCellRun tags the display writer itself; cellRunOf reads the tag back', () => {
  const { run } = recordingRun(false);
  const writer = (_data: object, _update: boolean) => undefined;
  const tagged = attachCellRun(writer, run);
  assert.equal(tagged, writer);
  assert.equal(cellRunOf(tagged), run);
  assert.equal(cellRunOf(() => undefined), undefined);
  assert.equal(cellRunOf(null), undefined);
  assert.equal(cellRunOf({}), undefined);
});
