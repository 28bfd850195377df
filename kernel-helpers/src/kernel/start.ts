/**
 * Starts the lessons kernel: tslab's compiler, executor, handler and ZeroMQ server, each wrapped
 * or subclassed where the lessons kernel reports more (see executor.ts, handler.ts, server.ts).
 */
import path from 'node:path';
import * as jupyter from 'tslab/dist/jupyter';
import { createConverter, type Converter } from 'tslab/dist/converter';
import type { ConverterSet } from 'tslab/dist/executor';
import { cellRunOf } from './cellRun';
import { createLessonsExecutor } from './executor';
import { LessonsHandler } from './handler';
import { LessonsServer } from './server';
import { queueCompilerTimers } from './watchers';

/** Options for {@link startLessonsKernel}. */
export interface StartKernelOptions {
  /** Path of the connection file Jupyter wrote (`{connection_file}` in kernel.json). */
  configPath: string;
  /** Where cells resolve modules from. Default: the working directory, which Jupyter sets to the notebook's folder. */
  rootDir?: string;
  /**
   * Frames kept in error stack traces. Node keeps 10, which a tfjs op alone can fill, hiding the
   * cell's own line; the kernel's frames are trimmed anyway. Default 50.
   */
  stackTraceLimit?: number;
}

/** tslab's TypeScript converters for Node and browser cells, each created on first use. */
function lazyConverters(): ConverterSet {
  let node: Converter | undefined;
  let browser: Converter | undefined;
  return {
    get node() {
      return (node ??= createConverter({ isJS: false, isBrowser: false }));
    },
    get browser() {
      return (browser ??= createConverter({ isJS: false, isBrowser: true }));
    },
    close() {
      node?.close();
      browser?.close();
    },
  };
}

/** Directory of a package, with a trailing separator, for matching stack frames. */
function packageDir(name: string): string {
  return path.dirname(require.resolve(`${name}/package.json`)) + path.sep;
}

/**
 * Starts the kernel and returns once its sockets are bound. The process then lives until Jupyter
 * sends `shutdown_request` (or kills it).
 */
export async function startLessonsKernel(options: StartKernelOptions): Promise<void> {
  if (!options.configPath) throw new Error('startLessonsKernel: configPath (the Jupyter connection file) is required');
  Error.stackTraceLimit = Math.max(Error.stackTraceLimit, options.stackTraceLimit ?? 50);
  // Before any converter exists: `npm run build` or `npm install` while a notebook is open must not
  // break every later cell (watchers.ts).
  queueCompilerTimers();
  const converters = lazyConverters();
  // Build the Node converter now (TypeScript program and lib typings), so the first cell is not slow.
  void converters.node;
  const executor = createLessonsExecutor({
    rootDir: options.rootDir ?? process.cwd(),
    converters,
    currentCell: () => cellRunOf(jupyter.lastWriteDisplayData),
    // process.stderr.write is redirected by tslab to the running cell's stderr stream.
    writeStderr: (text) => process.stderr.write(text),
    stack: { kernelPaths: [packageDir('tslab'), __dirname + path.sep] },
  });
  const server = new LessonsServer(new LessonsHandler(executor, false), options.configPath);
  // As tslab: SIGINT (Jupyter's interrupt, interrupt_mode "signal") stops a pending top-level
  // await; synchronous code is stopped by vm's breakOnSigint.
  process.on('SIGINT', () => executor.interrupt());
  // Errors after a cell finished (a timer callback throwing) must not kill the kernel; they go to
  // the stderr of the cell that runs now.
  process.on('uncaughtException', (err) => console.error('UncaughtException:', err));
  process.on('unhandledRejection', (reason) => console.error('UnhandledPromiseRejection:', reason));
  await server.init();
}
