/**
 * tslab's request handler with complete replies: `kernel_info_reply` gains `status: "ok"` and the
 * real TypeScript version, and an error `execute_reply` gains `ename`, `evalue` and `traceback`.
 * Everything else (the execution queue, aborting requests that arrive within 200 ms after an error,
 * completion, inspection, is_complete, shutdown) is tslab's `JupyterHandlerImpl`, inherited.
 */
import { versions } from 'tslab';
import { JupyterHandlerImpl, type ExecuteReply } from 'tslab/dist/jupyter';
import { cellRunOf } from './cellRun';
import type { ErrorContent } from './errors';

/** `kernel_info_reply` content as the lessons kernel sends it. */
export type LessonsKernelInfo = ReturnType<JupyterHandlerImpl['handleKernel']> & { status: 'ok' };

/** `execute_reply` content as the lessons kernel sends it. */
export type LessonsExecuteReply = ExecuteReply & Partial<ErrorContent>;

type ExecuteArgs = Parameters<JupyterHandlerImpl['handleExecute']>;

/** Name under which the kernel reports itself in `kernel_info_reply.implementation`. */
export const KERNEL_IMPLEMENTATION = 'tslab-lessons';

const KERNEL_FAILURE: ErrorContent = {
  ename: 'KernelError',
  evalue: 'the kernel failed while executing this cell; see the kernel log',
  traceback: ['KernelError: the kernel failed while executing this cell; see the kernel log'],
};

/** See the module comment. Construct with the executor from `createLessonsExecutor`. */
export class LessonsHandler extends JupyterHandlerImpl {
  override handleKernel(): LessonsKernelInfo {
    const base = super.handleKernel();
    return {
      ...base,
      status: 'ok',
      implementation: KERNEL_IMPLEMENTATION,
      // tslab hard-codes "1.0.0" here and "3.7.2" as the TypeScript version.
      implementation_version: versions.tslab,
      language_info: { ...base.language_info, version: versions.typescript },
      banner: `TypeScript ${versions.typescript} on Node.js ${versions.node}: tslab ${versions.tslab} with the lessons kernel (results and errors as Jupyter messages)`,
    };
  }

  override async handleExecute(...args: ExecuteArgs): Promise<LessonsExecuteReply> {
    const reply = await super.handleExecute(...args);
    if (reply.status !== 'error') {
      // payload and user_expressions are part of an ok reply in the protocol; tslab omits them.
      return reply.status === 'ok' ? { ...reply, payload: [], user_expressions: {} } : reply;
    }
    const run = cellRunOf(args[2]);
    // The executor records every failure of a cell; no record means the kernel itself failed
    // (tslab then logs the cause to the kernel's stderr as "unexpected error").
    if (run && !run.failure) run.fail(KERNEL_FAILURE);
    const failure = run?.failure ?? KERNEL_FAILURE;
    return { ...reply, ...failure };
  }
}
