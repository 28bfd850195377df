/**
 * Runs `bench.py` (numpy and PyTorch CPU) on the same workload list, in the same `npm run bench`
 * run, and collects its JSON lines. Missing Python, numpy or torch are reported, not fatal.
 */
import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { Spec } from './specs';

/** Versions and thread counts reported by bench.py. */
export interface PythonEnv {
  python: string;
  numpy: string | null;
  blas: string | null;
  torch: string | null;
  torchThreads: number | null;
  threads: number;
}

/** What the Python side produced: timings keyed `${id}/${backend}`, skipped frameworks with reasons. */
export interface PythonResults {
  env: PythonEnv | null;
  times: Map<string, { medianMs: number; runs: number }>;
  skipped: { backend: string; reason: string }[];
}

/** The interpreter with Debian's numpy and torch: the `python3` first on PATH may be another one. */
export const PYTHON = '/usr/bin/python3';

/**
 * Runs bench.py with `threads` BLAS/torch threads on `specs` (frameworks: a subset of
 * numpy,torch). Resolves even when Python is missing (everything reported as skipped).
 */
export async function runPython(specs: Spec[], threads: number, frameworks: string[]): Promise<PythonResults> {
  const results: PythonResults = { env: null, times: new Map(), skipped: [] };
  if (frameworks.length === 0 || specs.length === 0) return results;
  if (!fs.existsSync(PYTHON)) {
    for (const backend of frameworks) results.skipped.push({ backend, reason: `${PYTHON} not found (apt-get install python3-numpy python3-torch)` });
    return results;
  }
  const specFile = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'bench-')), 'specs.json');
  fs.writeFileSync(specFile, JSON.stringify(specs));
  const script = path.join(__dirname, 'bench.py');
  const child = spawn(PYTHON, [script, '--specs', specFile, '--threads', String(threads), '--frameworks', frameworks.join(',')], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  let buffered = '';
  child.stdout.setEncoding('utf8');
  child.stdout.on('data', (chunk: string) => {
    buffered += chunk;
    let newline: number;
    while ((newline = buffered.indexOf('\n')) >= 0) {
      const line = buffered.slice(0, newline).trim();
      buffered = buffered.slice(newline + 1);
      if (line) accept(results, line);
    }
  });
  const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
  fs.rmSync(path.dirname(specFile), { recursive: true, force: true });
  if (code !== 0) throw new Error(`bench.py exited with code ${code} (its stderr is above)`);
  return results;
}

function accept(results: PythonResults, line: string): void {
  const message = JSON.parse(line) as
    | ({ type: 'env' } & PythonEnv)
    | { type: 'result'; id: string; backend: string; medianMs: number; runs: number }
    | { type: 'skip'; backend: string; reason: string };
  if (message.type === 'env') results.env = message;
  else if (message.type === 'result') results.times.set(`${message.id}/${message.backend}`, { medianMs: message.medianMs, runs: message.runs });
  else results.skipped.push({ backend: message.backend, reason: message.reason });
}
