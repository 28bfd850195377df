/** SHA-256 helpers for verifying data files. */
import crypto from 'node:crypto';

/** Lower-case hex SHA-256 digest (64 characters) of `bytes`. */
export function sha256Hex(bytes: Uint8Array): string {
  return crypto.createHash('sha256').update(bytes).digest('hex');
}

/**
 * Checks that `bytes` has one of the `expected` SHA-256 digests.
 *
 * @param bytes the content to check.
 * @param expected accepted lower-case hex digests (at least one).
 * @param name what to call the content in the error message (a file path, say).
 * @returns the digest of `bytes`.
 * @throws naming `name`, the digest found and the digest(s) expected, when none matches.
 */
export function verifySha256(bytes: Uint8Array, expected: readonly string[], name: string): string {
  if (expected.length === 0) throw new RangeError(`verifySha256: no expected digest given for ${name}`);
  const digest = sha256Hex(bytes);
  if (!expected.includes(digest)) {
    const wanted = expected.length === 1 ? expected[0] : `one of ${expected.join(', ')}`;
    throw new Error(`${name}: SHA-256 mismatch: got ${digest}, expected ${wanted}; the file is corrupted or not the expected version`);
  }
  return digest;
}
