/**
 * Test helper (not a test file): decodes the 8-bit RGBA or RGB PNGs resvg writes, undoing the
 * five PNG row filters, so tests can look at rendered pixels.
 */
import { inflateSync } from 'node:zlib';

export interface DecodedPng {
  width: number;
  height: number;
  /** Bytes per pixel (3 RGB, 4 RGBA). */
  channels: number;
  pixels: Uint8Array;
}

export function decodePng(png: Buffer): DecodedPng {
  const width = png.readUInt32BE(16);
  const height = png.readUInt32BE(20);
  const colorType = png[25];
  if (png[24] !== 8 || (colorType !== 6 && colorType !== 2)) throw new Error(`decodePng: only 8-bit RGB/RGBA, got depth ${png[24]} type ${colorType}`);
  const channels = colorType === 6 ? 4 : 3;
  const idat: Buffer[] = [];
  for (let p = 8; p < png.length; ) {
    const length = png.readUInt32BE(p);
    if (png.toString('latin1', p + 4, p + 8) === 'IDAT') idat.push(png.subarray(p + 8, p + 8 + length));
    p += 12 + length;
  }
  const raw = inflateSync(Buffer.concat(idat));
  const stride = width * channels;
  const out = new Uint8Array(stride * height);
  for (let y = 0; y < height; y++) {
    const filter = raw[y * (stride + 1)];
    const line = raw.subarray(y * (stride + 1) + 1, (y + 1) * (stride + 1));
    for (let i = 0; i < stride; i++) {
      const a = i >= channels ? out[y * stride + i - channels] : 0;
      const b = y > 0 ? out[(y - 1) * stride + i] : 0;
      const c = i >= channels && y > 0 ? out[(y - 1) * stride + i - channels] : 0;
      let v = line[i];
      if (filter === 1) v += a;
      else if (filter === 2) v += b;
      else if (filter === 3) v += (a + b) >> 1;
      else if (filter === 4) {
        const p = a + b - c;
        const pa = Math.abs(p - a);
        const pb = Math.abs(p - b);
        const pc = Math.abs(p - c);
        v += pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
      }
      out[y * stride + i] = v & 0xff;
    }
  }
  return { width, height, channels, pixels: out };
}

/** Fraction of pixels in a region (default: all) that are not near-white. */
export function inkFraction(img: DecodedPng, region?: { x0: number; y0: number; x1: number; y1: number }): number {
  const r = region ?? { x0: 0, y0: 0, x1: img.width, y1: img.height };
  let ink = 0;
  let total = 0;
  for (let y = r.y0; y < Math.min(r.y1, img.height); y++) {
    for (let x = r.x0; x < Math.min(r.x1, img.width); x++) {
      const i = img.channels * (y * img.width + x);
      total++;
      if (img.pixels[i] < 200 || img.pixels[i + 1] < 200 || img.pixels[i + 2] < 200) ink++;
    }
  }
  return ink / total;
}

/** Number of mid-grey pixels (anti-aliasing or smoothing between black and white). */
export function greyPixels(img: DecodedPng): number {
  let n = 0;
  for (let i = 0; i < img.pixels.length; i += img.channels) {
    const v = img.pixels[i];
    if (v > 60 && v < 195 && img.pixels[i + 1] === v && img.pixels[i + 2] === v) n++;
  }
  return n;
}
