/**
 * Grids of small images with captions: Fashion-MNIST samples with their class names (greyscale),
 * or eigenvectors / weight templates (diverging: blue negative, white 0, red positive).
 *
 * Each image is encoded as a small PNG and embedded as a data URL in one Vega image mark
 * (`smooth: false`, so 28×28 pixels scale up as crisp squares). 64 Fashion-MNIST images make a
 * spec of about 60 kB; one rect per pixel would be 50 000 data rows.
 */
import type * as Vega from 'vega';
import type { VegaLiteSpec } from './types';
import { encodePng, pngDataUrl } from './png-encode';
import { checkPositive, checkPositiveInteger } from './validate';
import { checkTitle, specHeader, type TitleOptions } from './parts';

/** Images stored back to back, as `await X.slice(…).data()` gives them: `shape` is `[N, H, W]`. */
export interface ImageStack {
  /** `N × H × W` values, row-major. */
  data: ArrayLike<number>;
  /** `[N, H, W]`: number of images, height and width in pixels. */
  shape: readonly [number, number, number];
}

/** Options of {@link imageGrid}. */
export interface ImageGridOptions extends TitleOptions {
  /** One caption per image (class names, eigenvalues…). Default: none. */
  captions?: readonly string[];
  /** Images per row. Default: `min(N, 8)`. */
  columns?: number;
  /** Displayed side of each image in pixels. Default: 3 × the image width, at least 48 and at most 120. */
  cellSize?: number;
  /**
   * `'gray'` maps low → black and high → white; `'diverging'` maps negative → blue, 0 → white,
   * positive → red, symmetric around 0. Default `'gray'`.
   */
  colors?: 'gray' | 'diverging';
  /**
   * `'each'` stretches every image to its own range (for `'diverging'`: its own max |value|);
   * `'shared'` uses one range for all, so intensities compare across images. Default `'each'`.
   */
  normalize?: 'each' | 'shared';
  /** Value range for `'gray'` mapped to black…white, e.g. `[0, 255]`; overrides `normalize`. */
  domain?: readonly [number, number];
  /** Draw dark on light (ink on paper) instead of light on dark. Gray only. Default false. */
  invert?: boolean;
  /** Text under the legend gradient (diverging with shared normalization only). Default `'value'`. */
  valueTitle?: string;
}

function imagesOf(fn: string, images: ImageStack | readonly ArrayLike<number>[], shapeHint?: readonly [number, number]): { list: ArrayLike<number>[]; h: number; w: number } {
  if (Array.isArray(images)) {
    if (images.length === 0) throw new RangeError(`${fn}: images is empty; there is nothing to show`);
    const n = images[0].length;
    const [h, w] = shapeHint ?? [Math.round(Math.sqrt(n)), Math.round(Math.sqrt(n))];
    if (h * w !== n) throw new RangeError(`${fn}: images[0] has ${n} values, which is not a square image; pass { data, shape: [N, H, W] }`);
    images.forEach((im, i) => {
      if (im.length !== n) throw new RangeError(`${fn}: images[${i}] has ${im.length} values, images[0] has ${n}; all images must have the same size`);
    });
    return { list: images as ArrayLike<number>[], h, w };
  }
  const stack = images as ImageStack;
  if (!stack || !stack.data || !Array.isArray(stack.shape) || stack.shape.length !== 3) {
    throw new TypeError(`${fn}: images must be { data, shape: [N, H, W] } or an array of square images`);
  }
  const [n, h, w] = stack.shape;
  if (![n, h, w].every((d) => Number.isInteger(d) && d > 0)) throw new RangeError(`${fn}: images.shape must be three positive integers, got [${stack.shape.join(', ')}]`);
  if (stack.data.length !== n * h * w) throw new RangeError(`${fn}: images.data has ${stack.data.length} values, but shape [${n}, ${h}, ${w}] needs ${n * h * w}`);
  const list: ArrayLike<number>[] = [];
  const data = stack.data;
  for (let k = 0; k < n; k++) {
    const offset = k * h * w;
    // A view, not a copy, when the data is a typed array.
    list.push(ArrayBuffer.isView(data) ? (data as unknown as Float32Array).subarray(offset, offset + h * w) : Array.prototype.slice.call(data, offset, offset + h * w));
  }
  return { list, h, w };
}

function range(values: ArrayLike<number>): [number, number] {
  let lo = Infinity;
  let hi = -Infinity;
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (v < lo) lo = v;
    if (v > hi) hi = v;
  }
  return [lo, hi];
}

/** Parses vega's `rgb(r, g, b)` colour strings once into a 256-entry lookup table. */
function divergingTable(): Uint8Array {
  // vega (0.3 s to load) is required here, not at import, and only for diverging grids.
  const interpolate = (require('vega') as typeof Vega).scheme('redblue') as (t: number) => string;
  const table = new Uint8Array(256 * 3);
  for (let i = 0; i < 256; i++) {
    // 'redblue' runs red → blue; reversed so that negative is blue and positive is red.
    const m = /rgb\((\d+),\s*(\d+),\s*(\d+)\)/.exec(interpolate(1 - i / 255));
    if (!m) throw new Error(`imageGrid: unexpected colour from vega scheme: ${interpolate(1 - i / 255)}`);
    table.set([Number(m[1]), Number(m[2]), Number(m[3])], i * 3);
  }
  return table;
}

