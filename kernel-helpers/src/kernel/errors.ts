/**
 * Turns what went wrong in a cell into the `ename`, `evalue` and `traceback` that Jupyter's
 * `error` message and error `execute_reply` carry: type errors from the compiler, and values
 * thrown while the cell ran.
 */
import { inspect } from 'node:util';

/** The error fields of Jupyter's `error` message and of an `execute_reply` with status `error`. */
export interface ErrorContent {
  /** Error class name, e.g. `RangeError`, or {@link COMPILE_ERROR_NAME} for type errors. */
  ename: string;
  /** The message, e.g. `bad learning rate 3`. */
  evalue: string;
  /** Lines frontends print one under another (JupyterLab, nbclient's CellExecutionError). */
  traceback: string[];
}

/** One compiler diagnostic of a cell, positions 1-based (as editors count). */
export interface CellDiagnostic {
  /** Set when the problem is in another file the cell imports (path relative to the notebook); absent for the cell itself. */
  fileName?: string;
  /** 1-based line in the cell (or in `fileName`). */
  line: number;
  /** 1-based column. */
  column: number;
  /** TypeScript's error code, e.g. 2322; 0 if unknown. */
  code: number;
  /** The compiler's message text. */
  message: string;
}

/**
 * `ename` of a cell that did not compile. Named after ts-node's error for the same situation, which
 * TypeScript users already know.
 */
export const COMPILE_ERROR_NAME = 'TSError';

/** `cell:2:5 - error TS2322: Type 'string' is not assignable to type 'number'.` (tsc's layout). */
export function formatDiagnostic(d: CellDiagnostic): string {
  const where = `${d.fileName ?? 'cell'}:${d.line}:${d.column}`;
  const code = d.code ? ` TS${d.code}` : '';
  return `${where} - error${code}: ${d.message}`;
}

/**
 * The error of a cell that failed to compile: one traceback line per diagnostic, and the first
 * message (with its position) as `evalue`, so one-line reports still say what is wrong.
 *
 * @throws RangeError when `diagnostics` is empty (a failure needs at least one cause).
 */
export function compileErrorContent(diagnostics: readonly CellDiagnostic[]): ErrorContent {
  if (diagnostics.length === 0) throw new RangeError('compileErrorContent: no diagnostics to report');
  const [first] = diagnostics;
  const where = `${first.fileName ?? 'cell'} line ${first.line}, column ${first.column}`;
  const more = diagnostics.length > 1 ? `; ${diagnostics.length - 1} more in the traceback` : '';
  return {
    ename: COMPILE_ERROR_NAME,
    evalue: `${first.message} (${where}${more})`,
    traceback: diagnostics.map(formatDiagnostic),
  };
}

/** Where the kernel's own code lives, so its frames can be cut from a cell's stack trace. */
export interface StackTrimOptions {
  /**
   * Path prefixes (directories, ending with a separator) of kernel code: tslab's package and the
   * lessons kernel. Frames of `node:vm` (which runs the cell) always count as kernel frames.
   */
  kernelPaths: readonly string[];
}

const FRAME = /^\s+at /;
/** Node prefixes a vm error's stack with `location:line`, the source line and a caret, then a blank line. */
const DECORATION = /^([^\n]*:\d+)\n([^\n]*)\n(\s*\^+[^\n]*)\n\n/;
/** Name Node gives code run by `vm` without a file name: the cell. */
const CELL_LOCATION = 'evalmachine.<anonymous>';

function isKernelFrame(line: string, options: StackTrimOptions): boolean {
  return line.includes('(node:vm:') || line.includes(' node:vm:') || options.kernelPaths.some((p) => line.includes(p));
}

/**
 * The lines of a stack trace a user should see: Node's source excerpt when it points into the
 * cell, the `Name: message` header, and the frames above the kernel's. Frames from the first
 * kernel frame on (the vm call that ran the cell, tslab's executor, the lessons kernel) are cut,
 * and so are event-loop frames (`processTicksAndRejections`), which say nothing about the cell.
 */
export function trimStack(stack: string, options: StackTrimOptions): string[] {
  const lines: string[] = [];
  let rest = stack;
  const decoration = DECORATION.exec(stack);
  if (decoration) {
    // Keep the excerpt only when it shows the cell's own statement; for a library it shows a
    // rethrow deep inside that library, which only distracts.
    if (decoration[1].startsWith(CELL_LOCATION)) lines.push(decoration[1], decoration[2], decoration[3]);
    rest = stack.slice(decoration[0].length);
  }
  for (const line of rest.split('\n')) {
    if (FRAME.test(line)) {
      if (isKernelFrame(line, options)) break;
      if (line.includes('processTicksAndRejections')) continue;
    }
    lines.push(line);
  }
  return lines;
}

function errorName(e: object): string {
  const name = (e as { name?: unknown }).name;
  if (typeof name === 'string' && name !== '') return name;
  const ctor = (e as { constructor?: { name?: unknown } }).constructor?.name;
  return typeof ctor === 'string' && ctor !== '' ? ctor : 'Error';
}

/** Whether a thrown value is error-shaped (a `message` string), from any realm. */
function isErrorLike(x: unknown): x is { message: string; stack?: unknown; cause?: unknown } {
  return typeof x === 'object' && x !== null && typeof (x as { message?: unknown }).message === 'string';
}

/**
 * The error of a cell whose code threw: the error's name, message, and its stack with the kernel's
 * frames trimmed (see {@link trimStack}); `cause` chains are appended as `[cause]: …` blocks.
 * A thrown non-error (`throw 'oops'`) is reported as Node's REPL does: `Uncaught 'oops'`.
 */
export function runtimeErrorContent(thrown: unknown, options: StackTrimOptions): ErrorContent {
  if (!isErrorLike(thrown)) {
    const evalue = inspect(thrown);
    return { ename: 'Uncaught', evalue, traceback: [`Uncaught ${evalue}`] };
  }
  const ename = errorName(thrown);
  const evalue = thrown.message;
  const traceback: string[] = [];
  let current: unknown = thrown;
  // Bounded: a cause chain can be cyclic.
  for (let depth = 0; depth < 5 && current !== undefined; depth++) {
    const prefix = depth === 0 ? '' : '[cause]: ';
    if (!isErrorLike(current)) {
      traceback.push(`${prefix}${inspect(current)}`);
      break;
    }
    const lines =
      typeof current.stack === 'string' && current.stack !== ''
        ? trimStack(current.stack, options)
        : [current.message === '' ? errorName(current) : `${errorName(current)}: ${current.message}`];
    if (depth > 0) lines[0] = prefix + lines[0];
    traceback.push(...lines);
    current = current.cause;
  }
  return { ename, evalue, traceback };
}
