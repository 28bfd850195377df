import { Numeric, flatPair } from './relError';

/** Thrown by every check: its message says what was expected and what came out. */
export class CheckError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'CheckError';
  }
}

/** Tolerances for {@link expectClose}: an element passes when `|a - e| <= atol + rtol * |e|` (numpy's `allclose` rule). */
export interface CloseOptions {
  /** Relative tolerance (default 1e-5, about float32 precision after a few ops). */
  rtol?: number;
  /** Absolute tolerance (default 1e-6). */
  atol?: number;
  /** What is being compared, for the messages (default 'value'). */
  name?: string;
}

function fmt(x: number): string {
  return Number.isInteger(x) && Math.abs(x) < 1e6 ? String(x) : x.toPrecision(6);
}

/**
 * Asserts that `actual` and `expected` agree element-wise within tolerance. NaN never passes.
 * @throws {CheckError} naming the worst element, its two values and the tolerance.
 * @returns the largest absolute difference, for printing.
 */
export function expectClose(actual: Numeric, expected: Numeric, options: CloseOptions = {}): number {
  const { rtol = 1e-5, atol = 1e-6, name = 'value' } = options;
  if (!(rtol >= 0) || !(atol >= 0)) throw new RangeError(`expectClose: rtol and atol must be >= 0, got rtol=${rtol}, atol=${atol}`);
  const [a, e] = flatPair(actual, expected);
  let worstIndex = -1;
  let worstExcess = 0;
  let maxDiff = 0;
  for (let i = 0; i < a.length; i++) {
    const diff = Math.abs(a[i] - e[i]);
    if (Number.isNaN(diff)) {
      throw new CheckError(`${name}: element ${i} is NaN (actual ${fmt(a[i])}, expected ${fmt(e[i])})`);
    }
    maxDiff = Math.max(maxDiff, diff);
    const excess = diff - (atol + rtol * Math.abs(e[i]));
    if (excess > worstExcess) {
      worstExcess = excess;
      worstIndex = i;
    }
  }
  if (worstIndex >= 0) {
    const i = worstIndex;
    throw new CheckError(
      `${name}: expected ${fmt(e[i])} at element ${i}, got ${fmt(a[i])} (|diff| ${fmt(Math.abs(a[i] - e[i]))} > atol ${atol} + rtol ${rtol}·|expected|)`,
    );
  }
  return maxDiff;
}

/**
 * The verdict line of a lesson's check cell: throws when `condition` is false, otherwise prints
 * `✓ <message>`. Returns nothing, so a check as a cell's last line adds no `Out[n]`.
 * @param message what holds, with its numbers (`layer-10 std 2.9e-7 < 1e-5`).
 * @throws {CheckError} `✗ <message>` when the claim does not hold.
 */
export function check(condition: boolean, message: string): void {
  if (typeof message !== 'string' || message.length === 0) throw new TypeError('check: message must be a non-empty string');
  if (!condition) throw new CheckError(`✗ ${message}`);
  console.log(`✓ ${message}`);
}
