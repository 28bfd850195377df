/**
 * Listens to tslab's executor while it runs one cell, so the kernel can report the outcome as
 * Jupyter messages instead of the text tslab prints.
 *
 * tslab's `createExecutor(rootDir, converters, console)` reports everything through two objects we
 * hand it: the converters (whose `convert` returns the compiler's diagnostics) and a console, whose
 * `error(thrown)` receives a value the cell threw and whose `log(value)` receives the value of the
 * cell's last expression. The recorder wraps the first and implements the second.
 */
import type { ConverterSet, ConsoleInterface } from 'tslab/dist/executor';
import type { Converter, Diagnostic } from 'tslab/dist/converter';
import type { CellDiagnostic } from './errors';

/** What happened while a cell ran, as seen through the converters and the console. */
export interface CellOutcome {
  /** Compiler diagnostics of the cell (1-based positions); empty when it compiled. */
  diagnostics: CellDiagnostic[];
  /** Set when the cell threw; `value` is what was thrown (any value, not only Errors). */
  thrown?: { value: unknown };
  /** Set when the cell ended with an expression whose value is neither null nor undefined. */
  result?: { value: unknown };
}

/** tslab's 0-based diagnostic → the kernel's 1-based one. */
export function toCellDiagnostic(d: Diagnostic): CellDiagnostic {
  return {
    ...(d.fileName ? { fileName: d.fileName } : {}),
    line: d.start.line + 1,
    column: d.start.character + 1,
    code: d.code,
    message: d.messageText,
  };
}

/**
 * Records one cell at a time: call {@link CellRecorder.begin} before the executor runs a cell and
 * {@link CellRecorder.take} after it returns.
 */
export class CellRecorder {
  private outcome: CellOutcome = { diagnostics: [] };

  /**
   * The console to give `createExecutor`. `log` is only called by tslab with the last expression's
   * value; `error` with one argument is a thrown value. tslab also calls `error` with a format
   * string and the parts of each diagnostic; those are ignored here because the converters already
   * delivered the same diagnostics as data (see {@link CellRecorder.wrapConverters}).
   */
  readonly console: ConsoleInterface = {
    log: (value?: unknown) => {
      this.outcome.result = { value };
    },
    error: (...args: unknown[]) => {
      if (args.length === 1) this.outcome.thrown = { value: args[0] };
    },
  };

  /** Forgets the previous cell. */
  begin(): void {
    this.outcome = { diagnostics: [] };
  }

  /** The outcome of the cell run since {@link CellRecorder.begin}. */
  take(): CellOutcome {
    const outcome = this.outcome;
    this.outcome = { diagnostics: [] };
    return outcome;
  }

  /** Converters that behave like `convs` and record the diagnostics of each conversion. */
  wrapConverters(convs: ConverterSet): ConverterSet {
    const wrap = (conv: Converter): Converter => ({
      convert: (prevDecl, src) => {
        const result = conv.convert(prevDecl, src);
        this.outcome.diagnostics.push(...result.diagnostics.map(toCellDiagnostic));
        return result;
      },
      addModule: (name, content, meta) => {
        const diagnostics = conv.addModule(name, content, meta);
        this.outcome.diagnostics.push(...diagnostics.map(toCellDiagnostic));
        return diagnostics;
      },
      inspect: (prevDecl, src, position) => conv.inspect(prevDecl, src, position),
      complete: (prevDecl, src, position) => conv.complete(prevDecl, src, position),
      close: () => conv.close(),
    });
    // Converters are created on first use (the browser one usually never); keep that laziness.
    let node: Converter | undefined;
    let browser: Converter | undefined;
    return {
      get node() {
        return (node ??= wrap(convs.node));
      },
      get browser() {
        return (browser ??= wrap(convs.browser));
      },
      close: () => convs.close(),
    };
  }
}
