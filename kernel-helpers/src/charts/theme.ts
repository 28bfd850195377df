/**
 * The lessons' visual theme, defined once: one colour per activation function, per weight
 * initialization scheme, for batch norm on/off and for train vs validation, plus fonts and sizes.
 *
 * LESSON-STYLE.md asks that each activation and each initialization keep one colour in every
 * lesson; builders take a `palette` option naming one of these palettes and colour by it, so a
 * lesson never picks colours itself.
 */
import type { VegaLiteConfig } from './types';

/** One category of a palette: the key lessons use in data, the label charts show, its colour. */
export interface PaletteEntry {
  /** What lessons put in their data, e.g. `'leakyRelu'`. */
  readonly key: string;
  /** What legends and tooltips show, e.g. `'Leaky ReLU'`. */
  readonly label: string;
  /** A CSS hex colour. */
  readonly color: string;
}

/** The named palettes: activation functions, initialization schemes, batch norm, data split. */
export type PaletteName = 'activation' | 'init' | 'batchNorm' | 'split';

// Colours: within each palette, distinct hues that stay readable as 2 px lines on white; the
// "bad" cases of the lecture (sigmoid, 1.0·randn) are red, the baseline "off"/zeros cases grey.
const ACTIVATION: readonly PaletteEntry[] = [
  { key: 'sigmoid', label: 'sigmoid', color: '#d62728' },
  { key: 'tanh', label: 'tanh', color: '#ff7f0e' },
  { key: 'relu', label: 'ReLU', color: '#1f77b4' },
  { key: 'leakyRelu', label: 'Leaky ReLU', color: '#17becf' },
  { key: 'prelu', label: 'PReLU', color: '#2ca02c' },
  { key: 'elu', label: 'ELU', color: '#9467bd' },
  { key: 'maxout', label: 'Maxout', color: '#8c564b' },
  { key: 'gelu', label: 'GELU', color: '#e377c2' },
  { key: 'silu', label: 'SiLU', color: '#9a9a1f' },
];

const INIT: readonly PaletteEntry[] = [
  { key: 'small', label: '0.01·randn', color: '#6a3d9a' },
  { key: 'large', label: '1.0·randn', color: '#d62728' },
  { key: 'xavier', label: 'Xavier', color: '#1f77b4' },
  { key: 'xavierRelu', label: 'Xavier + ReLU', color: '#ff7f0e' },
  { key: 'he', label: 'He (Kaiming)', color: '#2ca02c' },
  { key: 'zeros', label: 'zeros', color: '#7f7f7f' },
];

const BATCH_NORM: readonly PaletteEntry[] = [
  { key: 'on', label: 'with batch norm', color: '#1b7837' },
  { key: 'off', label: 'without batch norm', color: '#999999' },
];

const SPLIT: readonly PaletteEntry[] = [
  { key: 'train', label: 'train', color: '#1f77b4' },
  { key: 'val', label: 'validation', color: '#ff7f0e' },
];

/** All palettes, by name. Entries are in the order legends list them. */
export const palettes: Readonly<Record<PaletteName, readonly PaletteEntry[]>> = {
  activation: ACTIVATION,
  init: INIT,
  batchNorm: BATCH_NORM,
  split: SPLIT,
};

/** Categorical colours for series that belong to no palette (e.g. runs of a search), Tableau 10. */
export const seriesColors: readonly string[] = [
  '#4e79a7', '#f28e2b', '#e15759', '#76b7b2', '#59a14f',
  '#edc948', '#b07aa1', '#ff9da7', '#9c755f', '#bab0ac',
];

/**
 * The palette entry for a value: matches the key (`'xavierRelu'`), the label (`'Xavier + ReLU'`),
 * and for `batchNorm` also booleans (`true` is `'on'`). Throws naming the palette and its keys if
 * the value is unknown, so a typo never silently gets a default colour.
 */
export function paletteEntry(palette: PaletteName, value: unknown): PaletteEntry {
  const entries = palettes[palette];
  if (!entries) throw new RangeError(`palette must be one of ${Object.keys(palettes).join(', ')}, got '${String(palette)}'`);
  const wanted = palette === 'batchNorm' && typeof value === 'boolean' ? (value ? 'on' : 'off') : value;
  const found = entries.find((e) => e.key === wanted || e.label === wanted)
    ?? (palette === 'split' && wanted === 'validation' ? entries[1] : undefined);
  if (!found) {
    throw new RangeError(
      `'${String(value)}' is not in the ${palette} palette; use one of ${entries.map((e) => `'${e.key}'`).join(', ')}`,
    );
  }
  return found;
}

/** The display label for a palette value, e.g. `paletteLabel('init', 'he')` is `'He (Kaiming)'`. */
export function paletteLabel(palette: PaletteName, value: unknown): string {
  return paletteEntry(palette, value).label;
}

/**
 * A Vega-Lite colour scale (`domain` of labels, `range` of colours) for the palette values that
 * occur in `values`, in the palette's order. Builders map data values to labels with
 * {@link paletteLabel} so legends read "He (Kaiming)" rather than "he".
 */
export function paletteScale(palette: PaletteName, values: Iterable<unknown>): { domain: string[]; range: string[] } {
  const present = new Set<string>();
  for (const v of values) present.add(paletteEntry(palette, v).key);
  const used = palettes[palette].filter((e) => present.has(e.key));
  return { domain: used.map((e) => e.label), range: used.map((e) => e.color) };
}

/**
 * The font stack of every chart. DejaVu Sans comes first because it is what the Node PNG
 * renderer finds on Debian (package fonts-dejavu-core), so browser and PNG match where the
 * browser has it; the generic `sans-serif` at the end is what the PNG renderer maps to whichever
 * font it found.
 */
export const chartFont = 'DejaVu Sans, Verdana, Helvetica, Arial, sans-serif';

/** Font sizes in CSS pixels used by {@link chartTheme}. */
export const chartFontSizes = { title: 15, subtitle: 12, axisTitle: 12, label: 11, header: 12 } as const;

/**
 * The Vega-Lite `config` every builder puts in its spec: fonts and sizes, a left-anchored title
 * (a finding reads like a sentence, so it starts where the eye starts), light grid lines, no
 * view border.
 */
export const chartTheme: VegaLiteConfig = {
  font: chartFont,
  background: 'white',
  padding: 8,
  title: {
    fontSize: chartFontSizes.title,
    subtitleFontSize: chartFontSizes.subtitle,
    subtitleColor: '#555555',
    anchor: 'start',
    frame: 'group',
    offset: 10,
  },
  axis: {
    titleFontSize: chartFontSizes.axisTitle,
    titleFontWeight: 'normal',
    labelFontSize: chartFontSizes.label,
    gridColor: '#e6e6e6',
    domainColor: '#888888',
    tickColor: '#888888',
  },
  legend: {
    titleFontSize: chartFontSizes.axisTitle,
    titleFontWeight: 'normal',
    labelFontSize: chartFontSizes.label,
    labelLimit: 220,
  },
  header: {
    titleFontSize: chartFontSizes.header,
    titleFontWeight: 'normal',
    labelFontSize: chartFontSizes.header,
  },
  view: { stroke: null },
  line: { strokeWidth: 2 },
  point: { size: 40 },
  range: { category: [...seriesColors] },
};
