import { test } from 'node:test';
import assert from 'node:assert/strict';
import { inflateSync } from 'node:zlib';
import { encodePng, pngDataUrl } from '../../../kernel-helpers/src/charts/png-encode';

function chunks(png: Buffer): { type: string; data: Buffer }[] {
  const out = [];
  for (let p = 8; p < png.length; ) {
    const length = png.readUInt32BE(p);
    out.push({ type: png.toString('latin1', p + 4, p + 8), data: png.subarray(p + 8, p + 8 + length) });
    p += 12 + length;
  }
  return out;
}

test('writes a PNG whose header and pixels decode back', () => {
  const pixels = Uint8Array.from({ length: 3 * 2 }, (_, i) => i * 40);
  const png = encodePng(pixels, 3, 2, 1);
  assert.deepEqual([...png.subarray(0, 8)], [137, 80, 78, 71, 13, 10, 26, 10]);
  const c = chunks(png);
  assert.deepEqual(c.map((x) => x.type), ['IHDR', 'IDAT', 'IEND']);
  assert.equal(c[0].data.readUInt32BE(0), 3);
  assert.equal(c[0].data.readUInt32BE(4), 2);
  assert.equal(c[0].data[9], 0, 'colour type greyscale');
  const raw = inflateSync(c[1].data);
  assert.deepEqual([...raw], [0, 0, 40, 80, 0, 120, 160, 200]);
});

test('RGB colour type and data URL', () => {
  const png = encodePng(new Uint8Array(2 * 2 * 3).fill(255), 2, 2, 3);
  assert.equal(chunks(png)[0].data[9], 2);
  assert.match(pngDataUrl(png), /^data:image\/png;base64,iVBORw0KGgo/);
});

test('CRCs are valid (checked against zlib crc32 where available)', () => {
  const png = encodePng(new Uint8Array([1, 2, 3, 4]), 2, 2);
  // Recompute the IHDR CRC with a bitwise reference implementation.
  const crc = (bytes: Uint8Array): number => {
    let c = ~0;
    for (const b of bytes) {
      c ^= b;
      for (let k = 0; k < 8; k++) c = c & 1 ? (c >>> 1) ^ 0xedb88320 : c >>> 1;
    }
    return ~c >>> 0;
  };
  const typeAndData = png.subarray(12, 12 + 4 + 13);
  assert.equal(png.readUInt32BE(12 + 4 + 13), crc(typeAndData));
});

test('errors: wrong length, bad size, bad channels', () => {
  assert.throws(() => encodePng(new Uint8Array(5), 2, 2), /pixels has 5 bytes, expected width × height × channels = 4/);
  assert.throws(() => encodePng(new Uint8Array(0), 0, 2), /width and height must be positive integers/);
  assert.throws(() => encodePng(new Uint8Array(8), 2, 2, 2 as never), /channels must be 1, 3 or 4/);
});
