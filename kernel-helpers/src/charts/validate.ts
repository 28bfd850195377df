/**
 * Input checks shared by the builders. A chart built from bad data fails late and obscurely
 * (an empty plot, a vega warning in the browser console), so builders check first and throw an
 * error that names the builder, the argument and the offending row.
 */
import type { Row } from './types';

/** Throws unless `rows` is a non-empty array of objects. */
export function checkRows(builder: string, rows: unknown, argument = 'rows'): asserts rows is Row[] {
  if (!Array.isArray(rows)) throw new TypeError(`${builder}: ${argument} must be an array of objects, got ${typeof rows}`);
  if (rows.length === 0) throw new RangeError(`${builder}: ${argument} is empty; there is nothing to plot`);
  rows.forEach((r, i) => {
    if (r === null || typeof r !== 'object') throw new TypeError(`${builder}: ${argument}[${i}] must be an object, got ${r === null ? 'null' : typeof r}`);
  });
}

/** Throws unless every row has `field` (an `option` of the builder, named in the error). */
export function checkField(builder: string, rows: readonly Row[], field: string, option: string, argument = 'rows'): void {
  if (typeof field !== 'string' || field === '') throw new TypeError(`${builder}: option ${option} must be a field name, got ${String(field)}`);
  const i = rows.findIndex((r) => !(field in r));
  if (i >= 0) {
    const known = Object.keys(rows[i]).join(', ') || 'none';
    throw new RangeError(`${builder}: option ${option} names field '${field}', but ${argument}[${i}] has no such field (fields: ${known})`);
  }
}

/** Options of {@link checkNumberField}. */
export interface NumberFieldCheck {
  /** The values go on a log scale, so they must be > 0. */
  logScale?: boolean;
  /** Rows whose value is `null` or `undefined` are allowed (gaps, e.g. epochs without validation). */
  allowMissing?: boolean;
}

/**
 * Throws unless every row's `field` is a finite number (and > 0 on a log scale). NaN is refused
 * with the row index because a NaN loss is usually the finding, and it should be reported, not
 * silently dropped from the line.
 */
export function checkNumberField(
  builder: string,
  rows: readonly Row[],
  field: string,
  option: string,
  check: NumberFieldCheck = {},
  argument = 'rows',
): void {
  checkField(builder, check.allowMissing ? rows.filter((r) => field in r) : rows, field, option, argument);
  rows.forEach((r, i) => {
    const v = r[field];
    if (v === null || v === undefined) {
      if (check.allowMissing) return;
      throw new TypeError(`${builder}: ${argument}[${i}].${field} (option ${option}) is ${v}; expected a number`);
    }
    if (typeof v !== 'number') throw new TypeError(`${builder}: ${argument}[${i}].${field} (option ${option}) must be a number, got ${typeof v} ${JSON.stringify(v)}`);
    if (!Number.isFinite(v)) throw new RangeError(`${builder}: ${argument}[${i}].${field} (option ${option}) is ${v}; charts need finite numbers`);
    if (check.logScale && v <= 0) {
      throw new RangeError(`${builder}: ${argument}[${i}].${field} (option ${option}) is ${v}, but it is on a log scale, where values must be > 0`);
    }
  });
}

/** Throws unless `value` is a finite number > 0 (sizes in pixels, bin counts…). */
export function checkPositive(builder: string, value: unknown, option: string): asserts value is number {
  if (typeof value !== 'number' || !Number.isFinite(value) || value <= 0) {
    throw new RangeError(`${builder}: option ${option} must be a positive number, got ${String(value)}`);
  }
}

/** Throws unless `value` is a positive integer. */
export function checkPositiveInteger(builder: string, value: unknown, option: string): asserts value is number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value <= 0) {
    throw new RangeError(`${builder}: option ${option} must be a positive integer, got ${String(value)}`);
  }
}

/** The distinct values of `field` in first-seen order. */
export function distinct(rows: readonly Row[], field: string): unknown[] {
  return [...new Set(rows.map((r) => r[field]))];
}

/** Reference lines as {@link checkRules} sees them: exactly one of `x` or `y`. */
interface RuleLike {
  x?: number;
  y?: number;
}

/**
 * Throws unless each reference line has exactly one of `x` or `y`, and its value is finite (and
 * > 0 when it sits on a log axis).
 *
 * @param scales the chart's axis scales (`'log'` marks a log axis).
 */
export function checkRules(builder: string, rules: readonly RuleLike[] | undefined, scales: { xScale?: string; yScale?: string }): void {
  for (const [i, r] of (rules ?? []).entries()) {
    if ((r.y === undefined) === (r.x === undefined)) throw new TypeError(`${builder}: rules[${i}] must have exactly one of x or y`);
    const v = (r.y ?? r.x) as number;
    if (!Number.isFinite(v) || ((r.y !== undefined ? scales.yScale : scales.xScale) === 'log' && v <= 0)) {
      throw new RangeError(`${builder}: rules[${i}] value ${v} must be finite (and > 0 on a log axis)`);
    }
  }
}
