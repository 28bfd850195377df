// Executes a notebook's code cells, in order, in a fresh kernel of its kernelspec, through a running
// Jupyter server (the same client JupyterLab uses), and reports everything a failing cell said.
import fs from 'node:fs';
import WebSocket from 'ws';
import { KernelManager, ServerConnection, KernelMessage, Kernel } from '@jupyterlab/services';

/** One executed cell. */
export interface CellRun {
  /** 0-based index among all cells of the notebook. */
  index: number;
  source: string;
  status: 'ok' | 'error' | 'abort' | 'timeout';
  stdout: string;
  stderr: string;
  /** From the kernel's iopub `error` message or error reply. */
  error?: { ename: string; evalue: string; traceback: string[] };
  /** MIME types of each display_data / execute_result output, in order. */
  outputs: string[][];
  ms: number;
}

export interface NotebookRun {
  path: string;
  kernelName: string;
  cells: CellRun[];
  ms: number;
}

interface NotebookJson {
  cells: Array<{ cell_type: string; source: string | string[] }>;
  metadata: { kernelspec?: { name?: string } };
}

const stripAnsi = (s: string) => s.replace(/\u001b\[[0-9;]*m/g, '');

/** Whether a cell failed in any way the notebook tests care about (error, abort, timeout or stderr output). */
export function cellFailed(cell: CellRun): boolean {
  return cell.status !== 'ok' || cell.stderr.length > 0 || cell.error !== undefined;
}

/** A readable account of a failed cell: its place, first lines, status, the kernel's error and its stderr. */
export function describeFailure(nbPath: string, cell: CellRun): string {
  const head = cell.source.split('\n').slice(0, 6).join('\n    ');
  const parts = [`${nbPath}, cell ${cell.index} (${cell.status}):\n    ${head}`];
  if (cell.error && (cell.error.ename || cell.error.evalue)) {
    parts.push(`${cell.error.ename}: ${cell.error.evalue}`);
    if (cell.error.traceback.length) parts.push(cell.error.traceback.map(stripAnsi).join('\n'));
  }
  if (cell.stderr) parts.push(`stderr:\n${cell.stderr}`);
  if (cell.status === 'abort') parts.push('the kernel aborted this cell (a previous cell failed)');
  return parts.join('\n');
}

async function executeCell(kernel: Kernel.IKernelConnection, code: string, timeoutMs: number): Promise<Omit<CellRun, 'index' | 'source'>> {
  const started = Date.now();
  const run: Omit<CellRun, 'index' | 'source'> = { status: 'ok', stdout: '', stderr: '', outputs: [], ms: 0 };
  const future = kernel.requestExecute({ code, stop_on_error: true, allow_stdin: false, store_history: true });
  future.onIOPub = (msg) => {
    if (KernelMessage.isStreamMsg(msg)) {
      if (msg.content.name === 'stderr') run.stderr += msg.content.text;
      else run.stdout += msg.content.text;
    } else if (KernelMessage.isErrorMsg(msg)) {
      run.error = { ename: msg.content.ename, evalue: msg.content.evalue, traceback: msg.content.traceback };
    } else if (KernelMessage.isDisplayDataMsg(msg) || KernelMessage.isExecuteResultMsg(msg)) {
      run.outputs.push(Object.keys(msg.content.data));
    }
  };
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<'timeout'>((resolve) => (timer = setTimeout(() => resolve('timeout'), timeoutMs)));
  const reply = await Promise.race([future.done, timeout]);
  clearTimeout(timer);
  if (reply === 'timeout') {
    run.status = 'timeout';
    await kernel.interrupt().catch(() => undefined);
  } else {
    const content = reply.content as KernelMessage.IExecuteReplyMsg['content'];
    run.status = content.status as CellRun['status'];
    if (content.status === 'error' && !run.error) {
      run.error = { ename: content.ename ?? '', evalue: content.evalue ?? '', traceback: content.traceback ?? [] };
    }
  }
  run.ms = Date.now() - started;
  return run;
}

// The client narrates every websocket (re)connection on console.debug; keep the test log readable.
// Counted, because several notebooks may run at once: console.debug comes back when the last ends.
let quietRuns = 0;
let savedDebug: typeof console.debug = console.debug;
function quietDebug(change: 1 | -1): void {
  if (change === 1 && quietRuns++ === 0) {
    savedDebug = console.debug;
    console.debug = () => undefined;
  } else if (change === -1 && --quietRuns === 0) {
    console.debug = savedDebug;
  }
}

/**
 * Runs every code cell of `nbPath` in a new kernel (the notebook's own kernelspec), stopping at the
 * first failed cell. The notebook file is only read, never written.
 */
export async function runNotebook(
  nbPath: string,
  server: { baseUrl: string; token: string },
  options: { cellTimeoutMs?: number } = {},
): Promise<NotebookRun> {
  const nb = JSON.parse(fs.readFileSync(nbPath, 'utf8')) as NotebookJson;
  const kernelName = nb.metadata.kernelspec?.name;
  if (!kernelName) throw new Error(`${nbPath}: metadata.kernelspec.name is missing`);
  const serverSettings = ServerConnection.makeSettings({
    baseUrl: server.baseUrl,
    wsUrl: server.baseUrl.replace(/^http/, 'ws'),
    token: server.token,
    appendToken: true,
    WebSocket: WebSocket as unknown as typeof globalThis.WebSocket,
  });
  quietDebug(+1);
  const manager = new KernelManager({ serverSettings });
  await manager.ready;
  const kernel = await manager.startNew({ name: kernelName });
  const started = Date.now();
  const cells: CellRun[] = [];
  try {
    for (const [index, cell] of nb.cells.entries()) {
      if (cell.cell_type !== 'code') continue;
      const source = Array.isArray(cell.source) ? cell.source.join('') : cell.source;
      if (!source.trim()) continue;
      const run = { index, source, ...(await executeCell(kernel, source, options.cellTimeoutMs ?? 600_000)) };
      cells.push(run);
      if (cellFailed(run)) break;
    }
  } finally {
    await kernel.shutdown().catch(() => undefined);
    kernel.dispose();
    manager.dispose();
    quietDebug(-1);
  }
  return { path: nbPath, kernelName, cells, ms: Date.now() - started };
}
