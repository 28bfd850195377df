import { test } from 'node:test';
import assert from 'node:assert/strict';
import { expectClose, check, CheckError } from '../../../kernel-helpers/src/checks';

test('expectClose passes within tolerance and returns the max difference', () => {
  assert.equal(expectClose([1, 2], [1, 2]), 0);
  assert.ok(expectClose([1.0000001], [1]) < 1e-6);
});

test('expectClose names the worst element, both values and the tolerance', () => {
  assert.throws(
    () => expectClose([1, 2, 3.5], [1, 2, 3], { name: 'dW1', rtol: 0, atol: 0.1 }),
    (e: Error) => e instanceof CheckError && /dW1: expected 3 at element 2, got 3\.5/.test(e.message),
  );
});

test('expectClose never lets NaN pass', () => {
  assert.throws(() => expectClose([NaN], [NaN]), /element 0 is NaN/);
});

test('expectClose rejects negative tolerances', () => {
  assert.throws(() => expectClose([1], [1], { rtol: -1 }), /rtol and atol must be >= 0/);
});

test('check prints a verdict line or throws with ✗', (t) => {
  const lines: string[] = [];
  t.mock.method(console, 'log', (s: string) => lines.push(s));
  check(true, 'std 0.63 > 0.5');
  assert.deepEqual(lines, ['✓ std 0.63 > 0.5']);
  assert.throws(() => check(false, 'std 0.01 > 0.5'), /✗ std 0\.01 > 0\.5/);
  assert.throws(() => check(true, ''), /message must be a non-empty string/);
});
