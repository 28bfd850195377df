import { test } from 'node:test';
import assert from 'node:assert/strict';
import { LARGE_INPUT_BYTES, privatizeSharedArrays, shareLargeArrays } from '../../../kernel-helpers/src/parallel/largeInputs';
import { runTrials, shutdownTrialWorkers } from '../../../kernel-helpers/src/parallel';

test('large typed arrays are copied once into shared memory; small and already-shared ones are left alone; the caller\'s inputs are unchanged', () => {
  const images = new Uint8Array(LARGE_INPUT_BYTES).map((_, i) => i % 251);
  const means = new Float32Array(LARGE_INPUT_BYTES / 4).fill(0.5);
  const small = new Float32Array(10);
  const pool = new Uint8Array(new SharedArrayBuffer(LARGE_INPUT_BYTES));
  const data = { images, means, small, pool, nested: [new Map([['m', means]])] };
  type Input = { lr: number; data?: typeof data; other?: Float32Array };
  const inputs: Input[] = [{ lr: 1, data }, { lr: 2, data }, { lr: 3, other: small }];
  const { inputs: sent, shared } = shareLargeArrays(inputs);
  // The caller's values are untouched.
  assert.equal(inputs[0].data, data);
  assert.equal(data.images, images);
  assert.ok(!(images.buffer instanceof SharedArrayBuffer));
  const first = sent[0] as Required<Input>;
  assert.ok(first.data.images.buffer instanceof SharedArrayBuffer);
  assert.ok(first.data.images instanceof Uint8Array);
  assert.deepEqual(first.data.images, images);
  assert.ok(first.data.means instanceof Float32Array && first.data.means.buffer instanceof SharedArrayBuffer);
  assert.equal(first.data.nested[0].get('m'), first.data.means, 'the same array gives the same copy, wherever it appears');
  assert.equal(first.data.small, small);
  assert.equal(first.data.pool, pool, 'an array already in shared memory is shared on purpose');
  assert.equal(sent[1].data, first.data, 'made once per call, not per trial');
  assert.equal(sent[2], inputs[2], 'an input without large arrays is sent as it is');
  assert.deepEqual(shared.map((views) => views.length), [2, 2, 0]);
});

test('cycles and repeated objects survive, as with structuredClone', () => {
  const big = new Uint8Array(LARGE_INPUT_BYTES);
  const node: { big: Uint8Array; self?: unknown } = { big };
  node.self = node;
  const { inputs: [sent] } = shareLargeArrays([{ a: node, b: node }]);
  const s = sent as { a: typeof node; b: typeof node };
  assert.equal(s.a, s.b);
  assert.equal(s.a.self, s.a);
  assert.ok(s.a.big.buffer instanceof SharedArrayBuffer);
});

test('in the worker, each shared view becomes a private copy (the same view twice, one copy); other shared arrays stay shared', () => {
  const big = new Float64Array(LARGE_INPUT_BYTES / 8).fill(3);
  const pool = new Uint8Array(new SharedArrayBuffer(16));
  const { inputs, shared } = shareLargeArrays([{ x: big, again: [big], pool }]);
  // What the worker receives: a clone of the message (shared memory is shared, not copied).
  const received = structuredClone({ input: inputs[0], shared: shared[0] });
  const input = privatizeSharedArrays(received.input, received.shared) as { x: Float64Array; again: Float64Array[]; pool: Uint8Array };
  assert.ok(!(input.x.buffer instanceof SharedArrayBuffer));
  assert.equal(input.again[0], input.x);
  assert.deepEqual(input.x, big);
  assert.ok(input.pool.buffer instanceof SharedArrayBuffer);
  // An input that is itself a large array.
  const whole = shareLargeArrays([big]);
  const back = privatizeSharedArrays(whole.inputs[0], whole.shared[0]);
  assert.ok(back instanceof Float64Array && !(back.buffer instanceof SharedArrayBuffer));
});

test('runTrials: every trial in a worker gets its own copy of a large input (writing to it changes nothing elsewhere)', async () => {
  const data = new Float32Array(LARGE_INPUT_BYTES).fill(1);
  const trial = (input: { data: Float32Array; k: number }) => {
    const seen = input.data[0];
    input.data.fill(input.k);
    return seen;
  };
  const inputs = [1, 2, 3, 4].map((k) => ({ data, k }));
  try {
    assert.deepEqual(await runTrials({ trial, inputs, seeds: [1, 2, 3, 4], workers: 2 }), [1, 1, 1, 1]);
  } finally {
    await shutdownTrialWorkers();
  }
  assert.equal(data[0], 1, "the caller's array is not written");
});
