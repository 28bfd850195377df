import type { Trial } from './types';

/**
 * The source text of a trial function, checked to be something a worker can recompile: an arrow
 * function or a `function` expression (async or not). Method shorthand (`{ trial(p) {...} }`),
 * bound and built-in functions have no usable source.
 *
 * @throws TypeError naming `options.trial` otherwise.
 */
export function trialSource(trial: unknown): string {
  if (typeof trial !== 'function') {
    throw new TypeError(`runTrials: options.trial must be a function (input, context) => result, got ${typeof trial}`);
  }
  const source = Function.prototype.toString.call(trial);
  if (/\{\s*\[native code\]\s*\}\s*$/.test(source)) {
    throw new TypeError('runTrials: options.trial has no source text (a built-in or bound function); pass an arrow function or function expression');
  }
  return source;
}

/**
 * Recompiles a trial from its source in the current thread's global scope. Both the workers and
 * the in-process mode (`workers: 0`) run the recompiled function, so a trial that reaches for a
 * name of the notebook's scope fails the same way in both, instead of working only sequentially.
 *
 * @throws TypeError naming `options.trial` if the source does not compile as an expression.
 */
export function compileTrial<I, R>(source: string): Trial<I, R> {
  let compiled: unknown;
  try {
    // The Function constructor compiles in the global scope, with no access to ours. `__name` is
    // the one helper a compiler puts inside function bodies: esbuild (under tsx: the unit tests,
    // `npm run bench`) wraps nested named functions in `__name(fn, "fn")` to keep their names.
    compiled = new Function(`"use strict";\nconst __name = (target) => target;\nreturn (\n${source}\n);`)();
  } catch (error) {
    throw new TypeError(
      `runTrials: options.trial could not be recompiled from its source (${(error as Error).message}); ` +
        'write it as an arrow function or a function expression, not as an object method',
    );
  }
  if (typeof compiled !== 'function') {
    throw new TypeError('runTrials: options.trial did not recompile to a function');
  }
  return compiled as Trial<I, R>;
}

/**
 * Adds a hint to the errors a trial typically raises when it is not self-contained: a cell's
 * imports compile to names like `tfjs_1` or `kernel_helpers_1` that do not exist in the worker.
 */
export function explainTrialError(message: string, name: string): string {
  if (name !== 'ReferenceError') return message;
  const hint =
    'trials run from their source text in a worker: use only the input and the context argument ' +
    '(context.tf, context.rng, context.report, context.require), not names from the notebook';
  // tslab compiles a reference to a name defined in an earlier cell to `exports.name`.
  if (/\bexports is not defined\b/.test(message)) {
    return `${message} (the trial uses something defined in another cell; ${hint}; carry notebook functions in the input with shareFunctions)`;
  }
  return `${message} (${hint})`;
}
