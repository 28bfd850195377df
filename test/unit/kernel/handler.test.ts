// The handler on tslab's JupyterHandlerImpl, with a scripted executor: the replies it builds.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import * as jupyter from 'tslab/dist/jupyter';
import type { Executor } from 'tslab/dist/executor';
import { attachCellRun, CellRun, cellRunOf } from '../../../kernel-helpers/src/kernel/cellRun';
import { LessonsHandler } from '../../../kernel-helpers/src/kernel/handler';

const repoRoot = path.resolve(__dirname, '..', '..', '..');
const FAILURE = { ename: 'RangeError', evalue: 'bad', traceback: ['RangeError: bad'] };

/** An executor that fails cells starting with "fail" (recording the failure like the real one), "crash" without recording. */
function scriptedExecutor(): Executor {
  return {
    execute: async (src: string) => {
      if (src.startsWith('fail')) cellRunOf(jupyter.lastWriteDisplayData)?.fail(FAILURE);
      return !src.startsWith('fail') && !src.startsWith('crash');
    },
    inspect: () => undefined as unknown as ReturnType<Executor['inspect']>,
    complete: () => ({ start: 0, end: 0, candidates: [] }),
    reset: () => undefined,
    interrupt: () => undefined,
    locals: {},
    close: () => undefined,
  };
}

/** Sends an execute request as the lessons server does; returns the reply and what was published. */
async function execute(handler: LessonsHandler, code: string) {
  const published: string[] = [];
  const run = new CellRun((type) => published.push(type), false);
  const writeDisplay = attachCellRun(() => undefined, run);
  const reply = await withPrivateStdio(() =>
    handler.handleExecute({ code, silent: false, store_history: true, user_expressions: {} }, () => undefined, writeDisplay),
  );
  return { reply, published };
}

/**
 * Runs `fn` with process.stdout and process.stderr replaced by throwaway streams: tslab's handler
 * points their `write` at the request's iopub stream, and the test runner reports through the real
 * ones.
 */
let privateDepth = 0;
let savedStdio: PropertyDescriptor[] = [];
async function withPrivateStdio<T>(fn: () => Promise<T>): Promise<T> {
  const names = ['stdout', 'stderr'] as const;
  // Re-entrant: concurrent requests (the stop-on-error test) share one replacement.
  if (privateDepth++ === 0) {
    savedStdio = names.map((n) => Object.getOwnPropertyDescriptor(process, n) as PropertyDescriptor);
    for (const n of names) Object.defineProperty(process, n, { configurable: true, value: { write: () => true } });
  }
  try {
    return await fn();
  } finally {
    if (--privateDepth === 0) names.forEach((n, i) => Object.defineProperty(process, n, savedStdio[i]));
  }
}

test('kernel_info_reply has status ok and the TypeScript version tslab compiles with', () => {
  const info = new LessonsHandler(scriptedExecutor(), false).handleKernel();
  const tsVersion = JSON.parse(fs.readFileSync(path.join(repoRoot, 'node_modules', '@tslab', 'typescript-for-tslab', 'package.json'), 'utf8')).version;
  const tslabVersion = JSON.parse(fs.readFileSync(path.join(repoRoot, 'node_modules', 'tslab', 'package.json'), 'utf8')).version;
  assert.equal(info.status, 'ok');
  assert.equal(info.language_info.name, 'typescript');
  assert.equal(info.language_info.version, tsVersion);
  assert.equal(info.language_info.file_extension, '.ts');
  assert.equal(info.implementation, 'tslab-lessons');
  assert.equal(info.implementation_version, tslabVersion);
  assert.equal(info.protocol_version, '5.3');
});

test('an ok execute_reply has its count, payload and user_expressions', async () => {
  const handler = new LessonsHandler(scriptedExecutor(), false);
  const { reply } = await execute(handler, '1');
  assert.deepEqual(reply, { status: 'ok', execution_count: 1, payload: [], user_expressions: {} });
  assert.equal((await execute(handler, '2')).reply.execution_count, 2);
});

test('an error execute_reply carries the failure the cell recorded', async () => {
  const handler = new LessonsHandler(scriptedExecutor(), false);
  const { reply, published } = await execute(handler, 'fail');
  assert.deepEqual(reply, { status: 'error', execution_count: 1, ...FAILURE });
  assert.deepEqual(published, ['error']);
});

test('a failure the executor did not record becomes a KernelError, published and replied', async () => {
  const handler = new LessonsHandler(scriptedExecutor(), false);
  const { reply, published } = await execute(handler, 'crash');
  assert.equal(reply.status, 'error');
  assert.equal(reply.ename, 'KernelError');
  assert.match(reply.evalue ?? '', /see the kernel log/);
  assert.deepEqual(published, ['error']);
});

test("tslab's stop-on-error is kept: a request queued behind a failing one is aborted", async () => {
  const handler = new LessonsHandler(scriptedExecutor(), false);
  const [first, second] = await Promise.all([execute(handler, 'fail'), execute(handler, '1')]);
  assert.equal(first.reply.status, 'error');
  assert.deepEqual(second.reply, { status: 'abort', execution_count: undefined });
  assert.deepEqual(second.published, []);
  await new Promise((r) => setTimeout(r, 250)); // tslab reopens its queue 200 ms after an error
  assert.equal((await execute(handler, '1')).reply.status, 'ok');
  assert.equal(typeof Object.getOwnPropertyDescriptor(process, 'stdout')?.get, 'function', 'the real stdout is back');
});
