import { test } from 'node:test';
import assert from 'node:assert/strict';
import { versions, versionLine, setupLesson, initBackend } from '../../../kernel-helpers/src/backend';
import { rng, unseed } from '../../../kernel-helpers/src/random';

test('versions names node, tslab, the TypeScript tslab compiles with, tfjs and the backend', async () => {
  await initBackend();
  const v = versions();
  assert.equal(v.node, process.version);
  assert.equal(v.tslab, '1.0.22');
  assert.equal(v.typescript, '5.0.4');
  assert.equal(v.tfjs, '4.22.0');
  assert.match(versionLine(v), /^node v\d+\.\d+\.\d+ · tslab 1\.0\.22 · TypeScript 5\.0\.4 · tfjs 4\.22\.0 · backend (wasm|tensorflow|cpu)$/);
});

test('setupLesson prints one line and seeds', async (t) => {
  const lines: string[] = [];
  t.mock.method(console, 'log', (s: string) => lines.push(s));
  const a = await setupLesson({ seed: 7 });
  const first = rng().random();
  await setupLesson({ seed: 7 });
  assert.equal(rng().random(), first);
  assert.equal(lines.length, 2);
  assert.match(lines[0], /backend \w+ · seed 7$/);
  assert.equal(a.rng.seedValue, 7);
  await assert.rejects(setupLesson(undefined as unknown as { seed: number }), /options.seed is required/);
  unseed();
});
