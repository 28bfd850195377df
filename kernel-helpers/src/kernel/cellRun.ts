/**
 * The per-request context of one `execute_request`: how to publish on iopub with that request as
 * parent, whether the request is silent, and the error the cell ended with.
 *
 * tslab runs cells from a queue and hands the running cell only the request's stream and display
 * writers; it publishes the display writer as `lastWriteDisplayData` (its display API uses that to
 * find the running cell). The lessons server therefore attaches the context to the display writer
 * it creates, and the executor reads it back from `lastWriteDisplayData` when the cell runs. The
 * context thus travels with the request through tslab's queue, with no shared "current cell" state.
 */
import type { ErrorContent } from './errors';


/** Sends one iopub message whose parent is the request. */
export type IopubPublisher = (msgType: string, content: object) => void;

/** The context of one execute request. */
export class CellRun {
  private failureContent: ErrorContent | undefined;

  /**
   * @param publish sends an iopub message with this request as parent.
   * @param silent the request's `silent` flag: no `execute_result` and no iopub `error` are sent.
   */
  constructor(
    private readonly publish: IopubPublisher,
    readonly silent: boolean,
  ) {}

  /** The error the cell failed with, if it did (for the error `execute_reply`). */
  get failure(): ErrorContent | undefined {
    return this.failureContent;
  }

  /** Publishes the cell's `execute_result` (unless silent). */
  result(content: { execution_count: number; data: Record<string, unknown>; metadata: Record<string, unknown> }): void {
    if (!this.silent) this.publish('execute_result', content);
  }

  /** Records the cell's error for the reply and publishes the iopub `error` message (unless silent). Only the first failure counts. */
  fail(error: ErrorContent): void {
    if (this.failureContent) return;
    this.failureContent = error;
    if (!this.silent) this.publish('error', error);
  }
}

const CELL_RUN: unique symbol = Symbol('lessons-kernel.cellRun');

/** A display writer carrying the {@link CellRun} of its request. */
export type WithCellRun<F> = F & { readonly [CELL_RUN]: CellRun };

/** Returns `writer` tagged with `run` (the same function object). */
export function attachCellRun<F extends (...args: never[]) => unknown>(writer: F, run: CellRun): WithCellRun<F> {
  return Object.assign(writer, { [CELL_RUN]: run });
}

/** The {@link CellRun} attached to a display writer by {@link attachCellRun}, if any. */
export function cellRunOf(writer: unknown): CellRun | undefined {
  if (typeof writer !== 'function') return undefined;
  const run = (writer as Partial<WithCellRun<unknown>>)[CELL_RUN];
  return run instanceof CellRun ? run : undefined;
}
