/**
 * The sending layer: turns a chart spec, a bundle provider or a bundle into one `display_data`
 * message through the current sink. Everything else in this module only builds bundles.
 */
import { randomUUID } from 'node:crypto';
import { isVegaLiteSpec, isInteractiveFigure, type Figure } from '../charts/figure';
import { isDisplayBundle, isDisplayBundleProvider, type DisplayBundle, type DisplayBundleProvider } from './bundle';
import { chartBundle, type ChartBundleOptions } from './chart-bundle';
import { sendDisplay } from './sink';

/** What {@link show} accepts: a Vega-Lite spec or `{ interactive, static }`, anything with `toMimeBundle()`, or a bundle. */
export type Showable = Figure | DisplayBundleProvider | DisplayBundle;

/** Options of {@link show}. */
export interface ShowOptions extends ChartBundleOptions {
  /** Display id to send with, so a later `show(…, { displayId, update: true })` replaces this output. Default: a new random id. */
  displayId?: string;
  /** Replace the output that has `displayId` (update_display_data) instead of adding one. Default false. */
  update?: boolean;
}

/** Resolves any {@link Showable} to its bundle (charts are rendered with `options`). */
export async function toDisplayBundle(value: Showable, options: ChartBundleOptions = {}): Promise<DisplayBundle> {
  if (isDisplayBundleProvider(value)) {
    const bundle = await value.toMimeBundle();
    if (!isDisplayBundle(bundle)) throw new TypeError('show: toMimeBundle() must return { data, metadata? }');
    return bundle;
  }
  if (isInteractiveFigure(value) || isVegaLiteSpec(value)) return chartBundle(value as Figure, options);
  if (isDisplayBundle(value)) return value;
  throw new TypeError('show: expected a Vega-Lite spec, { interactive, static }, a value with toMimeBundle(), or a { data } bundle');
}

/**
 * Displays `value` as one output of the running cell.
 *
 * Resolves to nothing, so `await show(…)` as a cell's last line adds no `Out[n]`; to update the
 * output later, choose its id: `show(a, { displayId: 'loss' })`, then
 * `show(b, { displayId: 'loss', update: true })`.
 */
export async function show(value: Showable, options: ShowOptions = {}): Promise<void> {
  if (options.update && !options.displayId) throw new TypeError('show: option update needs the displayId of the output to replace');
  const bundle = await toDisplayBundle(value, options);
  const displayId = options.displayId ?? randomUUID();
  sendDisplay({ data: bundle.data, metadata: bundle.metadata ?? {}, transient: { display_id: displayId } }, options.update ?? false);
}
