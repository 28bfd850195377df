/**
 * `npm run bench`: the lessons' real workloads on every tfjs backend that loads here (tfjs-node,
 * WASM with and without the kernel-helpers fast path, cpu), and on numpy and PyTorch CPU when
 * installed, in one run. Prints one line per workload and backend with its ratio to numpy, then
 * the speed-up of running independent trials in worker threads.
 *
 * Options:
 *   --only a,b          workload ids (default: all; see specs.ts)
 *   --backends a,b      of tensorflow,wasm,wasm-stock,cpu,numpy,torch (default: all)
 *   --py-threads N      OpenBLAS/torch threads for the Python side (default 1, like the
 *                       single-threaded WASM backend; the env line says what was used)
 * Environment: BENCH_PYTHON, the interpreter for bench.py (default /usr/bin/python3, Debian's,
 * where apt installs python3-numpy and python3-torch).
 *   --no-parallel       skip the worker-thread speed-up measurements
 *   --parallel-only     only the worker-thread speed-up measurements (of the --only ids), no table
 *   --markdown          also print the results as a Markdown table (for BENCHMARKS.md)
 *
 * It is a benchmark, not a test: it asserts nothing except that parallel and sequential runs give
 * identical results, and it takes several minutes (most of it on the slow cpu backend).
 */
import * as os from 'node:os';
import { isDeepStrictEqual } from 'node:util';
import * as tf from '@tensorflow/tfjs';
import { initBackend, removeWasmFastPath, removeWasmLeanKernels } from '../../kernel-helpers/src/backend';
import type { BackendName } from '../../kernel-helpers/src/backend';
import { runTrials, shutdownTrialWorkers } from '../../kernel-helpers/src/parallel';
import type { Trial } from '../../kernel-helpers/src/parallel';
import { SPECS } from './specs';
import type { BnSweepSpec, HparamTrialSpec, Spec } from './specs';
import { prepare, bnSweepCases, hparamInputs } from './workloads';
import { measure, median } from './measure';
import { PythonSession } from './python';
import { bnSweepCase, hparamTrial } from './trials';
import { formatMs, line, header, markdownTable } from './report';
import type { Row } from './report';

type TfBackend = 'tensorflow' | 'wasm' | 'wasm-stock' | 'cpu';
const TF_BACKENDS: TfBackend[] = ['tensorflow', 'wasm', 'wasm-stock', 'cpu'];
const PY_BACKENDS = ['numpy', 'torch'];
/** Workloads timed at least this many times are timed in {@link ROUNDS} interleaved rounds. */
const ROUND_ROBIN_MIN_REPEATS = 20;
const ROUNDS = 3;

/** Print order of the backends: tfjs ones, then numpy and torch. */
function order(backend: string): number {
  const all: string[] = [...TF_BACKENDS, ...PY_BACKENDS];
  return all.indexOf(backend);
}

interface Options {
  only: string[] | null;
  backends: string[];
  pyThreads: number;
  parallel: boolean;
  parallelOnly: boolean;
  markdown: boolean;
}

function parseArgs(argv: string[]): Options {
  const options: Options = { only: null, backends: [...TF_BACKENDS, ...PY_BACKENDS], pyThreads: 1, parallel: true, parallelOnly: false, markdown: false };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    const value = (): string => {
      const v = argv[++i];
      if (v === undefined) throw new Error(`bench: ${arg} needs a value`);
      return v;
    };
    if (arg === '--only') options.only = value().split(',');
    else if (arg === '--backends') options.backends = value().split(',');
    else if (arg === '--py-threads') options.pyThreads = Number(value());
    else if (arg === '--no-parallel') options.parallel = false;
    else if (arg === '--parallel-only') options.parallelOnly = true;
    else if (arg === '--markdown') options.markdown = true;
    else throw new Error(`bench: unknown option ${arg} (see the header of scripts/bench/run.ts)`);
  }
  const known = new Set(SPECS.map((s) => s.id));
  for (const id of options.only ?? []) if (!known.has(id)) throw new Error(`bench: --only: unknown workload '${id}' (known: ${[...known].join(', ')})`);
  for (const b of options.backends) if (![...TF_BACKENDS, ...PY_BACKENDS].includes(b)) throw new Error(`bench: --backends: unknown backend '${b}'`);
  if (!Number.isInteger(options.pyThreads) || options.pyThreads < 1) throw new Error('bench: --py-threads must be a positive integer');
  if (options.parallelOnly && !options.parallel) throw new Error('bench: --parallel-only and --no-parallel exclude each other');
  return options;
}

