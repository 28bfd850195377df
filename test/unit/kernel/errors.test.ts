import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  COMPILE_ERROR_NAME,
  compileErrorContent,
  formatDiagnostic,
  runtimeErrorContent,
  trimStack,
} from '../../../kernel-helpers/src/kernel/errors';

const KERNEL = { kernelPaths: ['/repo/node_modules/tslab/', '/repo/kernel-helpers/dist/kernel/'] };

test('formatDiagnostic writes tsc-style lines: file:line:col - error TScode: message', () => {
  assert.equal(
    formatDiagnostic({ line: 2, column: 5, code: 2322, message: "Type 'string' is not assignable to type 'number'." }),
    "cell:2:5 - error TS2322: Type 'string' is not assignable to type 'number'.",
  );
  assert.equal(
    formatDiagnostic({ fileName: 'lib/util.ts', line: 1, column: 1, code: 0, message: 'Something.' }),
    'lib/util.ts:1:1 - error: Something.',
  );
});

test('compileErrorContent: TSError, first message with position as evalue, one traceback line per diagnostic', () => {
  const one = compileErrorContent([{ line: 1, column: 7, code: 2322, message: "Type 'string' is not assignable to type 'number'." }]);
  assert.deepEqual(one, {
    ename: COMPILE_ERROR_NAME,
    evalue: "Type 'string' is not assignable to type 'number'. (cell line 1, column 7)",
    traceback: ["cell:1:7 - error TS2322: Type 'string' is not assignable to type 'number'."],
  });
  assert.equal(COMPILE_ERROR_NAME, 'TSError');

  const three = compileErrorContent([
    { line: 3, column: 1, code: 2304, message: "Cannot find name 'W1'." },
    { line: 4, column: 9, code: 2345, message: 'Argument of type ... is not assignable.' },
    { line: 4, column: 9, code: 2322, message: "Type 'number' is not assignable to type 'string'." },
  ]);
  assert.equal(three.evalue, "Cannot find name 'W1'. (cell line 3, column 1; 2 more in the traceback)");
  assert.equal(three.traceback.length, 3);
  assert.match(three.traceback[2], /^cell:4:9 - error TS2322: /);
});

test('compileErrorContent refuses an empty list', () => {
  assert.throws(() => compileErrorContent([]), /no diagnostics/);
});

// Stacks as Node 20 writes them for code that tslab 1.0.22 runs with vm.runInThisContext.
const SYNC_CELL_STACK = [
  'evalmachine.<anonymous>:7',
  '        throw new RangeError("bad " + n);',
  '        ^',
  '',
  'RangeError: bad 3',
  '    at f (evalmachine.<anonymous>:7:15)',
  '    at evalmachine.<anonymous>:10:22',
  '    at Script.runInThisContext (node:vm:137:12)',
  '    at Object.runInThisContext (node:vm:317:38)',
  '    at Object.execute (/repo/node_modules/tslab/dist/executor.js:160:38)',
  '    at execute (/repo/kernel-helpers/dist/kernel/executor.js:40:20)',
  '    at process.processTicksAndRejections (node:internal/process/task_queues:95:5)',
].join('\n');

test('trimStack keeps the cell excerpt, header and cell frames, and cuts from the first kernel frame', () => {
  assert.deepEqual(trimStack(SYNC_CELL_STACK, KERNEL), [
    'evalmachine.<anonymous>:7',
    '        throw new RangeError("bad " + n);',
    '        ^',
    'RangeError: bad 3',
    '    at f (evalmachine.<anonymous>:7:15)',
    '    at evalmachine.<anonymous>:10:22',
  ]);
});

test('trimStack drops an excerpt that points into a library, keeps library frames above the cell', () => {
  const stack = [
    '/repo/node_modules/@tensorflow/tfjs-core/dist/tf-core.node.js:5621',
    '            throw ex;',
    '            ^',
    '',
    'Error: Error in matMul: inner shapes (3) and (2) must match.',
    '    at Object.assert (/repo/node_modules/@tensorflow/tfjs-core/dist/tf-core.node.js:454:15)',
    '    at matMul_ (/repo/node_modules/@tensorflow/tfjs-core/dist/tf-core.node.js:10043:19)',
    '    at evalmachine.<anonymous>:3:33',
    '    at Script.runInThisContext (node:vm:137:12)',
  ].join('\n');
  assert.deepEqual(trimStack(stack, KERNEL), [
    'Error: Error in matMul: inner shapes (3) and (2) must match.',
    '    at Object.assert (/repo/node_modules/@tensorflow/tfjs-core/dist/tf-core.node.js:454:15)',
    '    at matMul_ (/repo/node_modules/@tensorflow/tfjs-core/dist/tf-core.node.js:10043:19)',
    '    at evalmachine.<anonymous>:3:33',
  ]);
});

