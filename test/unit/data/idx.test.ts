import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import { encodeIdx, parseIdx, readIdx, isGzip, readMaybeGzip } from '../../../kernel-helpers/src/data/idx';

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'idx-test-'));
process.on('exit', () => fs.rmSync(tmp, { recursive: true, force: true }));

test('parseIdx reads a hand-written uint8 file: header, dims, row-major data', () => {
  // magic 0x00000803, dims 2 x 2 x 3, then 12 bytes.
  const bytes = new Uint8Array([0, 0, 8, 3, 0, 0, 0, 2, 0, 0, 0, 2, 0, 0, 0, 3, ...Array.from({ length: 12 }, (_, i) => i * 20)]);
  const idx = parseIdx(bytes);
  assert.deepEqual(idx.dims, [2, 2, 3]);
  assert.equal(idx.dtype, 'uint8');
  assert.ok(idx.data instanceof Uint8Array);
  assert.deepEqual(Array.from(idx.data), [0, 20, 40, 60, 80, 100, 120, 140, 160, 180, 200, 220]);
});

test('multi-byte types are read big-endian', () => {
  // int16 0x0102 = 258, -2 = 0xfffe; one dimension of 2.
  const int16 = parseIdx(new Uint8Array([0, 0, 0x0b, 1, 0, 0, 0, 2, 0x01, 0x02, 0xff, 0xfe]));
  assert.equal(int16.dtype, 'int16');
  assert.deepEqual(Array.from(int16.data), [258, -2]);
  // float32 1.5 = 0x3fc00000.
  const f32 = parseIdx(new Uint8Array([0, 0, 0x0d, 1, 0, 0, 0, 1, 0x3f, 0xc0, 0, 0]));
  assert.deepEqual(Array.from(f32.data), [1.5]);
});

test('encodeIdx round-trips every type', () => {
  const cases = [
    { dims: [3], dtype: 'uint8' as const, data: new Uint8Array([0, 128, 255]) },
    { dims: [2, 1], dtype: 'int8' as const, data: new Int8Array([-128, 127]) },
    { dims: [3], dtype: 'int16' as const, data: new Int16Array([-32768, 1, 32767]) },
    { dims: [1, 2], dtype: 'int32' as const, data: new Int32Array([-(2 ** 31), 2 ** 31 - 1]) },
    { dims: [2], dtype: 'float32' as const, data: new Float32Array([-0.25, 3e38]) },
    { dims: [2], dtype: 'float64' as const, data: new Float64Array([Math.PI, -1e-300]) },
  ];
  for (const c of cases) {
    const back = parseIdx(encodeIdx(c));
    assert.deepEqual(back.dims, c.dims);
    assert.equal(back.dtype, c.dtype);
    assert.deepEqual(Array.from(back.data), Array.from(c.data), c.dtype);
  }
});

test('readIdx gunzips by content and names the file', () => {
  const idx = { dims: [4, 2], dtype: 'uint8' as const, data: new Uint8Array([1, 2, 3, 4, 5, 6, 7, 8]) };
  const gz = path.join(tmp, 'a-idx.gz');
  const plain = path.join(tmp, 'a-idx');
  fs.writeFileSync(gz, zlib.gzipSync(encodeIdx(idx)));
  fs.writeFileSync(plain, encodeIdx(idx));
  assert.ok(isGzip(fs.readFileSync(gz)));
  assert.deepEqual(Array.from(readIdx(gz).data), Array.from(idx.data));
  assert.deepEqual(readIdx(plain).dims, [4, 2]);
});

test('truncated and padded files fail with the file name and the sizes', () => {
  const good = encodeIdx({ dims: [10, 28, 28], dtype: 'uint8', data: new Uint8Array(7840) });
  const truncated = path.join(tmp, 'truncated-idx3-ubyte.gz');
  fs.writeFileSync(truncated, zlib.gzipSync(good.subarray(0, good.length - 100)));
  assert.throws(() => readIdx(truncated), (e: Error) => e.message.includes(truncated) && /truncated IDX file: header says \[10, 28, 28\] uint8 = 7856 bytes, file has 7756/.test(e.message));
  const padded = new Uint8Array(good.length + 3);
  padded.set(good);
  assert.throws(() => parseIdx(padded, 'padded.idx'), /padded\.idx: corrupted IDX file: .* \(3 extra\)/);
  assert.throws(() => parseIdx(good.subarray(0, 10), 'short.idx'), /short\.idx: truncated IDX header: 3 dimensions need 16 header bytes, file has 10/);
});

test('a damaged gzip stream fails naming the file', () => {
  const gzBytes = zlib.gzipSync(encodeIdx({ dims: [1000], dtype: 'uint8', data: new Uint8Array(1000).fill(7) }));
  const cut = path.join(tmp, 'cut.gz');
  fs.writeFileSync(cut, gzBytes.subarray(0, gzBytes.length >> 1));
  assert.throws(() => readIdx(cut), (e: Error) => e.message.startsWith(`${cut}: corrupted or truncated gzip data`));
  const flipped = Buffer.from(gzBytes);
  flipped[flipped.length - 6] ^= 0xff; // inside the CRC-32 trailer
  const bad = path.join(tmp, 'crc.gz');
  fs.writeFileSync(bad, flipped);
  assert.throws(() => readMaybeGzip(bad), (e: Error) => e.message.startsWith(`${bad}: corrupted or truncated gzip data`));
});

test('bad magic, unknown type code, missing file: clear errors', () => {
  assert.throws(() => parseIdx(new Uint8Array([1, 2, 8, 1, 0, 0, 0, 0]), 'x'), /x: not an IDX file: magic number starts 0x0102/);
  assert.throws(() => parseIdx(zlib.gzipSync(new Uint8Array(8)), 'y'), /gzip-compressed/);
  assert.throws(() => parseIdx(new Uint8Array([0, 0, 0x0a, 1, 0, 0, 0, 0]), 'z'), /z: unknown IDX type code 0x0a/);
  assert.throws(() => parseIdx(new Uint8Array([0, 0, 8])), /shorter than the 4-byte magic/);
  const missing = path.join(tmp, 'nope.gz');
  assert.throws(() => readIdx(missing), new RegExp(`${missing}: file not found`));
});

test('encodeIdx rejects inconsistent input', () => {
  assert.throws(() => encodeIdx({ dims: [3], dtype: 'uint8', data: new Uint8Array(4) }), /dims \[3\] hold 3 elements, data has 4/);
  assert.throws(() => encodeIdx({ dims: [], dtype: 'uint8', data: new Uint8Array(0) }), /dims must list 1 to 255 sizes/);
  assert.throws(() => encodeIdx({ dims: [1.5], dtype: 'uint8', data: new Uint8Array(1) }), /dims must be integers/);
  assert.throws(() => encodeIdx({ dims: [2], dtype: 'int16', data: new Uint8Array(2) }), /needs data of type Int16Array, got Uint8Array/);
});
