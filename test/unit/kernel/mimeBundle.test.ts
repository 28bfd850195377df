import { test } from 'node:test';
import assert from 'node:assert/strict';
import { hasMimeBundle, type MimeBundleProvider } from '../../../kernel-helpers/src/kernel/mimeBundle';
import * as kernelIndex from '../../../kernel-helpers/src/kernel';

test('hasMimeBundle: objects, class instances and functions with a callable toMimeBundle', () => {
  class Chart implements MimeBundleProvider {
    toMimeBundle() {
      return { data: { 'text/plain': 'chart' } };
    }
  }
  const fn = Object.assign(() => 1, { toMimeBundle: () => ({ data: {} }) });
  assert.equal(hasMimeBundle(new Chart()), true);
  assert.equal(hasMimeBundle({ toMimeBundle: async () => ({ data: {} }) }), true);
  assert.equal(hasMimeBundle(fn), true);
});

test('hasMimeBundle: false for everything else, without calling anything', () => {
  for (const v of [null, undefined, 0, 'toMimeBundle', { toMimeBundle: 'not a function' }, {}, []]) {
    assert.equal(hasMimeBundle(v), false, String(v));
  }
  const hostile = new Proxy({}, { get: () => { throw new Error('trap'); } });
  assert.equal(hasMimeBundle(hostile), false);
  let called = false;
  hasMimeBundle({ toMimeBundle: () => { called = true; return { data: {} }; } });
  assert.equal(called, false);
});

test('the notebook-facing kernel module exports only the display protocol and starts nothing', () => {
  assert.deepEqual(Object.keys(kernelIndex).sort(), ['hasMimeBundle']);
  // Importing it must not load tslab (the kernel machinery) into a notebook or a script.
  const loaded = Object.keys(require.cache).filter((p) => p.includes('/node_modules/tslab/'));
  assert.deepEqual(loaded, []);
});
