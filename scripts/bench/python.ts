/**
 * The numpy and PyTorch CPU side of the benchmark: one `bench.py --serve` process for the whole
 * run, asked for one workload at a time, so numpy and torch are timed right next to the tfjs
 * backends of the same workload (on a shared machine the load drifts over minutes, and a ratio of
 * two timings taken minutes apart would measure the drift). Missing Python, numpy or torch are
 * reported, not fatal.
 */
import { spawn } from 'node:child_process';
import type { ChildProcessByStdio } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Readable, Writable } from 'node:stream';
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

/** A timing from bench.py. */
export interface PythonTime {
  backend: string;
  medianMs: number;
  runs: number;
}

type Message =
  | ({ type: 'env' } & PythonEnv)
  | ({ type: 'result'; id: string } & PythonTime)
  | { type: 'skip'; backend: string; reason: string }
  | { type: 'done'; id: string };

/**
 * The interpreter with Debian's numpy and torch (the `python3` first on PATH may be another one);
 * `BENCH_PYTHON` overrides it.
 */
export const PYTHON = process.env.BENCH_PYTHON ?? '/usr/bin/python3';

/** A running bench.py. */
export class PythonSession {
  /** Versions, once bench.py has started (null if it could not). */
  env: PythonEnv | null = null;
  /** Frameworks that cannot run, with the reason. */
  readonly skipped: { backend: string; reason: string }[] = [];
  private readonly waiting: ((m: Message) => void)[] = [];
  /** Messages that arrived while nobody waited (one stdout chunk can hold several lines). */
  private readonly queued: Message[] = [];

  private constructor(private readonly child: ChildProcessByStdio<Writable, Readable, null> | null) {}

  /**
   * Starts bench.py with `threads` OpenBLAS/torch threads for `frameworks` (a subset of numpy,
   * torch) and waits for its environment line.
   */
  static async start(threads: number, frameworks: string[]): Promise<PythonSession> {
    if (frameworks.length === 0) return new PythonSession(null);
    const missing = (why: string): PythonSession => {
      const session = new PythonSession(null);
      for (const backend of frameworks) session.skipped.push({ backend, reason: `${PYTHON} ${why} (apt-get install python3-numpy python3-torch)` });
      return session;
    };
    if (PYTHON.includes('/') && !fs.existsSync(PYTHON)) return missing('not found');
    const child = spawn(PYTHON, [path.join(__dirname, 'bench.py'), '--serve', '--threads', String(threads), '--frameworks', frameworks.join(',')], {
      stdio: ['pipe', 'pipe', 'inherit'],
    });
    const session = new PythonSession(child);
    let buffered = '';
    child.stdout.setEncoding('utf8');
    child.stdout.on('data', (chunk: string) => {
      buffered += chunk;
      let newline: number;
      while ((newline = buffered.indexOf('\n')) >= 0) {
        const line = buffered.slice(0, newline).trim();
        buffered = buffered.slice(newline + 1);
        if (line) session.accept(JSON.parse(line) as Message);
      }
    });
    child.on('close', (code) => {
      if (session.waiting.length > 0) {
        session.waiting.splice(0).forEach((w) => w({ type: 'skip', backend: 'python', reason: `bench.py exited (code ${code}); its stderr is above` }));
      }
    });
    const failed = new Promise<Error>((resolve) => child.on('error', resolve));
    const first = await Promise.race([session.next(), failed]);
    if (first instanceof Error) return missing(`could not be started: ${first.message}`);
    if (first.type === 'env') session.env = first;
    else throw new Error(`bench.py: expected its environment line, got ${JSON.stringify(first)}`);
    return session;
  }

  private accept(message: Message): void {
    if (message.type === 'skip' && message.backend !== 'python') {
      this.skipped.push(message);
      return;
    }
    const waiter = this.waiting.shift();
    if (waiter) waiter(message);
    else this.queued.push(message);
  }

  private next(): Promise<Message> {
    const ready = this.queued.shift();
    if (ready !== undefined) return Promise.resolve(ready);
    return new Promise((resolve) => this.waiting.push(resolve));
  }

  /** Times `spec` on every framework bench.py can run; resolves with one timing per framework. */
  async run(spec: Spec): Promise<PythonTime[]> {
    if (this.child === null) return [];
    this.child.stdin.write(`${JSON.stringify(spec)}\n`);
    const times: PythonTime[] = [];
    for (;;) {
      const message = await this.next();
      if (message.type === 'done') return times;
      if (message.type === 'result') times.push({ backend: message.backend, medianMs: message.medianMs, runs: message.runs });
      else if (message.type === 'skip') throw new Error(message.reason);
    }
  }

  /** Ends bench.py. */
  close(): void {
    this.child?.stdin.end();
  }
}