/** Why tfjs-node is unusable here, or null if it loads. */
function tfjsNodeProblem(): string | null {
  try {
    require('@tensorflow/tfjs-node');
    return null;
  } catch (error) {
    return String((error as Error).message).split('\n')[0];
  }
}

/** Selects a tfjs backend for a run; `wasm-stock` is WASM with the fast path and the lean kernels taken off. */
async function useBackend(name: TfBackend): Promise<void> {
  await initBackend({ prefer: [(name === 'wasm-stock' ? 'wasm' : name) as BackendName] });
  if (name === 'wasm-stock') {
    removeWasmFastPath();
    removeWasmLeanKernels();
  }
}

async function machineLines(python: PythonSession, options: Options): Promise<string[]> {
  const cpu = os.cpus()[0]?.model ?? 'unknown CPU';
  const lines = [
    `machine: ${cpu}, ${os.availableParallelism()} cores, ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB, ${os.type()} ${os.release()}`,
    `load average at start: ${os.loadavg().map((l) => l.toFixed(2)).join(' ')} (the machine is shared: numbers are medians)`,
    `node ${process.version}, tfjs ${tf.version.tfjs}`,
  ];
  await initBackend({ prefer: ['wasm'] });
  lines.push(`wasm: SIMD ${tf.env().getBool('WASM_HAS_SIMD_SUPPORT') ? 'yes' : 'no'}, threads ${tf.env().getBool('WASM_HAS_MULTITHREAD_SUPPORT') ? 'yes' : 'no (single-threaded in Node)'}`);
  const env = python.env;
  if (env) {
    lines.push(
      `python ${env.python}: numpy ${env.numpy ?? 'missing'} (BLAS ${env.blas ?? 'unknown'}), torch ${env.torch ?? 'missing'}; ` +
        `${env.threads} thread(s) for OpenBLAS and torch (torch reports ${env.torchThreads ?? '-'})`,
    );
  } else if (options.backends.some((b) => PY_BACKENDS.includes(b))) {
    lines.push('python: not run');
  }
  return lines;
}

async function timeTf(spec: Spec, backend: TfBackend): Promise<{ medianMs: number; runs: number }> {
  await useBackend(backend);
  const tensorsBefore = tf.memory().numTensors;
  const prepared = prepare(spec);
  try {
    return await measure(prepared.run, spec.timing);
  } finally {
    prepared.dispose();
    const leaked = tf.memory().numTensors - tensorsBefore;
    if (leaked !== 0) console.warn(`bench: ${spec.id} on ${backend} leaked ${leaked} tensors`);
  }
}

/**
 * Sequential (in-process) and worker-thread runs of the same trials, back to back; checks the results
 * agree. The parallel run is made twice: first with no worker threads alive (the call starts them,
 * as a lesson's first `runTrials` does), then again right after (the warm pool's workers are reused,
 * as in a lesson's later calls). Returns one line per parallel run.
 */
async function speedup<I, R>(label: string, trial: Trial<I, R>, inputs: I[]): Promise<string[]> {
  await useBackend('wasm');
  await shutdownTrialWorkers();
  const seeds = inputs.map((_, i) => 1000 + i);
  const workers = os.availableParallelism();
  // CPU time of this process (all its threads, workers included) per wall second = cores kept
  // busy. On a machine shared with other work that is the part of the speed-up we control.
  const timed = async (run: () => Promise<R[]>): Promise<{ results: R[]; ms: number; cores: number }> => {
    const start = performance.now();
    const cpu = process.cpuUsage();
    const results = await run();
    const ms = performance.now() - start;
    const used = process.cpuUsage(cpu);
    return { results, ms, cores: (used.user + used.system) / 1000 / ms };
  };
  const sequential = await timed(() => runTrials({ trial, inputs, seeds, workers: 0 }));
  const lines: string[] = [];
  for (const kind of ['cold', 'warm'] as const) {
    let reports = 0;
    const parallel = await timed(() => runTrials({ trial, inputs, seeds, workers, onProgress: (p) => void (p.kind === 'report' && reports++) }));
    const same = isDeepStrictEqual(sequential.results, parallel.results);
    if (!same) process.exitCode = 1;
    lines.push(
      `${label} (${inputs.length} trials, ${kind === 'cold' ? 'first call, starts the workers' : 'second call, warm workers'}): ` +
        `sequential ${formatMs(sequential.ms)} (${sequential.cores.toFixed(2)} cores busy), ` +
        `${workers} workers ${formatMs(parallel.ms)} (${parallel.cores.toFixed(2)} cores busy): ` +
        `speed-up ${(sequential.ms / parallel.ms).toFixed(2)}x (${((parallel.ms / sequential.ms) * 100).toFixed(0)}% of the sequential time), ` +
        `results ${same ? 'identical' : 'DIFFERENT'}${reports ? `, ${reports} live progress reports` : ''}; load average ${os.loadavg()[0].toFixed(2)}`,
    );
  }
  return lines;
}

