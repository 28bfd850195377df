/**
 * 2-D point clouds side by side with equal axis scales, for data preprocessing (original,
 * zero-centred, normalized, decorrelated, whitened): one unit on x is as long as one unit on y
 * in every panel, so a circle looks like a circle and whitening visibly makes the cloud round.
 */
import type { VegaLiteSpec } from './types';
import { checkPositive, checkPositiveInteger } from './validate';
import { checkTitle, specHeader, type TitleOptions } from './parts';

/** One panel: a title and its points. */
export interface PointCloudPanel {
  /** Panel title, e.g. `'zero-centred'`. */
  label: string;
  /** The points: a flat row-major `[N, 2]` array (`Float32Array` from `data()`), or `[x, y]` pairs. */
  points: ArrayLike<number> | readonly (readonly [number, number])[];
}

/** Options of {@link pointClouds}. */
export interface PointCloudsOptions extends TitleOptions {
  /** `'each'`: every panel zooms to its own points; `'shared'`: all panels use one range (shows how far normalization shrinks the data). Default `'each'`. */
  domain?: 'each' | 'shared';
  /** Include the origin in every panel (where the data sits relative to 0 is the point of centring). Default true. */
  includeOrigin?: boolean;
  /** Most points drawn per panel; larger clouds are subsampled with a fixed stride (deterministic). Default 1500. */
  maxPoints?: number;
  /** Axis titles. Default `['x₁', 'x₂']` (the two features). */
  axisTitles?: readonly [string, string];
  /** Side of each square panel in pixels. Default 200. */
  size?: number;
  /** Panel colour. Default `'#4c78a8'`. */
  color?: string;
}

function toPairs(fn: string, panel: PointCloudPanel, index: number): [number, number][] {
  const p = panel.points;
  if (!p || typeof (p as ArrayLike<unknown>).length !== 'number') throw new TypeError(`${fn}: panels[${index}].points must be a flat [N, 2] array or [x, y] pairs`);
  let pairs: [number, number][];
  if ((p as ArrayLike<unknown>).length > 0 && Array.isArray((p as ArrayLike<unknown>)[0])) {
    pairs = (p as readonly (readonly [number, number])[]).map((q) => [q[0], q[1]]);
  } else {
    const flat = p as ArrayLike<number>;
    if (flat.length % 2 !== 0) throw new RangeError(`${fn}: panels[${index}].points has odd length ${flat.length}; expected a flat [N, 2] array`);
    pairs = [];
    for (let i = 0; i < flat.length; i += 2) pairs.push([flat[i], flat[i + 1]]);
  }
  if (pairs.length === 0) throw new RangeError(`${fn}: panels[${index}].points is empty`);
  const bad = pairs.findIndex(([x, y]) => !Number.isFinite(x) || !Number.isFinite(y));
  if (bad >= 0) throw new RangeError(`${fn}: panels[${index}] point ${bad} is (${pairs[bad][0]}, ${pairs[bad][1]}); coordinates must be finite`);
  return pairs;
}

/** A square [lo, hi] × [lo, hi]-sized window (separate centres for x and y) around the points. */
function squareDomain(pairs: readonly [number, number][], includeOrigin: boolean): { x: [number, number]; y: [number, number] } {
  let x0 = Infinity, x1 = -Infinity, y0 = Infinity, y1 = -Infinity;
  for (const [x, y] of pairs) {
    if (x < x0) x0 = x;
    if (x > x1) x1 = x;
    if (y < y0) y0 = y;
    if (y > y1) y1 = y;
  }
  if (includeOrigin) {
    x0 = Math.min(x0, 0); x1 = Math.max(x1, 0); y0 = Math.min(y0, 0); y1 = Math.max(y1, 0);
  }
  const half = (Math.max(x1 - x0, y1 - y0) / 2) * 1.08 || 1;
  const cx = (x0 + x1) / 2;
  const cy = (y0 + y1) / 2;
  return { x: [cx - half, cx + half], y: [cy - half, cy + half] };
}

/**
 * Panels of 2-D points side by side, each square with equal x and y scales.
 *
 * @param panels one entry per step of the pipeline, in the order to show.
 * @returns a Vega-Lite spec (hconcat of square panels).
 * @throws on no panels, empty or odd-length point arrays, non-finite coordinates.
 */
export function pointClouds(panels: readonly PointCloudPanel[], options: PointCloudsOptions): VegaLiteSpec {
  const fn = 'pointClouds';
  if (!Array.isArray(panels) || panels.length === 0) throw new RangeError(`${fn}: panels must be a non-empty array of { label, points }`);
  checkTitle(fn, options);
  const size = options.size ?? 200;
  const maxPoints = options.maxPoints ?? 1500;
  checkPositive(fn, size, 'size');
  checkPositiveInteger(fn, maxPoints, 'maxPoints');
  const includeOrigin = options.includeOrigin ?? true;
  const [xTitle, yTitle] = options.axisTitles ?? ['x₁', 'x₂'];
  const all = panels.map((p, i) => {
    if (typeof p?.label !== 'string') throw new TypeError(`${fn}: panels[${i}].label must be a string`);
    return toPairs(fn, p, i);
  });
  const shared = (options.domain ?? 'each') === 'shared' ? squareDomain(all.flat(), includeOrigin) : undefined;
  if (shared) {
    // One window for all: centre it so both axes span the same range.
    const lo = Math.min(shared.x[0], shared.y[0]);
    const hi = Math.max(shared.x[1], shared.y[1]);
    shared.x = [lo, hi];
    shared.y = [lo, hi];
  }

  const hconcat = panels.map((p, i) => {
    const pairs = all[i];
    const stride = Math.ceil(pairs.length / maxPoints);
    const values = pairs.filter((_, k) => k % stride === 0).map(([x, y]) => ({ x, y }));
    const d = shared ?? squareDomain(pairs, includeOrigin);
    const x = { field: 'x', type: 'quantitative' as const, title: xTitle, scale: { domain: d.x, nice: false, zero: false }, axis: { tickCount: 5, labelFlush: true } };
    const y = { field: 'y', type: 'quantitative' as const, title: yTitle, scale: { domain: d.y, nice: false, zero: false }, axis: { tickCount: 5, labelFlush: true } };
    const origin = { values: [{ x: 0, y: 0 }] };
    return {
      width: size,
      height: size,
      layer: [
        { data: origin, mark: { type: 'rule' as const, color: '#aaaaaa', strokeWidth: 1, clip: true }, encoding: { x: { datum: 0, type: 'quantitative' as const, scale: x.scale } } },
        { data: origin, mark: { type: 'rule' as const, color: '#aaaaaa', strokeWidth: 1, clip: true }, encoding: { y: { datum: 0, type: 'quantitative' as const, scale: y.scale } } },
        {
          data: { values },
          mark: { type: 'circle' as const, size: 10, opacity: 0.55, color: options.color ?? '#4c78a8', clip: true },
          encoding: { x, y },
        },
        {
          // The panel label is a text mark at a fixed height above the plot, not a sub-title:
          // Vega places titles above the axis labels' extent, which differs between panels.
          data: { values: [{ label: p.label }] },
          mark: { type: 'text' as const, x: size / 2, y: -10, baseline: 'bottom' as const, align: 'center' as const, fontSize: 13 },
          encoding: { text: { field: 'label', type: 'nominal' as const } },
        },
      ],
    };
  });
  return { ...specHeader(options), hconcat, resolve: { scale: { x: 'independent', y: 'independent' } } };
}