/**
 * A grid of images with optional captions.
 *
 * @param images `{ data, shape: [N, H, W] }`, or an array of flat square images (e.g. 784 values each).
 * @returns a Vega-Lite spec with one image mark per image (PNG data URLs) and caption text marks.
 * @throws on no images, mismatched sizes, non-finite pixels, or more captions than images.
 */
export function imageGrid(images: ImageStack | readonly ArrayLike<number>[], options: ImageGridOptions): VegaLiteSpec {
  const fn = 'imageGrid';
  checkTitle(fn, options);
  const { list, h, w } = imagesOf(fn, images);
  const n = list.length;
  const captions = options.captions;
  if (captions && captions.length !== n) throw new RangeError(`${fn}: option captions has ${captions.length} entries for ${n} images`);
  const columns = options.columns ?? Math.min(n, 8);
  checkPositiveInteger(fn, columns, 'columns');
  const cell = options.cellSize ?? Math.max(48, Math.min(120, 3 * w));
  checkPositive(fn, cell, 'cellSize');
  const colors = options.colors ?? 'gray';
  const shared = (options.normalize ?? 'each') === 'shared';
  if (options.domain && !(options.domain[1] > options.domain[0])) throw new RangeError(`${fn}: option domain must be [low, high] with low < high`);
  list.forEach((im, k) => {
    for (let i = 0; i < im.length; i++) {
      if (!Number.isFinite(im[i])) throw new RangeError(`${fn}: image ${k} pixel ${i} is ${im[i]}; pixels must be finite`);
    }
  });

  const ranges = list.map(range);
  const sharedRange: [number, number] = [Math.min(...ranges.map((r) => r[0])), Math.max(...ranges.map((r) => r[1]))];
  const table = colors === 'diverging' ? divergingTable() : undefined;
  const sharedReach = Math.max(Math.abs(sharedRange[0]), Math.abs(sharedRange[1])) || 1;

  const gap = 6;
  const captionHeight = captions ? 16 : 0;
  const rows = list.map((im, k) => {
    let bytes: Uint8Array;
    let channels: 1 | 3;
    if (table) {
      const reach = shared ? sharedReach : Math.max(Math.abs(ranges[k][0]), Math.abs(ranges[k][1])) || 1;
      bytes = new Uint8Array(im.length * 3);
      for (let i = 0; i < im.length; i++) {
        const t = Math.round(((im[i] / reach + 1) / 2) * 255);
        bytes.set(table.subarray(t * 3, t * 3 + 3), i * 3);
      }
      channels = 3;
    } else {
      const [lo, hi] = options.domain ?? (shared ? sharedRange : ranges[k]);
      const span = hi - lo || 1;
      bytes = new Uint8Array(im.length);
      for (let i = 0; i < im.length; i++) {
        const t = Math.min(1, Math.max(0, (im[i] - lo) / span));
        bytes[i] = Math.round((options.invert ? 1 - t : t) * 255);
      }
      channels = 1;
    }
    const col = k % columns;
    const row = Math.floor(k / columns);
    return {
      url: pngDataUrl(encodePng(bytes, w, h, channels)),
      px: col * (cell + gap),
      py: row * (cell + captionHeight + gap),
      cx: col * (cell + gap) + cell / 2,
      cy: row * (cell + captionHeight + gap) + cell + 2,
      caption: captions ? captions[k] : '',
      index: k,
    };
  });
  const gridRows = Math.ceil(n / columns);
  const width = Math.min(n, columns) * (cell + gap) - gap;
  const height = gridRows * (cell + captionHeight + gap) - gap;
  const pixel = (field: string) => ({ field, type: 'quantitative' as const, scale: null, axis: null });

  const layers = [
    {
      mark: { type: 'image' as const, width: cell, height: cell, align: 'left' as const, baseline: 'top' as const, aspect: false, aria: false, smooth: false },
      encoding: {
        x: pixel('px'),
        y: pixel('py'),
        url: { field: 'url', type: 'nominal' as const },
        ...(captions ? { tooltip: { field: 'caption', type: 'nominal' as const } } : {}),
      },
    },
    ...(captions
      ? [
          {
            mark: { type: 'text' as const, align: 'center' as const, baseline: 'top' as const, fontSize: 10, limit: cell + gap - 2 },
            encoding: { x: pixel('cx'), y: pixel('cy'), text: { field: 'caption', type: 'nominal' as const } },
          },
        ]
      : []),
    ...(table && shared
      ? [
          {
            // An invisible layer whose only job is the colour legend for the shared range.
            data: { values: [{ v: -sharedReach }, { v: sharedReach }] },
            mark: { type: 'point' as const, opacity: 0 },
            encoding: {
              x: { value: 0 },
              y: { value: 0 },
              color: { field: 'v', type: 'quantitative' as const, title: options.valueTitle ?? 'value', scale: { scheme: 'redblue', reverse: true, domain: [-sharedReach, sharedReach] } },
            },
          },
        ]
      : []),
  ];
  return {
    ...specHeader(options),
    width,
    height,
    data: { values: rows },
    layer: layers,
  };
}
