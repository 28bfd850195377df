import { test } from 'node:test';
import assert from 'node:assert/strict';
import { inflateSync } from 'node:zlib';
import { imageGrid } from '../../../kernel-helpers/src/charts/image-grid';
import { compileWarnings, plain } from './spec-helpers';

/** Decodes the pixels of one of our own PNG data URLs (filter 0 rows). */
function decode(url: string): { width: number; height: number; colorType: number; rows: number[][] } {
  const png = Buffer.from(url.replace('data:image/png;base64,', ''), 'base64');
  const width = png.readUInt32BE(16);
  const height = png.readUInt32BE(20);
  const colorType = png[25];
  const idatLength = png.readUInt32BE(33);
  const raw = inflateSync(png.subarray(41, 41 + idatLength));
  const stride = raw.length / height;
  const rows = Array.from({ length: height }, (_, y) => [...raw.subarray(y * stride + 1, (y + 1) * stride)]);
  return { width, height, colorType, rows };
}

const stack = { data: new Float32Array(3 * 2 * 2).map((_, i) => i), shape: [3, 2, 2] as const };

test('one image mark per image as PNG data URLs, laid out in a grid with captions', () => {
  const spec = plain(imageGrid(stack, { title: 'Samples', captions: ['a', 'b', 'c'], columns: 2, cellSize: 50 }));
  const rows = spec.data.values;
  assert.equal(rows.length, 3);
  assert.deepEqual(rows.map((r: { px: number; py: number }) => [r.px, r.py]), [[0, 0], [56, 0], [0, 72]]);
  assert.equal(spec.layer[0].mark.type, 'image');
  assert.equal(spec.layer[0].mark.smooth, false, 'pixels stay square when scaled up');
  assert.equal(spec.layer[0].mark.aria, false, 'no data URL copied into aria labels');
  assert.equal(spec.layer[1].encoding.text.field, 'caption');
  assert.equal(spec.width, 2 * 56 - 6);
  assert.deepEqual(compileWarnings(imageGrid(stack, { title: 't', captions: ['a', 'b', 'c'] })), []);
});

test('greyscale: each image stretched to its own range, or a fixed domain, optionally inverted', () => {
  const first = decode(plain(imageGrid(stack, { title: 't' })).data.values[0].url);
  assert.equal(first.colorType, 0);
  assert.deepEqual(first.rows, [[0, 85], [170, 255]]);
  const fixed = decode(plain(imageGrid(stack, { title: 't', domain: [0, 11] })).data.values[2].url);
  assert.deepEqual(fixed.rows, [[185, 209], [232, 255]]);
  const inverted = decode(plain(imageGrid(stack, { title: 't', invert: true })).data.values[0].url);
  assert.deepEqual(inverted.rows, [[255, 170], [85, 0]]);
});

test('diverging: 0 is near white, negative blue, positive red; shared range adds a legend', () => {
  const img = [new Float32Array([-1, 0, 1, 0.5])];
  const spec = plain(imageGrid(img, { title: 't', colors: 'diverging', normalize: 'shared' }));
  const { colorType, rows } = decode(spec.data.values[0].url);
  assert.equal(colorType, 2);
  const [neg, zero, pos] = [rows[0].slice(0, 3), rows[0].slice(3, 6), rows[1].slice(0, 3)];
  assert.ok(neg[2] > neg[0], `negative is blue: ${neg}`);
  assert.ok(pos[0] > pos[2], `positive is red: ${pos}`);
  assert.ok(zero.every((c) => c > 225), `zero is near white: ${zero}`);
  assert.deepEqual(spec.layer.at(-1).encoding.color.scale, { scheme: 'redblue', reverse: true, domain: [-1, 1] });
});

test('arrays of square images work; sizes must match', () => {
  assert.equal(plain(imageGrid([new Float32Array(784), new Float32Array(784)], { title: 't' })).data.values.length, 2);
  assert.throws(() => imageGrid([new Float32Array(784), new Float32Array(4)], { title: 't' }), /images\[1\] has 4 values, images\[0\] has 784/);
  assert.throws(() => imageGrid([new Float32Array(10)], { title: 't' }), /not a square image; pass \{ data, shape: \[N, H, W\] \}/);
  assert.throws(() => imageGrid({ data: new Float32Array(7), shape: [2, 2, 2] }, { title: 't' }), /images\.data has 7 values, but shape \[2, 2, 2\] needs 8/);
  assert.throws(() => imageGrid(stack, { title: 't', captions: ['a'] }), /option captions has 1 entries for 3 images/);
  assert.throws(() => imageGrid([new Float32Array([NaN, 0, 0, 0])], { title: 't' }), /image 0 pixel 0 is NaN/);
  assert.throws(() => imageGrid([], { title: 't' }), /images is empty/);
});

test('64 Fashion-MNIST-sized images make a small spec', () => {
  const data = new Float32Array(64 * 784).map((_, i) => (i * 7919) % 256);
  const size = JSON.stringify(imageGrid({ data, shape: [64, 28, 28] }, { title: 't', domain: [0, 255] })).length;
  assert.ok(size < 200_000, `spec is ${size} bytes`);
});
