import { test } from 'node:test';
import assert from 'node:assert/strict';
import { isDisplayBundle, isDisplayBundleProvider, VEGALITE_MIME, PLOTLY_MIME } from '../../../kernel-helpers/src/display/bundle';

test('providers are recognized by a callable toMimeBundle, own or inherited, without calling it', () => {
  let called = false;
  class P {
    toMimeBundle() {
      called = true;
      return { data: {} };
    }
  }
  assert.equal(isDisplayBundleProvider(new P()), true);
  assert.equal(isDisplayBundleProvider({ toMimeBundle: 1 }), false);
  assert.equal(isDisplayBundleProvider(null), false);
  const throwing = new Proxy({}, { get: () => { throw new Error('no'); } });
  assert.equal(isDisplayBundleProvider(throwing), false);
  assert.equal(called, false);
});

test('bundles need a data object', () => {
  assert.equal(isDisplayBundle({ data: { 'text/plain': 'x' } }), true);
  assert.equal(isDisplayBundle({ data: [] }), false);
  assert.equal(isDisplayBundle({}), false);
  assert.equal(VEGALITE_MIME, 'application/vnd.vegalite.v5+json');
  assert.equal(PLOTLY_MIME, 'application/vnd.plotly.v1+json');
});
