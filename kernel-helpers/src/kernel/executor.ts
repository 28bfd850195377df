/**
 * tslab's executor, wrapped so that a cell's outcome becomes Jupyter messages: an `execute_result`
 * for the last expression and an `error` (with `ename`, `evalue`, `traceback`) for a type error or
 * a thrown value. Compiling, running, completion and inspection stay tslab's.
 */
import { createExecutor, type ConverterSet, type Executor } from 'tslab/dist/executor';
import type { CellRun } from './cellRun';
import { compileErrorContent, formatDiagnostic, runtimeErrorContent, type ErrorContent, type StackTrimOptions } from './errors';
import { CellRecorder } from './recorder';
import { resultContent, type ResultOptions } from './results';

/** Options for {@link createLessonsExecutor}. */
export interface LessonsExecutorOptions {
  /** Directory modules are resolved from (tslab uses the kernel's working directory, i.e. the notebook's folder). */
  rootDir: string;
  /** tslab's converters (TypeScript compilers for Node and browser cells). */
  converters: ConverterSet;
  /**
   * The context of the request being executed, looked up when a cell starts. The kernel reads it
   * from tslab's `lastWriteDisplayData` (see cellRun.ts); tests pass their own. When it returns
   * `undefined` the cell still runs, and its result and error are not published.
   */
  currentCell: () => CellRun | undefined;
  /** Where warnings go that do not fail the cell (diagnostics of `//@module` cells). */
  writeStderr: (text: string) => void;
  /** Where the kernel's code lives, to trim it from stack traces. */
  stack: StackTrimOptions;
  /** How results are shown (tensor table limits). */
  results?: ResultOptions;
}

/**
 * Creates an executor with tslab's `Executor` interface, for `JupyterHandlerImpl`.
 *
 * Execution counts: tslab's handler numbers a request right before it calls `execute`, once per
 * call, so counting calls here gives the same numbers (the conformance test checks that the
 * `execute_result` and the `execute_reply` agree).
 */
export function createLessonsExecutor(options: LessonsExecutorOptions): Executor {
  const recorder = new CellRecorder();
  const inner = createExecutor(options.rootDir, recorder.wrapConverters(options.converters), recorder.console);
  let executionCount = 0;

  function failure(cell: CellRun | undefined, error: ErrorContent): false {
    cell?.fail(error);
    return false;
  }

  async function execute(src: string): Promise<boolean> {
    const count = ++executionCount;
    const cell = options.currentCell();
    recorder.begin();
    const ok = await inner.execute(src);
    const outcome = recorder.take();
    if (!ok) {
      if (outcome.diagnostics.length > 0) return failure(cell, compileErrorContent(outcome.diagnostics));
      if (outcome.thrown) return failure(cell, runtimeErrorContent(outcome.thrown.value, options.stack));
      return failure(cell, {
        ename: 'KernelError',
        evalue: 'tslab reported a failed cell without a diagnostic or an exception',
        traceback: ['KernelError: tslab reported a failed cell without a diagnostic or an exception'],
      });
    }
    // A `//@module` cell registers its module even when it has type errors (tslab's behaviour);
    // tslab printed those errors to stderr, and so do we.
    if (outcome.diagnostics.length > 0) {
      options.writeStderr(outcome.diagnostics.map(formatDiagnostic).join('\n') + '\n');
    }
    if (outcome.result) {
      try {
        const content = await resultContent(outcome.result.value, options.results);
        cell?.result({ execution_count: count, ...content });
      } catch (e) {
        // A value that cannot show itself (a chart whose toMimeBundle throws) fails the cell, so a
        // notebook test catches it instead of passing with an empty output.
        return failure(cell, runtimeErrorContent(e, options.stack));
      }
    }
    return true;
  }

  return {
    execute,
    inspect: (src, position) => inner.inspect(src, position),
    complete: (src, position) => inner.complete(src, position),
    reset: () => inner.reset(),
    interrupt: () => inner.interrupt(),
    locals: inner.locals,
    close: () => inner.close(),
  };
}
