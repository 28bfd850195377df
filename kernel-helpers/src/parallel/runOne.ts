import * as tf from '@tensorflow/tfjs';
import { Rng } from '../random';
import type { Trial, TrialContext } from './types';

/** Offset between a trial's seed and its `Math.random` stream: the same one `seed()` uses, so both streams differ. */
const MATH_RANDOM_SALT = 0x5bd1e995;

/**
 * Runs one trial the same way in a worker and in-process: a fresh {@link Rng} from the trial's
 * seed, `Math.random` re-seeded for the duration (and restored after, so an in-process run leaves
 * the lesson's own stream alone), and every tensor and variable the trial made disposed after it,
 * including tensors it marked with `tf.keep` (which a scope does not dispose). A worker runs many
 * trials, of many `runTrials` calls, so nothing of one trial may outlive it.
 *
 * The result is passed through `structuredClone` so an in-process run rejects exactly what
 * `postMessage` would reject in a worker, and returns a copy, as a worker does.
 *
 * @param report delivers `context.report` messages (already cloned) to the caller.
 */
export async function runOneTrial<I, R>(
  trial: Trial<I, R>,
  input: I,
  index: number,
  seedValue: number,
  report: (message: unknown) => void,
): Promise<R> {
  const context: TrialContext = {
    tf,
    rng: new Rng(seedValue),
    seed: seedValue,
    index,
    report: (message) => report(cloneOrExplain(message, `trial ${index} reported a message that`)),
    require,
  };
  const mathRng = new Rng((seedValue ^ MATH_RANDOM_SALT) >>> 0);
  const savedRandom = Math.random;
  const engine = tf.engine();
  const variablesBefore = new Set(Object.keys(engine.registeredVariables));
  const firstTensorId = nextTensorId();
  const stopWatchingKeep = watchKeep(engine);
  Math.random = () => mathRng.random();
  // A scope (not tf.tidy, which rejects async functions) collects the trial's tensors.
  engine.startScope('runTrials');
  let scopeOpen = true;
  try {
    const result = await trial(input, context);
    engine.endScope();
    scopeOpen = false;
    return cloneOrExplain(result, `trial ${index} returned a value that`);
  } finally {
    if (scopeOpen) engine.endScope();
    Math.random = savedRandom;
    for (const name of Object.keys(engine.registeredVariables)) {
      if (!variablesBefore.has(name)) engine.registeredVariables[name].dispose();
    }
    // Only tensors made during the trial: an in-process trial's callbacks could keep older ones.
    for (const tensor of stopWatchingKeep()) {
      if (!tensor.isDisposed && (firstTensorId === null || tensor.id >= firstTensorId)) tensor.dispose();
    }
  }
}

/** The id the next tensor will get (tensor ids only grow), or null if this tfjs does not expose it. */
function nextTensorId(): number | null {
  const id = (tf.engine().constructor as unknown as { nextTensorId?: unknown }).nextTensorId;
  return typeof id === 'number' ? id : null;
}

/**
 * Records every tensor passed to `tf.keep` (the engine's `keep`, which `tf.keep` and tfjs itself
 * call) until the returned function is called; that function stops recording and returns them.
 * Kept tensors escape every scope, including the trial's, so this is the only way to find them.
 */
function watchKeep(engine: ReturnType<typeof tf.engine>): () => tf.Tensor[] {
  const kept: tf.Tensor[] = [];
  let pruneAt = 4096;
  const target = engine as unknown as { keep: <T extends tf.Tensor>(t: T) => T };
  const hadOwn = Object.prototype.hasOwnProperty.call(target, 'keep');
  const original = target.keep;
  target.keep = function keep<T extends tf.Tensor>(this: unknown, tensor: T): T {
    kept.push(tensor);
    // A long trial may keep tensors every step: forget the disposed ones now and then.
    if (kept.length > pruneAt) {
      const live = kept.filter((t) => !t.isDisposed);
      kept.length = 0;
      for (const t of live) kept.push(t);
      pruneAt = Math.max(4096, 2 * live.length);
    }
    return original.call(this, tensor) as T;
  };
  return () => {
    if (hadOwn) target.keep = original;
    else delete (target as { keep?: unknown }).keep;
    return kept;
  };
}

const CLONE_ADVICE = 'use numbers, strings, arrays, typed arrays or plain objects (for a tensor, return await t.array())';

/**
 * Where a tensor sits inside `value` (`''` for the value itself, `.w[2]` for a nested one), or null.
 * Needed because `structuredClone` does not refuse a tensor: it copies its fields into a plain
 * object that looks like data and is not.
 */
function findTensor(value: unknown, at: string, seen: Set<object>): string | null {
  if (value instanceof tf.Tensor) return at;
  if (value === null || typeof value !== 'object' || seen.has(value) || ArrayBuffer.isView(value)) return null;
  seen.add(value);
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const found = findTensor(value[i], `${at}[${i}]`, seen);
      if (found !== null) return found;
    }
  } else if (value instanceof Map) {
    for (const [key, item] of value) {
      const found = findTensor(item, `${at}.get(${String(key)})`, seen);
      if (found !== null) return found;
    }
  } else {
    for (const [key, item] of Object.entries(value)) {
      const found = findTensor(item, `${at}.${key}`, seen);
      if (found !== null) return found;
    }
  }
  return null;
}

/** `structuredClone(value)`, with an error that says which value could not be sent and what to send instead. */
export function cloneOrExplain<T>(value: T, what: string): T {
  const tensorAt = findTensor(value, '', new Set());
  if (tensorAt !== null) {
    throw new TypeError(`${what} cannot be sent between threads (a tf.Tensor${tensorAt ? ` at ${tensorAt}` : ''}); ${CLONE_ADVICE}`);
  }
  try {
    return structuredClone(value);
  } catch (error) {
    throw new TypeError(`${what} cannot be sent between threads (${(error as Error).message}); ${CLONE_ADVICE}`);
  }
}