async function main(): Promise<void> {
  const options = parseArgs(process.argv.slice(2));
  const specs = options.parallelOnly ? [] : SPECS.filter((s) => options.only === null || options.only.includes(s.id));
  const started = performance.now();

  const pyFrameworks = PY_BACKENDS.filter((b) => options.backends.includes(b));
  const python = await PythonSession.start(options.pyThreads, pyFrameworks);
  for (const line of await machineLines(python, options)) console.log(line);
  for (const skip of python.skipped) console.log(`${skip.backend}: skipped (${skip.reason})`);

  const tfBackends = TF_BACKENDS.filter((b) => options.backends.includes(b));
  const nodeProblem = tfBackends.includes('tensorflow') ? tfjsNodeProblem() : null;
  if (nodeProblem !== null) console.log(`tensorflow (tfjs-node): skipped (${nodeProblem})`);
  const usable = tfBackends.filter((b) => b !== 'tensorflow' || nodeProblem === null);

  const rows: Row[] = [];
  if (specs.length > 0) {
    console.log('');
    console.log(header());
  }
  for (const spec of specs) {
    // Every backend of a workload is timed within the same minute or two, Python first (numpy's
    // time is needed for the ratios). Short workloads go round-robin: three rounds, each backend
    // timed in each, and the median of its round medians is reported, so a slow spell of this
    // shared machine (seen to move numpy's own time by 50% between runs) hits all backends alike.
    const rounds = spec.timing.repeats >= ROUND_ROBIN_MIN_REPEATS ? ROUNDS : 1;
    const timing = rounds === 1 ? spec.timing : { ...spec.timing, repeats: Math.ceil(spec.timing.repeats / rounds), budgetS: spec.timing.budgetS / rounds };
    const roundSpec: Spec = { ...spec, timing };
    const samples = new Map<string, { medians: number[]; runs: number }>();
    const record = (backend: string, t: { medianMs: number; runs: number }): void => {
      const entry = samples.get(backend) ?? { medians: [], runs: 0 };
      entry.medians.push(t.medianMs);
      entry.runs += t.runs;
      samples.set(backend, entry);
    };
    for (let round = 0; round < rounds; round++) {
      for (const t of await python.run(roundSpec)) record(t.backend, t);
      for (const backend of usable) record(backend, await timeTf(roundSpec, backend));
    }
    const numpy = samples.get('numpy');
    const numpyMs = numpy ? median(numpy.medians) : null;
    for (const [backend, { medians, runs }] of [...samples].sort(([a], [b]) => order(a) - order(b))) {
      const medianMs = median(medians);
      const row: Row = { id: spec.id, backend, medianMs, runs, vsNumpy: numpyMs === null ? null : medianMs / numpyMs };
      rows.push(row);
      console.log(line(row));
    }
  }
  python.close();

  if (options.parallel) {
    console.log('');
    console.log(`independent trials in worker threads (runTrials, wasm, ${os.availableParallelism()} cores):`);
    const sweep = SPECS.find((s): s is BnSweepSpec => s.kind === 'bnSweep');
    const search = SPECS.find((s): s is HparamTrialSpec => s.kind === 'hparamTrial');
    if (sweep && (options.only === null || options.only.includes(sweep.id))) {
      for (const line of await speedup('bn-scale-sweep', bnSweepCase, bnSweepCases(sweep))) console.log(line);
    }
    if (search && (options.only === null || options.only.includes(search.id))) {
      for (const line of await speedup('hparam-search', hparamTrial, hparamInputs(search, 8))) console.log(line);
    }
  }

  console.log('');
  console.log(`load average at end: ${os.loadavg().map((l) => l.toFixed(2)).join(' ')}; total ${formatMs(performance.now() - started)}`);
  if (options.markdown) {
    console.log('');
    console.log(markdownTable(rows));
  }
}

main().catch((error: Error) => {
  console.error(error.stack ?? error.message);
  process.exit(1);
});
