/**
 * Several builder specs as one figure: the lecture's slides put a layer-statistics plot above a
 * row of per-layer histograms, or two gradient plots side by side. Each part keeps its own data,
 * title and encodings; the figure gets one title block and the theme once.
 *
 * Introduced by lesson 03 (weight initialization).
 */
import type { VegaLiteSpec } from './types';
import { isVegaLiteSpec } from './figure';
import { checkTitle, specHeader, type TitleOptions } from './parts';

/** Options of {@link concatCharts}. */
export interface ConcatChartsOptions extends TitleOptions {
  /** `'vertical'` stacks the parts top to bottom; `'horizontal'` puts them side by side. Default `'vertical'`. */
  direction?: 'vertical' | 'horizontal';
  /** Spacing between parts in pixels. Default 24. */
  spacing?: number;
}

/**
 * Combines chart specs (from the builders of this module) into one figure.
 *
 * The parts' `$schema` and `config` are dropped (the figure carries them once); each part's own
 * title stays as the part's heading, so give each part a short one ("per-layer histograms").
 * Colour scales and legends are shared between parts, as Vega-Lite does for concatenations: parts
 * coloured by the same palette share one legend.
 *
 * @param parts two or more specs (a single spec is returned re-titled). Not modified.
 * @returns a Vega-Lite spec with `vconcat` or `hconcat`.
 * @throws if `parts` is empty, a part is not a Vega-Lite spec (an `{ interactive, static }` pair
 *   must be shown on its own), or the title is missing.
 */
export function concatCharts(parts: readonly VegaLiteSpec[], options: ConcatChartsOptions): VegaLiteSpec {
  const fn = 'concatCharts';
  if (!Array.isArray(parts) || parts.length === 0) throw new RangeError(`${fn}: parts must be a non-empty array of chart specs`);
  checkTitle(fn, options);
  parts.forEach((p, i) => {
    if (!isVegaLiteSpec(p)) throw new TypeError(`${fn}: parts[${i}] is not a Vega-Lite spec (an { interactive, static } figure must be shown on its own)`);
  });
  const direction = options.direction ?? 'vertical';
  if (direction !== 'vertical' && direction !== 'horizontal') {
    throw new RangeError(`${fn}: option direction must be 'vertical' or 'horizontal', got ${JSON.stringify(direction)}`);
  }
  const spacing = options.spacing ?? 24;
  if (!Number.isFinite(spacing) || spacing < 0) throw new RangeError(`${fn}: option spacing must be a number >= 0, got ${spacing}`);
  const inner = parts.map((p) => {
    // eslint-disable-next-line @typescript-eslint/no-unused-vars
    const { $schema, config, ...rest } = p as Record<string, unknown>;
    return rest;
  });
  const key = direction === 'vertical' ? 'vconcat' : 'hconcat';
  return { ...specHeader(options), spacing, [key]: inner } as unknown as VegaLiteSpec;
}
