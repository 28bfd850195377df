/**
 * A minimal PNG encoder for small images (Fashion-MNIST digits, eigenvector images), so image
 * grids can embed each image as a `data:image/png` URL in a Vega image mark: one mark per image
 * instead of one rect per pixel, which renders the same in vega-embed and in the Node renderer.
 *
 * Writes 8-bit greyscale, RGB or RGBA, no interlacing, filter 0 per row, zlib-compressed.
 */
import { deflateSync } from 'node:zlib';

const CRC_TABLE = (() => {
  const table = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    table[n] = c >>> 0;
  }
  return table;
})();

function crc32(bytes: Uint8Array): number {
  let c = 0xffffffff;
  for (let i = 0; i < bytes.length; i++) c = CRC_TABLE[(c ^ bytes[i]) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

function chunk(type: string, data: Uint8Array): Buffer {
  const out = Buffer.alloc(12 + data.length);
  out.writeUInt32BE(data.length, 0);
  out.write(type, 4, 'latin1');
  out.set(data, 8);
  out.writeUInt32BE(crc32(out.subarray(4, 8 + data.length)), 8 + data.length);
  return out;
}

/** Channels per pixel: 1 grey, 3 RGB, 4 RGBA. */
export type PngChannels = 1 | 3 | 4;

/**
 * Encodes raw 8-bit pixels as a PNG file.
 *
 * @param pixels row-major bytes, `width × height × channels` long (0 = black/transparent, 255 = white/opaque).
 * @param width image width in pixels.
 * @param height image height in pixels.
 * @param channels 1 (greyscale), 3 (RGB) or 4 (RGBA). Default 1.
 */
export function encodePng(pixels: Uint8Array, width: number, height: number, channels: PngChannels = 1): Buffer {
  if (!Number.isInteger(width) || width <= 0 || !Number.isInteger(height) || height <= 0) {
    throw new RangeError(`encodePng: width and height must be positive integers, got ${width} × ${height}`);
  }
  if (channels !== 1 && channels !== 3 && channels !== 4) throw new RangeError(`encodePng: channels must be 1, 3 or 4, got ${String(channels)}`);
  if (pixels.length !== width * height * channels) {
    throw new RangeError(`encodePng: pixels has ${pixels.length} bytes, expected width × height × channels = ${width * height * channels}`);
  }
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header[8] = 8; // bit depth
  header[9] = channels === 1 ? 0 : channels === 3 ? 2 : 6; // colour type
  const stride = width * channels;
  const raw = Buffer.alloc((stride + 1) * height);
  for (let y = 0; y < height; y++) {
    raw[y * (stride + 1)] = 0; // filter: none
    raw.set(pixels.subarray(y * stride, (y + 1) * stride), y * (stride + 1) + 1);
  }
  return Buffer.concat([
    Buffer.from([137, 80, 78, 71, 13, 10, 26, 10]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(raw)),
    chunk('IEND', new Uint8Array(0)),
  ]);
}

/** `png` as a `data:image/png;base64,…` URL. */
export function pngDataUrl(png: Uint8Array): string {
  return `data:image/png;base64,${Buffer.from(png).toString('base64')}`;
}
