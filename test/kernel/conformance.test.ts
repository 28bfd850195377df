// Runs jupyter_kernel_test (test_conformance.py) against the "TypeScript (lessons)" kernelspec and
// checks that it passes, with the expected numbers of tests run, passed and skipped.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { kernelBuildProblem, runPython } from './harness';

/** Counts from a `python -m unittest -v` run. */
export interface UnittestCounts {
  /** From "Ran N tests". */
  ran: number;
  /** Tests reported "... ok". */
  passed: number;
  /** From the summary's "skipped=N" (skipped tests and skipped subtests). */
  skipped: number;
  /** From the summary's "failures=N" plus "errors=N". */
  failed: number;
}

/** Parses the verbose output of unittest; throws if it has no "Ran N tests" line. */
export function parseUnittest(output: string): UnittestCounts {
  const ran = /^Ran (\d+) tests? in /m.exec(output);
  if (!ran) throw new Error('no "Ran N tests" line in the unittest output');
  const summary = /^(OK|FAILED)(?: \((.*)\))?$/m.exec(output);
  const field = (name: string): number => Number(new RegExp(`${name}=(\\d+)`).exec(summary?.[2] ?? '')?.[1] ?? 0);
  return {
    ran: Number(ran[1]),
    passed: (output.match(/ \.\.\. ok$/gm) ?? []).length,
    skipped: field('skipped'),
    failed: field('failures') + field('errors'),
  };
}

test('parseUnittest reads counts from a verbose unittest run', () => {
  const out = [
    'test_a (m.T.test_a) ... ok',
    'test_b (m.T.test_b) ... skipped \'\'',
    'test_c (m.T.test_c)',
    'A docstring. ... ok',
    'test_d (m.T.test_d) ... FAIL',
    '----------------------------------------------------------------------',
    'Ran 4 tests in 1.234s',
    '',
    'FAILED (failures=1, errors=2, skipped=1)',
  ].join('\n');
  assert.deepEqual(parseUnittest(out), { ran: 4, passed: 2, skipped: 1, failed: 3 });
  assert.deepEqual(parseUnittest('Ran 1 test in 0.1s\n\nOK\n'), { ran: 1, passed: 0, skipped: 0, failed: 0 });
  assert.throws(() => parseUnittest('ImportError'), /no "Ran N tests" line/);
});

// What test_conformance.py runs: 12 tests of jupyter_kernel_test 0.4.5 and 11 of the lessons kernel.
// test_pager and test_clear_output are skipped (tslab has no pager and no clear_output API), and
// test_history's three subtests are skipped (tslab keeps no history); the summary counts those 5.
const EXPECTED = { ran: 23, passed: 20, skipped: 5, failed: 0 };

test('the lessons kernel passes jupyter_kernel_test and the lessons checks', { timeout: 240_000 }, () => {
  const problem = kernelBuildProblem();
  assert.equal(problem, null, `cannot test the kernel: ${problem}`);
  // `discover -s test/kernel` rather than `unittest test/kernel/test_conformance.py`: the latter
  // imports it as the module test.kernel..., which collides with Python's own `test` package.
  const started = Date.now();
  const run = runPython(['-m', 'unittest', 'discover', '-v', '-s', 'test/kernel', '-p', 'test_conformance.py'], { timeoutMs: 200_000 });
  const output = `${run.stdout ?? ''}${run.stderr ?? ''}`;
  const why = `python unittest exited with ${run.status}${run.error ? ` (${run.error.message})` : ''} after ${Date.now() - started} ms; its output:\n${output}`;
  assert.equal(run.status, 0, why);
  assert.deepEqual(parseUnittest(output), EXPECTED, why);
});
