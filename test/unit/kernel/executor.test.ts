// The executor wrapper around tslab's real executor and compiler (no Jupyter, no sockets): what a
// cell's outcome turns into.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { createConverter, type Converter } from 'tslab/dist/converter';
import type { Executor } from 'tslab/dist/executor';
import { CellRun } from '../../../kernel-helpers/src/kernel/cellRun';
import { createLessonsExecutor } from '../../../kernel-helpers/src/kernel/executor';

const repoRoot = path.resolve(__dirname, '..', '..', '..');
const kernelPaths = [path.join(repoRoot, 'node_modules', 'tslab') + path.sep, path.join(repoRoot, 'kernel-helpers', 'src', 'kernel') + path.sep];

let converter: Converter;
let executor: Executor;
let current: CellRun | undefined;
let sent: [string, Record<string, unknown>][] = [];
let stderr = '';

/** Runs one cell as the kernel would, with a fresh request context. */
async function run(src: string, { silent = false } = {}) {
  sent = [];
  stderr = '';
  current = new CellRun((type, content) => sent.push([type, content as Record<string, unknown>]), silent);
  const ok = await executor.execute(src);
  return { ok, sent, failure: current.failure, stderr };
}

before(() => {
  converter = createConverter({ isJS: false, isBrowser: false });
  executor = createLessonsExecutor({
    rootDir: repoRoot,
    converters: { node: converter, browser: converter, close: () => converter.close() },
    currentCell: () => current,
    writeStderr: (text) => void (stderr += text),
    stack: { kernelPaths },
  });
});

// The converter watches files; close it so the test process can exit.
after(() => executor.close());

test('the last expression becomes an execute_result numbered like the request', async () => {
  const first = await run('6 * 7');
  assert.equal(first.ok, true);
  assert.equal(first.sent.length, 1);
  const [type, content] = first.sent[0];
  assert.equal(type, 'execute_result');
  assert.deepEqual(content.data, { 'text/plain': '42' });
  assert.deepEqual(content.metadata, {});
  const n = content.execution_count as number;
  await run('const a: number = "no";'); // failures are numbered too
  const third = await run('"third"');
  assert.deepEqual(third.sent, [['execute_result', { execution_count: n + 2, data: { 'text/plain': "'third'" }, metadata: {} }]]);
});

test('statements, null and undefined give no result; declarations carry over to later cells', async () => {
  for (const src of ['const lr = 0.5;', 'null', 'undefined', 'if (lr > 1) { lr; }']) {
    const r = await run(src);
    assert.equal(r.ok, true, src);
    assert.deepEqual(r.sent, [], src);
  }
  assert.deepEqual((await run('lr * 2')).sent[0][1].data, { 'text/plain': '1' });
  assert.deepEqual((await run('await Promise.resolve(5)')).sent[0][1].data, { 'text/plain': '5' });
});

test('a type error fails the cell with TSError and one traceback line per diagnostic', async () => {
  const r = await run('const n: number = "s";\nconst m: string = 1;');
  assert.equal(r.ok, false);
  assert.deepEqual(r.failure, {
    ename: 'TSError',
    evalue: "Type 'string' is not assignable to type 'number'. (cell line 1, column 7; 1 more in the traceback)",
    traceback: [
      "cell:1:7 - error TS2322: Type 'string' is not assignable to type 'number'.",
      "cell:2:7 - error TS2322: Type 'number' is not assignable to type 'string'.",
    ],
  });
  assert.deepEqual(r.sent, [['error', r.failure]]);
  assert.equal(r.stderr, '', 'nothing printed besides the error message');
});

test('a runtime error fails the cell with its name, message and a stack without kernel frames', async () => {
  const r = await run('function f(n: number) {\n  throw new RangeError("bad " + n);\n}\nf(3);');
  assert.equal(r.ok, false);
  assert.equal(r.failure?.ename, 'RangeError');
  assert.equal(r.failure?.evalue, 'bad 3');
  const tb = r.failure?.traceback ?? [];
  assert.match(tb[0], /^evalmachine\.<anonymous>:\d+$/, 'starts with the cell excerpt');
  assert.ok(tb.includes('RangeError: bad 3'), tb.join('\n'));
  assert.match(tb.find((l) => l.trim().startsWith('at ')) ?? '', /at f \(evalmachine\.<anonymous>:\d+:\d+\)/);
  for (const line of tb) assert.ok(!line.includes('node:vm') && !kernelPaths.some((p) => line.includes(p)), line);
  assert.deepEqual(r.sent, [['error', r.failure]]);
});

test('errors after a top-level await and thrown non-errors are reported too', async () => {
  const late = await run('await new Promise((r) => setTimeout(r, 1));\nthrow new TypeError("late");');
  assert.deepEqual([late.failure?.ename, late.failure?.evalue], ['TypeError', 'late']);
  assert.ok(late.failure?.traceback.every((l) => !l.includes('/tslab/')), late.failure?.traceback.join('\n'));
  const str = await run("throw 'plain string';");
  assert.deepEqual(str.failure, { ename: 'Uncaught', evalue: "'plain string'", traceback: ["Uncaught 'plain string'"] });
});

test('a value whose toMimeBundle throws fails the cell; a good one is shown by its bundle', async () => {
  const bad = await run("({ toMimeBundle() { throw new Error('cannot render'); } })");
  assert.equal(bad.ok, false);
  assert.deepEqual([bad.failure?.ename, bad.failure?.evalue], ['Error', 'cannot render']);
  assert.match(bad.failure?.traceback.find((l) => l.includes(' at ')) ?? '', /toMimeBundle \(evalmachine/);
  const good = await run("({ toMimeBundle: async () => ({ data: { 'text/markdown': '**ok**' } }) })");
  assert.equal(good.ok, true);
  assert.deepEqual(good.sent[0][1].data, { 'text/markdown': '**ok**', 'text/plain': '{ toMimeBundle: [AsyncFunction: toMimeBundle] }' });
});

test('silent requests publish nothing but still report their failure', async () => {
  assert.deepEqual((await run('1 + 1', { silent: true })).sent, []);
  const r = await run('throw new Error("quiet")', { silent: true });
  assert.deepEqual(r.sent, []);
  assert.equal(r.failure?.evalue, 'quiet');
});

test('a module cell with type errors is registered (tslab) and its errors go to stderr', async () => {
  const r = await run('/** @module lessonsmod */\nexport const x: number = "s";');
  assert.equal(r.ok, true);
  assert.equal(r.stderr, "lessonsmod.ts:2:14 - error TS2322: Type 'string' is not assignable to type 'number'.\n");
  assert.deepEqual(r.sent, []);
});

test('without a request context (no Jupyter) cells still run and report success or failure', async () => {
  current = undefined;
  assert.equal(await executor.execute('1'), true);
  assert.equal(await executor.execute('throw new Error("x")'), false);
});

test('interrupt() ends a pending top-level await with an error', async () => {
  const pending = run('await new Promise(() => {});');
  setTimeout(() => executor.interrupt(), 50);
  const r = await pending;
  assert.equal(r.ok, false);
  assert.deepEqual(r.failure, { ename: 'Error', evalue: 'Interrupted asynchronously', traceback: ['Error: Interrupted asynchronously'] });
});

test('completion and inspection are tslab\'s', () => {
  assert.deepEqual(executor.complete('Math.ab', 7).candidates, ['abs']);
  assert.ok(executor.inspect('Math.max', 8));
});
