import { Rng } from './rng';

const originalMathRandom = Math.random;
let globalRng: Rng | null = null;

/**
 * The one seeding entry point of a lesson. After `seed(s)`:
 * - the returned {@link Rng} (also available as {@link rng}) drives every JavaScript-side draw the
 *   lesson makes; pass it (or a `fork()` of it) to helpers that sample;
 * - `Math.random` is replaced by a generator seeded from `s`, so what tfjs draws internally
 *   becomes reproducible too: default layer initializers, `model.fit` shuffling, and tfjs random
 *   ops called without a seed (tfjs seeds those from `Math.random()`).
 *
 * Calling `seed(s)` again restarts every stream, so re-running a lesson from the top prints the
 * same numbers.
 *
 * @param s an integer in [0, 2^32).
 * @returns the lesson's root generator.
 */
export function seed(s: number): Rng {
  globalRng = new Rng(s);
  const mathRng = new Rng((s ^ 0x5bd1e995) >>> 0);
  Math.random = () => mathRng.random();
  return globalRng;
}

/** The generator made by the last {@link seed} call. Throws if `seed` has not been called, so unseeded runs cannot pass silently. */
export function rng(): Rng {
  if (!globalRng) throw new Error('rng(): call seed(<integer>) first, in the setup cell of the lesson');
  return globalRng;
}

/** Undo {@link seed}: restores the platform's `Math.random`. For tests. */
export function unseed(): void {
  Math.random = originalMathRandom;
  globalRng = null;
}
