import { test } from 'node:test';
import assert from 'node:assert/strict';
import { kernelSink, setDisplaySink, sendDisplay, captureDisplays, type DisplayMessage } from '../../../kernel-helpers/src/display/sink';

const message: DisplayMessage = { data: { 'text/plain': 'hello', 'image/png': 'xx' }, metadata: {}, transient: { display_id: 'd1' } };

test('captureDisplays records messages with their update flag and restores the sink', () => {
  const seen: unknown[] = [];
  const outer = setDisplaySink((m, u) => seen.push([m, u]));
  const cap = captureDisplays();
  sendDisplay(message);
  sendDisplay(message, true);
  cap.restore();
  sendDisplay(message);
  setDisplaySink(outer);
  assert.deepEqual(cap.messages, [{ message, update: false }, { message, update: true }]);
  assert.equal(seen.length, 1, 'after restore, the previous sink gets messages again');
});

test('setDisplaySink(null) restores the default and returns the previous sink', () => {
  const mine = () => undefined;
  setDisplaySink(mine);
  assert.equal(setDisplaySink(null), mine);
  assert.equal(setDisplaySink(null), kernelSink);
});

test('outside a kernel the default sink prints the text/plain form', () => {
  const write = process.stdout.write;
  let out = '';
  process.stdout.write = ((s: string) => {
    out += s;
    return true;
  }) as typeof process.stdout.write;
  try {
    kernelSink(message, false);
    kernelSink({ ...message, data: { 'image/png': 'xx' } }, false);
  } finally {
    process.stdout.write = write;
  }
  assert.equal(out, 'hello\n[image/png]\n');
});

test('inside tslab the default sink calls its lastWriteDisplayData', () => {
  // Simulate the kernel: tslab's jupyter module in the require cache with a writer set.
  const fake = '/fake/node_modules/tslab/dist/jupyter.js';
  const calls: unknown[] = [];
  const mod = { exports: { lastWriteDisplayData: (m: unknown, u: boolean) => calls.push([m, u]) } } as unknown as NodeModule;
  require.cache[fake] = mod;
  try {
    kernelSink(message, true);
  } finally {
    delete require.cache[fake];
  }
  assert.deepEqual(calls, [[message, true]]);
});
