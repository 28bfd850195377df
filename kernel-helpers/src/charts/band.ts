/**
 * Shaded reference bands behind a chart's lines: a range of y values ("update/weight ratio
 * around 1e-3") or of x values ("the lecture's learning rates 1e-5 … 1e-3"), with an optional
 * label. Works on the specs of {@link lineChart} (a layered chart) and {@link smallMultiples}
 * (a band in every panel).
 *
 * Introduced by lesson 05 (babysitting the learning process): the update-to-weight ratio band and
 * the learning-rate range of the lecture.
 */
import type { VegaLiteSpec } from './types';

/** One band: exactly one of `x` and `y`, in data units. */
export interface ReferenceBand {
  /** Shade the horizontal stripe `low ≤ y ≤ high`. */
  y?: readonly [number, number];
  /** Shade the vertical stripe `low ≤ x ≤ high`. */
  x?: readonly [number, number];
  /** Text at the band's top-left corner, e.g. `'1e-3 ± ½ decade'`. Default none. */
  label?: string;
  /** Fill colour. Default a light green (`'#2ca02c'` at 12% opacity). */
  color?: string;
  /** Fill opacity in (0, 1]. Default 0.12. */
  opacity?: number;
}

const DEFAULT_COLOR = '#2ca02c';

function checkBand(fn: string, b: ReferenceBand, i: number): void {
  if (!b || typeof b !== 'object') throw new TypeError(`${fn}: bands[${i}] must be an object { x | y: [low, high], label? }`);
  const range = b.x ?? b.y;
  if ((b.x === undefined) === (b.y === undefined)) throw new TypeError(`${fn}: bands[${i}] must have exactly one of x and y`);
  if (!Array.isArray(range) || range.length !== 2 || !range.every(Number.isFinite) || !(range[0] < range[1])) {
    throw new RangeError(`${fn}: bands[${i}].${b.x ? 'x' : 'y'} must be [low, high] with finite low < high, got ${JSON.stringify(range)}`);
  }
  if (b.opacity !== undefined && !(b.opacity > 0 && b.opacity <= 1)) throw new RangeError(`${fn}: bands[${i}].opacity must be in (0, 1], got ${b.opacity}`);
}

/** The band's layers (rect, and text when labelled); `perFacet` adds the one-row-per-facet transform. */
function bandLayers(b: ReferenceBand, perFacet: boolean): Record<string, unknown>[] {
  const horizontal = b.y !== undefined;
  const [low, high] = (horizontal ? b.y : b.x) as readonly [number, number];
  // One row per chart (or per facet), so the rect is drawn once and its opacity stays as given.
  const source = perFacet
    ? { transform: [{ aggregate: [{ op: 'count', as: 'bandRows' }] }] }
    : { data: { values: [{}] } };
  const position = horizontal ? { y: { datum: low }, y2: { datum: high } } : { x: { datum: low }, x2: { datum: high } };
  const rect = {
    ...source,
    mark: { type: 'rect', color: b.color ?? DEFAULT_COLOR, opacity: b.opacity ?? 0.12, tooltip: null },
    encoding: position,
  };
  if (!b.label) return [rect];
  const text = {
    ...source,
    mark: horizontal
      ? { type: 'text', align: 'left', baseline: 'bottom', x: 3, dy: -2, color: '#3a3a3a', fontSize: 10 }
      : { type: 'text', align: 'left', baseline: 'top', y: 3, dx: 3, color: '#3a3a3a', fontSize: 10 },
    encoding: { ...(horizontal ? { y: { datum: high } } : { x: { datum: low } }), text: { value: b.label } },
  };
  return [rect, text];
}

/**
 * Adds shaded bands behind the lines of a chart.
 *
 * @param spec a spec from {@link lineChart} (top-level `layer`) or {@link smallMultiples} (a facet
 *   whose `spec.layer` is drawn in every panel); not modified.
 * @param bands one or more bands, drawn under the data in the order given.
 * @returns a new spec with the bands' layers first.
 * @throws on a spec of another shape (concatenations: add bands to the parts before joining),
 *   or a band without exactly one of x and y as an increasing pair of finite numbers.
 */
export function withBands(spec: VegaLiteSpec, bands: readonly ReferenceBand[]): VegaLiteSpec {
  const fn = 'withBands';
  if (!Array.isArray(bands) || bands.length === 0) throw new TypeError(`${fn}: bands must be a non-empty array`);
  bands.forEach((b, i) => checkBand(fn, b, i));
  const s = spec as unknown as Record<string, unknown>;
  if (!s || typeof s !== 'object') throw new TypeError(`${fn}: spec must be a Vega-Lite spec from lineChart or smallMultiples`);
  if (Array.isArray(s.layer)) {
    return { ...s, layer: [...bands.flatMap((b) => bandLayers(b, false)), ...s.layer] } as unknown as VegaLiteSpec;
  }
  const inner = s.spec as Record<string, unknown> | undefined;
  if (s.facet && inner && Array.isArray(inner.layer)) {
    return { ...s, spec: { ...inner, layer: [...bands.flatMap((b) => bandLayers(b, true)), ...inner.layer] } } as unknown as VegaLiteSpec;
  }
  throw new TypeError(`${fn}: spec must be layered (lineChart) or a faceted layer (smallMultiples); add bands to the parts of a concatenation before joining them`);
}
