/**
 * Formulas as output: `text/latex` (`$$…$$`, typeset by MathJax in JupyterLab, Notebook,
 * VS Code and nbconvert HTML) plus `text/plain` (the formula in mathjs syntax or TeX source).
 *
 * A formula can be written in mathjs syntax, which mathjs's `toTex` turns into TeX
 * (`'W / sqrt(fanIn)'` → `\frac{W}{\sqrt{fanIn}}`), or given as TeX directly.
 */
import type * as MathJs from 'mathjs';
import type { DisplayBundle } from './bundle';
import { show, type ShowOptions } from './show';

/** A formula: mathjs syntax (string without backslashes or `{ expr }`), a parsed mathjs node, or TeX (string with a backslash, or `{ tex }`). */
export type Formula = string | { expr: string } | { tex: string } | MathJs.MathNode;

/** Options of {@link texBundle}. */
export interface TexOptions {
  /** Display math (`$$…$$`, centred on its own line) or inline (`$…$`). Default `'display'`. */
  mode?: 'display' | 'inline';
  /** Parentheses in mathjs → TeX: `'keep'` as written, `'auto'` only where needed. Default `'keep'`. */
  parenthesis?: 'keep' | 'auto' | 'all';
  /** The `text/plain` form. Default: the mathjs expression, or the TeX source. */
  text?: string;
}

// mathjs takes ~2 s to load; only formulas need it.
let mathModule: typeof MathJs | undefined;
function mathjs(): typeof MathJs {
  mathModule ??= require('mathjs') as typeof MathJs;
  return mathModule;
}

function isMathNode(v: unknown): v is MathJs.MathNode {
  return typeof v === 'object' && v !== null && typeof (v as { toTex?: unknown }).toTex === 'function' && typeof (v as { type?: unknown }).type === 'string';
}

/**
 * TeX source and plain text of a formula.
 *
 * @throws if a mathjs expression does not parse (the error suggests `{ tex }`), or the input is empty.
 */
export function formulaToTex(formula: Formula, options: Pick<TexOptions, 'parenthesis'> = {}): { tex: string; text: string } {
  const parenthesis = options.parenthesis ?? 'keep';
  if (isMathNode(formula)) return { tex: formula.toTex({ parenthesis }), text: formula.toString({ parenthesis }) };
  let source: string;
  let asTex: boolean;
  if (typeof formula === 'string') {
    source = formula;
    // mathjs syntax never contains a backslash; TeX almost always does (\frac, \sqrt, \sigma).
    asTex = formula.includes('\\');
  } else if (formula && typeof (formula as { tex?: unknown }).tex === 'string') {
    source = (formula as { tex: string }).tex;
    asTex = true;
  } else if (formula && typeof (formula as { expr?: unknown }).expr === 'string') {
    source = (formula as { expr: string }).expr;
    asTex = false;
  } else {
    throw new TypeError('texBundle: formula must be a string, { expr }, { tex } or a mathjs node');
  }
  if (source.trim() === '') throw new RangeError('texBundle: formula is empty');
  if (asTex) return { tex: source.trim().replace(/^\$+|\$+$/g, ''), text: source.trim() };
  let node: MathJs.MathNode;
  try {
    node = mathjs().parse(source);
  } catch (e) {
    throw new SyntaxError(`texBundle: '${source}' is not a mathjs expression (${(e as Error).message}); pass TeX as { tex: '…' }`);
  }
  return { tex: node.toTex({ parenthesis }), text: source.trim() };
}

/**
 * The display bundle of a formula: exactly `text/latex` and `text/plain`.
 *
 * @example texBundle('std = gain / sqrt(fanIn)') // $$\mathrm{std}=\frac{\mathrm{gain}}{\sqrt{\mathrm{fanIn}}}$$
 */
export function texBundle(formula: Formula, options: TexOptions = {}): DisplayBundle {
  const { tex, text } = formulaToTex(formula, options);
  const fence = (options.mode ?? 'display') === 'display' ? '$$' : '$';
  return { data: { 'text/latex': `${fence}${tex}${fence}`, 'text/plain': options.text ?? text }, metadata: {} };
}

/** Displays a formula (see {@link texBundle}). */
export function showTex(formula: Formula, options: TexOptions & Pick<ShowOptions, 'displayId' | 'update'> = {}): Promise<void> {
  return show(texBundle(formula, options), options);
}