test('trimStack handles async stacks (after a top-level await) and multi-line messages', () => {
  const stack = [
    'TypeError: async boom',
    'second line of the message',
    '    at g (evalmachine.<anonymous>:3:70)',
    '    at process.processTicksAndRejections (node:internal/process/task_queues:95:5)',
    '    at async evalmachine.<anonymous>:5:22',
    '    at async Object.execute (/repo/node_modules/tslab/dist/executor.js:173:17)',
  ].join('\n');
  assert.deepEqual(trimStack(stack, KERNEL), [
    'TypeError: async boom',
    'second line of the message',
    '    at g (evalmachine.<anonymous>:3:70)',
    '    at async evalmachine.<anonymous>:5:22',
  ]);
  // An error made inside the kernel (tslab's "Interrupted asynchronously") keeps only its header.
  assert.deepEqual(
    trimStack('Error: Interrupted asynchronously\n    at interrupt (/repo/node_modules/tslab/dist/executor.js:99:9)', KERNEL),
    ['Error: Interrupted asynchronously'],
  );
});

test('runtimeErrorContent reports name, message and the trimmed stack', () => {
  const e = new RangeError('bad 3');
  e.stack = SYNC_CELL_STACK;
  const content = runtimeErrorContent(e, KERNEL);
  assert.equal(content.ename, 'RangeError');
  assert.equal(content.evalue, 'bad 3');
  assert.deepEqual(content.traceback, trimStack(SYNC_CELL_STACK, KERNEL));
});

test('runtimeErrorContent uses a custom name, else the constructor name, and copes without a stack', () => {
  class ShapeError extends Error {}
  const unnamed = new ShapeError('W1 is [3, 4], expected [4, 3]');
  unnamed.name = '';
  unnamed.stack = undefined;
  assert.deepEqual(runtimeErrorContent(unnamed, KERNEL), {
    ename: 'ShapeError',
    evalue: 'W1 is [3, 4], expected [4, 3]',
    traceback: ['ShapeError: W1 is [3, 4], expected [4, 3]'],
  });
  const named = Object.assign(new Error('x'), { name: 'DataError' });
  assert.equal(runtimeErrorContent(named, KERNEL).ename, 'DataError');
  // Error-shaped objects from another realm or library count as errors too.
  assert.deepEqual(runtimeErrorContent({ name: 'Foreign', message: 'm' }, KERNEL), {
    ename: 'Foreign',
    evalue: 'm',
    traceback: ['Foreign: m'],
  });
});

test('runtimeErrorContent reports thrown non-errors as the Node REPL does', () => {
  assert.deepEqual(runtimeErrorContent('oops', KERNEL), { ename: 'Uncaught', evalue: "'oops'", traceback: ["Uncaught 'oops'"] });
  assert.deepEqual(runtimeErrorContent(undefined, KERNEL), { ename: 'Uncaught', evalue: 'undefined', traceback: ['Uncaught undefined'] });
  assert.equal(runtimeErrorContent({ code: 42 }, KERNEL).evalue, '{ code: 42 }');
});

test('runtimeErrorContent appends the cause chain, bounded when it is cyclic', () => {
  const inner = new TypeError('inner');
  inner.stack = 'TypeError: inner\n    at evalmachine.<anonymous>:3:39\n    at Script.runInThisContext (node:vm:137:12)';
  const outer = new Error('outer', { cause: inner });
  outer.stack = 'Error: outer\n    at evalmachine.<anonymous>:3:11\n    at Script.runInThisContext (node:vm:137:12)';
  assert.deepEqual(runtimeErrorContent(outer, KERNEL).traceback, [
    'Error: outer',
    '    at evalmachine.<anonymous>:3:11',
    '[cause]: TypeError: inner',
    '    at evalmachine.<anonymous>:3:39',
  ]);
  const a = new Error('a');
  const b = new Error('b', { cause: a });
  (a as { cause?: unknown }).cause = b;
  a.stack = 'Error: a';
  b.stack = 'Error: b';
  assert.deepEqual(runtimeErrorContent(a, KERNEL).traceback, ['Error: a', '[cause]: Error: b', '[cause]: Error: a', '[cause]: Error: b', '[cause]: Error: a']);
  const withValueCause = new Error('wrapped', { cause: 'reason' });
  withValueCause.stack = 'Error: wrapped';
  assert.deepEqual(runtimeErrorContent(withValueCause, KERNEL).traceback, ['Error: wrapped', "[cause]: 'reason'"]);
});
