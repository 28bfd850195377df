/**
 * A small, fast, seedable pseudo-random generator for everything a lesson samples on the
 * JavaScript side (shuffles, minibatch order, hyperparameter draws, synthetic data).
 *
 * The generator is sfc32 (Chris Doty-Humphrey's "small fast chaotic" PRNG, 128-bit state),
 * seeded through splitmix32 so that nearby seeds give unrelated streams.
 */

const UINT32 = 0x1_0000_0000;

/** splitmix32 step: returns a new state and a well-mixed 32-bit output. */
function splitmix32(state: number): [number, number] {
  state = (state + 0x9e3779b9) | 0;
  let z = state;
  z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
  z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
  z ^= z >>> 16;
  return [state, z >>> 0];
}

function checkSeed(seed: number, argument: string): void {
  if (!Number.isInteger(seed) || seed < 0 || seed >= UINT32) {
    throw new RangeError(`${argument} must be an integer in [0, 2^32), got ${seed}`);
  }
}

/** A seeded random generator. Create one with {@link seed} or `new Rng(seed)`; split it with {@link Rng.fork}. */
export class Rng {
  private a = 0;
  private b = 0;
  private c = 0;
  private d = 0;
  private spareNormal: number | null = null;

  /** @param seedValue an integer in [0, 2^32); the same seed always gives the same stream. */
  constructor(readonly seedValue: number) {
    checkSeed(seedValue, 'seed');
    let s = seedValue | 0;
    const words: number[] = [];
    for (let i = 0; i < 4; i++) {
      const [next, out] = splitmix32(s);
      s = next;
      words.push(out);
    }
    [this.a, this.b, this.c, this.d] = words;
    // Discard the first outputs, as sfc32's authors recommend, so weak seeds mix fully.
    for (let i = 0; i < 12; i++) this.nextUint32();
  }

  /** Next raw 32-bit unsigned integer. */
  nextUint32(): number {
    const t = (((this.a + this.b) | 0) + this.d) | 0;
    this.d = (this.d + 1) | 0;
    this.a = this.b ^ (this.b >>> 9);
    this.b = (this.c + (this.c << 3)) | 0;
    this.c = (this.c << 21) | (this.c >>> 11);
    this.c = (this.c + t) | 0;
    return t >>> 0;
  }

  /** A float uniform in [0, 1), with 32 bits of randomness. Drop-in for `Math.random()`. */
  random(): number {
    return this.nextUint32() / UINT32;
  }

  /** A float uniform in [low, high). */
  uniform(low = 0, high = 1): number {
    if (!(high >= low)) throw new RangeError(`uniform: high (${high}) must be >= low (${low})`);
    return low + (high - low) * this.random();
  }

  /** A normal (Gaussian) sample with the given mean and standard deviation (Marsaglia's polar method). */
  normal(mean = 0, std = 1): number {
    if (!(std >= 0)) throw new RangeError(`normal: std must be >= 0, got ${std}`);
    if (this.spareNormal !== null) {
      const z = this.spareNormal;
      this.spareNormal = null;
      return mean + std * z;
    }
    let u: number, v: number, s: number;
    do {
      u = 2 * this.random() - 1;
      v = 2 * this.random() - 1;
      s = u * u + v * v;
    } while (s >= 1 || s === 0);
    const f = Math.sqrt((-2 * Math.log(s)) / s);
    this.spareNormal = v * f;
    return mean + std * u * f;
  }

  /** An integer uniform in [0, n). */
  int(n: number): number {
    if (!Number.isInteger(n) || n <= 0) throw new RangeError(`int: n must be a positive integer, got ${n}`);
    return Math.floor(this.random() * n);
  }

  /** `10 ** uniform(lowExp, highExp)`: log-uniform sampling, as for learning rates. */
  logUniform(lowExp: number, highExp: number): number {
    return 10 ** this.uniform(lowExp, highExp);
  }

  /** Shuffles `items` in place (Fisher–Yates) and returns it. */
  shuffle<T>(items: T[]): T[] {
    for (let i = items.length - 1; i > 0; i--) {
      const j = this.int(i + 1);
      [items[i], items[j]] = [items[j], items[i]];
    }
    return items;
  }

  /** A random permutation of 0..n-1, as an `Int32Array` (ready for `tf.gather`). */
  permutation(n: number): Int32Array {
    if (!Number.isInteger(n) || n < 0) throw new RangeError(`permutation: n must be a non-negative integer, got ${n}`);
    const out = new Int32Array(n);
    for (let i = 0; i < n; i++) out[i] = i;
    for (let i = n - 1; i > 0; i--) {
      const j = this.int(i + 1);
      const tmp = out[i];
      out[i] = out[j];
      out[j] = tmp;
    }
    return out;
  }

  /**
   * A seed for a tfjs random op (`tf.randomNormal(shape, mean, std, 'float32', rng.tfSeed())`):
   * an integer in [1, 2^31). Never 0, because tfjs treats seed 0 as "unseeded".
   */
  tfSeed(): number {
    return 1 + (this.nextUint32() % 0x7fff_fffe);
  }

  /** A new, independent generator drawn from this one: for handing a stream to a sub-experiment or worker. */
  fork(): Rng {
    return new Rng(this.nextUint32());
  }

  /** `n` normal samples as a Float32Array. */
  normalArray(n: number, mean = 0, std = 1): Float32Array {
    if (!Number.isInteger(n) || n < 0) throw new RangeError(`normalArray: n must be a non-negative integer, got ${n}`);
    const out = new Float32Array(n);
    for (let i = 0; i < n; i++) out[i] = this.normal(mean, std);
    return out;
  }
}
