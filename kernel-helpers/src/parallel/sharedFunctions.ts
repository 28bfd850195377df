/**
 * Functions of a notebook, carried into trials as source text.
 *
 * A trial runs from its own source in a worker thread, so it cannot call the functions a lesson
 * defined in its cells (its model, its loss). Pack them with {@link shareFunctions} into the
 * trial's input, and rebuild them inside the trial with {@link rebuildFunctions}, binding the
 * names they use from the notebook (usually `tf`) to the trial's own:
 *
 * ```ts
 * const model = shareFunctions({ initNet, netForward, fullLoss });   // in the notebook
 * await runTrials({ inputs: rates.map((lr) => ({ lr, model })), trial: async (input, { tf, require }) => {
 *   const { netForward, fullLoss } = require('kernel-helpers').rebuildFunctions(input.model, { tf });
 *   …
 * } });
 * ```
 *
 * The shared functions see each other and the names in `scope`, both directly and as
 * `exports.name` (the form tslab gives a reference to anything defined in an earlier cell, such as
 * `tf` imported in the setup cell), and the global scope; nothing else of the notebook. Introduced by lesson 05 (babysitting the learning process): the lesson's
 * two-layer network, written once, runs in the notebook and in its parallel training runs.
 */

/** What {@link shareFunctions} returns: plain data (structured-cloneable), safe to put in a trial's input. */
export interface SharedFunctions {
  /** Source text of each function, by the name the others call it by. */
  readonly sharedFunctions: Readonly<Record<string, string>>;
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type AnyFunction = (...args: any[]) => any;

const IDENTIFIER = /^[A-Za-z_$][A-Za-z0-9_$]*$/;
const RESERVED = new Set(['exports', '__name', 'arguments', 'eval', 'this', 'undefined']);

function checkName(fn: string, name: string, what: string): void {
  if (!IDENTIFIER.test(name) || RESERVED.has(name)) {
    throw new TypeError(`${fn}: ${what} '${name}' is not usable as a variable name`);
  }
}

/** The source as an expression that evaluates to the function (a function declaration works too). */
function compileCheck(name: string, source: string): void {
  try {
    // Creating the function only parses it: the body (the function expression) is not run.
    new Function(`"use strict";\nreturn (\n${source}\n);`);
  } catch (error) {
    throw new TypeError(
      `shareFunctions: '${name}' could not be recompiled from its source (${(error as Error).message}); ` +
        'write it as a function declaration, a function expression or an arrow function, not as an object method',
    );
  }
}

/**
 * Packs functions for a trial.
 *
 * @param functions the functions by name, e.g. `{ initNet, netForward }` (the shorthand keeps their names).
 * @returns plain data to put into a trial's input; rebuild it there with {@link rebuildFunctions}.
 * @throws TypeError if a value is not a function, has no source text (built-in or bound), does
 *   not recompile (object-method shorthand), or its name is not a usable variable name.
 */
export function shareFunctions(functions: Record<string, AnyFunction>): SharedFunctions {
  const fn = 'shareFunctions';
  if (functions === null || typeof functions !== 'object') {
    throw new TypeError(`${fn}: pass an object of functions, e.g. shareFunctions({ initNet, netForward })`);
  }
  const names = Object.keys(functions);
  if (names.length === 0) throw new RangeError(`${fn}: no functions given`);
  const sources: Record<string, string> = {};
  for (const name of names) {
    checkName(fn, name, 'name');
    const f = functions[name];
    if (typeof f !== 'function') throw new TypeError(`${fn}: '${name}' must be a function, got ${typeof f}`);
    const source = Function.prototype.toString.call(f);
    if (/\{\s*\[native code\]\s*\}\s*$/.test(source)) {
      throw new TypeError(`${fn}: '${name}' has no source text (a built-in or bound function)`);
    }
    compileCheck(name, source);
    sources[name] = source;
  }
  return { sharedFunctions: sources };
}

/**
 * Rebuilds shared functions, typically inside a trial.
 *
 * @param shared what {@link shareFunctions} returned (after its trip to the worker).
 * @param scope names the functions use that are not among them, with the values they get here,
 *   e.g. `{ tf }` from the trial's context. Default none.
 * @returns the functions by name, calling each other and the `scope` values.
 * @throws TypeError if `shared` did not come from {@link shareFunctions}, or a scope name is not a
 *   usable variable name or repeats a shared function's name.
 */
export function rebuildFunctions<T extends Record<string, AnyFunction> = Record<string, AnyFunction>>(
  shared: SharedFunctions,
  scope: Record<string, unknown> = {},
): T {
  const fn = 'rebuildFunctions';
  const sources = shared?.sharedFunctions;
  if (sources === null || typeof sources !== 'object' || Object.values(sources).some((s) => typeof s !== 'string')) {
    throw new TypeError(`${fn}: expected the value shareFunctions returned ({ sharedFunctions: { name: source } })`);
  }
  if (scope === null || typeof scope !== 'object') throw new TypeError(`${fn}: scope must be an object of names, e.g. { tf }`);
  const names = Object.keys(sources);
  names.forEach((name) => checkName(fn, name, 'shared name'));
  const scopeNames = Object.keys(scope);
  for (const name of scopeNames) {
    checkName(fn, name, 'scope name');
    if (names.includes(name)) throw new TypeError(`${fn}: scope name '${name}' is also a shared function`);
  }
  // One scope for all of them, so they call each other; `exports` holds them and the scope values
  // too, for tslab's `exports.name` references across cells. `__name` is the helper esbuild (tsx)
  // puts in function bodies.
  const body =
    '"use strict";\n' +
    names.map((name) => `const ${name} = (\n${sources[name]}\n);`).join('\n') +
    `\n${names.map((name) => `exports.${name} = ${name};`).join('\n')}\nreturn exports;`;
  const build = new Function(...scopeNames, 'exports', '__name', body);
  const exportsObject: Record<string, unknown> = { ...scope };
  const functions = build(...scopeNames.map((name) => scope[name]), exportsObject, (target: unknown) => target) as Record<string, unknown>;
  return Object.fromEntries(names.map((name) => [name, functions[name]])) as T;
}
