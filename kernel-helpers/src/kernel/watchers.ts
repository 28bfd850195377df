/**
 * Keeps tslab's compiler working when files change on disk while a kernel runs (`npm run build`,
 * `npm install`, an edited `.d.ts`).
 *
 * tslab compiles cells with a TypeScript watch program and replaces the program's timers by a
 * single slot that it fires itself when the next cell is compiled; a second timer while one is
 * pending throws "Unexpected pending rebuildTimer". TypeScript keeps two kinds of timer: one to
 * rebuild the program (a watched source file changed) and one to retry failed module lookups (a
 * watched directory or `package.json` changed). When files change between cells, both get
 * scheduled, and from then on every cell fails with that error until the kernel restarts (or the
 * throw escapes from a watcher's callback and the kernel dies).
 *
 * The fix gives tslab's slot one timer only: every timer TypeScript asks for joins a queue, the
 * queue takes tslab's slot once, and when tslab fires the slot all queued callbacks run (including
 * ones scheduled while they run). So changes are still picked up, at the next cell, as tslab
 * intends.
 *
 * How: tslab's system object is `Object.create(ts.sys)` with its own `setTimeout` and
 * `clearTimeout` assigned. Those assignments go through setters that this module puts on
 * `ts.sys`, which keep tslab's functions and hand TypeScript the queueing versions instead;
 * `ts.sys` itself keeps Node's timers.
 */
import path from 'node:path';

type SetTimeout = (callback: (...args: unknown[]) => void, ms?: number, ...args: unknown[]) => unknown;
type ClearTimeout = (handle: unknown) => void;
interface TimerSystem {
  setTimeout?: SetTimeout;
  clearTimeout?: ClearTimeout;
}

/** Per tslab system object: tslab's one-slot timer functions, and the queueing ones built on them. */
interface TimerFunctions {
  setTimeout: SetTimeout;
  clearTimeout: ClearTimeout;
}
interface Slot {
  inner: Partial<TimerFunctions>;
  queued?: TimerFunctions;
}

let installed = false;

/** tslab's own TypeScript (`@tslab/typescript-for-tslab`), resolved from tslab's folder. */
function tslabTypeScript(): { sys: TimerSystem } {
  const tslabDir = path.dirname(require.resolve('tslab/package.json'));
  return require(require.resolve('@tslab/typescript-for-tslab', { paths: [tslabDir] })) as { sys: TimerSystem };
}

/**
 * Timer functions that put any number of timers through one slot (`innerSet`/`innerClear`, which
 * hold at most one timer). Exported for tests.
 *
 * @param innerSet schedules the one slot; its callback is run by whoever owns the slot.
 * @param innerClear cancels the slot.
 */
export function queueTimers(innerSet: SetTimeout, innerClear: ClearTimeout): TimerFunctions {
  const queue = new Map<object, () => void>();
  let slot: unknown = null;
  let flushing = false;
  const flush = (): void => {
    flushing = true;
    try {
      // Callbacks may schedule more timers (a lookup retry schedules a rebuild): run those too.
      for (let next = queue.entries().next(); !next.done; next = queue.entries().next()) {
        const [handle, run] = next.value;
        queue.delete(handle);
        run();
      }
    } finally {
      flushing = false;
      slot = null; // the owner empties its slot after this callback returns
    }
  };
  return {
    setTimeout(callback, _ms, ...args) {
      const handle = {};
      queue.set(handle, () => callback(...args));
      if (slot === null && !flushing) slot = innerSet(flush);
      return handle;
    },
    clearTimeout(handle) {
      queue.delete(handle as object);
      if (queue.size === 0 && slot !== null && !flushing) {
        innerClear(slot);
        slot = null;
      }
    },
  };
}

/**
 * Makes tslab converters created from now on queue TypeScript's timers (see the module comment).
 * Call it before tslab creates a converter; calling it again does nothing.
 *
 * @returns true the first time, when it changed something.
 */
export function queueCompilerTimers(): boolean {
  if (installed) return false;
  const { sys } = tslabTypeScript();
  const slots = new WeakMap<object, Slot>();
  const slotOf = (owner: object): Slot => {
    let slot = slots.get(owner);
    if (!slot) slots.set(owner, (slot = { inner: {} }));
    return slot;
  };
  const queued = (slot: Slot | undefined): TimerFunctions | undefined => {
    const { setTimeout, clearTimeout } = slot?.inner ?? {};
    if (!slot || !setTimeout || !clearTimeout) return undefined;
    return (slot.queued ??= queueTimers(setTimeout, clearTimeout));
  };
  for (const key of ['setTimeout', 'clearTimeout'] as const) {
    const nodeTimer = sys[key];
    Object.defineProperty(sys, key, {
      configurable: true,
      enumerable: true,
      get(this: object) {
        if (this === sys) return nodeTimer;
        const slot = slots.get(this);
        return queued(slot)?.[key] ?? slot?.inner[key] ?? nodeTimer;
      },
      set(this: object, value: TimerFunctions[typeof key]) {
        (slotOf(this).inner as Record<typeof key, unknown>)[key] = value;
      },
    });
  }
  installed = true;
  return true;
}
