/**
 * Times the WASM slicing kernels with and without the fast path (kernel-helpers/src/backend/
 * wasmFastSlice.ts) on the lessons' shape, a [50000, 784] float32 tensor of training images.
 *
 *   node --import tsx scripts/bench/slice-kernels.ts [--rounds 7] [--calls 15]
 *
 * Each round times every operation `calls` times on the stock kernels and on the fast path, in
 * alternating order from round to round, and keeps the median; the report is the median of the
 * round medians, so the drift of a shared machine hits both sides alike. A call is the op inside
 * `tf.tidy` (the WASM backend runs synchronously, so that is the kernel's time plus tfjs's
 * bookkeeping and the output's disposal); results are not read back.
 */
import * as tf from '@tensorflow/tfjs';
import { initBackend, applyWasmFastPath, removeWasmFastPath } from '../../kernel-helpers/src/backend';
import { median } from './measure';

function option(name: string, fallback: number): number {
  const at = process.argv.indexOf(`--${name}`);
  return at >= 0 ? Number(process.argv[at + 1]) : fallback;
}

async function main(): Promise<void> {
  const rounds = option('rounds', 7);
  const calls = option('calls', 15);
  await initBackend({ prefer: ['wasm'] });
  const X = tf.randomNormal([50000, 784], 0, 1, 'float32', 1);
  // Smaller inputs for the kernels that produce many outputs: the stock ones copy the whole input
  // once per output (a validation-size set, and 100 images to unstack).
  const V = tf.randomNormal([1000, 784], 0, 1, 'float32', 2);
  const H = tf.randomNormal([100, 784], 0, 1, 'float32', 3);
  const ops: [string, () => tf.Tensor | tf.Tensor[]][] = [
    ['X.slice(20000, 200) (200 rows)', () => X.slice(20000, 200)],
    ['X.slice(20000, 1000) (1000 rows)', () => X.slice(20000, 1000)],
    ['X.slice([0, 300], [-1, 10]) (10 columns)', () => X.slice([0, 300], [-1, 10])],
    ['tf.stridedSlice(X, [0], [1000]) (1000 rows)', () => tf.stridedSlice(X, [0], [1000])],
    ['X.slice([0, 300], [-1, 100]) (100 columns)', () => X.slice([0, 300], [-1, 100])],
    ['tf.stridedSlice(X, [0, 0], [1000, 784], [1, 2]) (every other column of 1000 rows)', () => tf.stridedSlice(X, [0, 0], [1000, 784], [1, 2])],
    ['tf.split(V, 4) (V [1000, 784])', () => tf.split(V, 4)],
    ['tf.unstack(H) (H [100, 784])', () => tf.unstack(H)],
  ];
  const perRound: Record<string, { stock: number[]; fast: number[] }> = {};
  for (const [name] of ops) perRound[name] = { stock: [], fast: [] };
  for (let r = 0; r < rounds; r++) {
    const order: ('stock' | 'fast')[] = r % 2 === 0 ? ['stock', 'fast'] : ['fast', 'stock'];
    for (const mode of order) {
      if (mode === 'stock') removeWasmFastPath();
      else applyWasmFastPath();
      for (const [name, op] of ops) {
        // The op's result is not returned from tidy, so tidy disposes it (no heap growth).
        const call = () => tf.tidy(() => void op());
        call(); // warm-up
        const samples: number[] = [];
        for (let i = 0; i < calls; i++) {
          const start = performance.now();
          call();
          samples.push(performance.now() - start);
        }
        perRound[name][mode].push(median(samples));
      }
    }
    process.stderr.write(`round ${r + 1}/${rounds} done\n`);
  }
  applyWasmFastPath();
  tf.dispose([X, V, H]);
  if (tf.memory().numTensors !== 0) throw new Error(`the bench leaked ${tf.memory().numTensors} tensors`);
  const fmt = (ms: number) => (ms >= 10 ? `${ms.toFixed(0)} ms` : ms >= 1 ? `${ms.toFixed(1)} ms` : `${ms.toFixed(3)} ms`);
  console.log(`| operation (X [50000, 784] float32) | stock | fast path | |`);
  console.log(`|---|---:|---:|---:|`);
  for (const [name] of ops) {
    const stock = median(perRound[name].stock);
    const fast = median(perRound[name].fast);
    const range = (v: number[]) => `${fmt(Math.min(...v))}-${fmt(Math.max(...v))}`;
    console.log(`| \`${name}\` | ${fmt(stock)} | ${fmt(fast)} | ${Math.round(stock / fast)}x |  (round medians: stock ${range(perRound[name].stock)}, fast ${range(perRound[name].fast)})`);
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
