import { test } from 'node:test';
import assert from 'node:assert/strict';
import { checkRows, checkField, checkNumberField, checkPositive, checkPositiveInteger, checkRules, distinct } from '../../../kernel-helpers/src/charts/validate';

test('checkRows refuses non-arrays, empty arrays and non-object rows', () => {
  assert.throws(() => checkRows('f', 'x'), /f: rows must be an array of objects, got string/);
  assert.throws(() => checkRows('f', []), /f: rows is empty; there is nothing to plot/);
  assert.throws(() => checkRows('f', [{}, null]), /f: rows\[1\] must be an object, got null/);
  assert.doesNotThrow(() => checkRows('f', [{ a: 1 }]));
});

test('checkField names the option, the field, the row and the fields it has', () => {
  assert.throws(() => checkField('f', [{ a: 1 }, { b: 2 }], 'a', 'x'), /f: option x names field 'a', but rows\[1\] has no such field \(fields: b\)/);
});

test('checkNumberField refuses NaN, strings, missing values and non-positive values on a log scale', () => {
  assert.throws(() => checkNumberField('f', [{ a: 1 }, { a: NaN }], 'a', 'y'), /f: rows\[1\]\.a \(option y\) is NaN; charts need finite numbers/);
  assert.throws(() => checkNumberField('f', [{ a: '1' }], 'a', 'y'), /must be a number, got string "1"/);
  assert.throws(() => checkNumberField('f', [{ a: null }], 'a', 'y'), /is null; expected a number/);
  assert.throws(() => checkNumberField('f', [{ a: 0 }], 'a', 'y', { logScale: true }), /is 0, but it is on a log scale, where values must be > 0/);
  assert.doesNotThrow(() => checkNumberField('f', [{ a: 1 }, { a: null }, {}], 'a', 'y', { allowMissing: true }));
});

test('checkPositive and checkPositiveInteger name the option', () => {
  assert.throws(() => checkPositive('f', -1, 'width'), /f: option width must be a positive number, got -1/);
  assert.throws(() => checkPositiveInteger('f', 2.5, 'bins'), /f: option bins must be a positive integer, got 2.5/);
});

test('distinct keeps first-seen order', () => {
  assert.deepEqual(distinct([{ a: 'b' }, { a: 'a' }, { a: 'b' }], 'a'), ['b', 'a']);
});

test('checkRules wants exactly one of x or y, finite, and > 0 on a log axis', () => {
  assert.throws(() => checkRules('f', [{ x: 1 }, {}], {}), /f: rules\[1\] must have exactly one of x or y/);
  assert.throws(() => checkRules('f', [{ x: 1, y: 2 }], {}), /rules\[0\] must have exactly one of x or y/);
  assert.throws(() => checkRules('f', [{ y: Infinity }], {}), /f: rules\[0\] value Infinity must be finite/);
  assert.throws(() => checkRules('f', [{ y: 0 }], { yScale: 'log' }), /rules\[0\] value 0 must be finite \(and > 0 on a log axis\)/);
  assert.doesNotThrow(() => checkRules('f', [{ y: 0 }, { x: -1 }], { xScale: 'linear', yScale: 'linear' }));
  assert.doesNotThrow(() => checkRules('f', undefined, {}));
});
