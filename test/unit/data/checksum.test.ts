import { test } from 'node:test';
import assert from 'node:assert/strict';
import { sha256Hex, verifySha256 } from '../../../kernel-helpers/src/data/checksum';

// FIPS 180-2 test vector: SHA-256("abc").
const ABC = 'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad';

test('sha256Hex matches the FIPS 180-2 test vector', () => {
  assert.equal(sha256Hex(new TextEncoder().encode('abc')), ABC);
});

test('verifySha256 accepts any listed digest and rejects others, naming the input', () => {
  const abc = new TextEncoder().encode('abc');
  assert.equal(verifySha256(abc, ['0'.repeat(64), ABC], 'abc.bin'), ABC);
  assert.throws(
    () => verifySha256(new TextEncoder().encode('abd'), [ABC], 'abd.bin'),
    (e: Error) => e.message.startsWith('abd.bin: SHA-256 mismatch: got ') && e.message.includes(`expected ${ABC}`),
  );
  assert.throws(() => verifySha256(abc, [], 'x'), /no expected digest given for x/);
});
