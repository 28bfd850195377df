/**
 * Where displays go. In the kernel, that is tslab's `lastWriteDisplayData`, which sends a
 * `display_data` (or, with `update`, an `update_display_data`) message for the running cell. The
 * sink is replaceable so tests capture what would be sent, and so plain Node scripts print
 * the text form instead of failing.
 */
import * as path from 'node:path';

/** The content of a `display_data` / `update_display_data` message. */
export interface DisplayMessage {
  data: Record<string, unknown>;
  metadata: Record<string, unknown>;
  /** `display_id` lets later updates replace this output in place. */
  transient: { display_id?: string };
}

/** Sends one message; `update` true means update_display_data for `transient.display_id`. */
export type DisplaySink = (message: DisplayMessage, update: boolean) => void;

type TslabWriter = ((message: DisplayMessage, update: boolean) => void) | null;

/**
 * tslab's current writer, if tslab's Jupyter module is loaded in this process. It is looked up in
 * the module cache rather than required: requiring it outside a kernel would load TypeScript for
 * nothing, and a fresh copy would have no writer anyway.
 */
function tslabWriter(): TslabWriter {
  const suffix = path.join('tslab', 'dist', 'jupyter.js');
  for (const [file, mod] of Object.entries(require.cache)) {
    if (file.endsWith(suffix) && mod?.exports && typeof mod.exports === 'object') {
      const writer = (mod.exports as { lastWriteDisplayData?: TslabWriter }).lastWriteDisplayData;
      if (typeof writer === 'function') return writer;
    }
  }
  return null;
}

/**
 * The default sink: tslab's writer inside a kernel; elsewhere (a Node script, a test without a
 * captured sink) the `text/plain` form goes to stdout, and updates are printed as new lines.
 */
export const kernelSink: DisplaySink = (message, update) => {
  const writer = tslabWriter();
  if (writer) {
    writer(message, update);
    return;
  }
  const text = message.data['text/plain'];
  process.stdout.write(`${typeof text === 'string' ? text : `[${Object.keys(message.data).join(', ')}]`}\n`);
};

let current: DisplaySink = kernelSink;

/**
 * Replaces the sink every display function sends through, e.g. to capture messages in a test.
 *
 * @param sink the new sink, or `null` for the default {@link kernelSink}.
 * @returns the previous sink, to restore later.
 */
export function setDisplaySink(sink: DisplaySink | null): DisplaySink {
  const previous = current;
  current = sink ?? kernelSink;
  return previous;
}

/** Sends through the current sink (see {@link setDisplaySink}). */
export function sendDisplay(message: DisplayMessage, update = false): void {
  current(message, update);
}

/** Messages recorded by {@link captureDisplays}. */
export interface CapturedDisplays {
  /** Every message sent since capture started, with its update flag, in order. */
  readonly messages: { message: DisplayMessage; update: boolean }[];
  /** Restores the sink that was in place before. */
  restore(): void;
}

/** Starts recording displays instead of sending them; call `restore()` when done. */
export function captureDisplays(): CapturedDisplays {
  const messages: { message: DisplayMessage; update: boolean }[] = [];
  const previous = setDisplaySink((message, update) => {
    messages.push({ message, update });
  });
  return { messages, restore: () => void setDisplaySink(previous) };
}
