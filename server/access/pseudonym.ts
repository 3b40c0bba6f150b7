import { createHmac, createSecretKey, type KeyObject } from 'node:crypto';

/**
 * Identifiers of core fields leave the service as keyed pseudonyms: HMAC-SHA256 under the
 * workspace's secret key, base64url, prefixed `h:` so a reader sees it is a pseudonym and not
 * an ID. Never a bare SHA-256: IDs, phone numbers and ID-card numbers have so few possible
 * values that a bare hash is reversed by hashing them all; without the key that is impossible.
 *
 * - Deterministic under one key: the same ID gives the same pseudonym, so masked exports can
 *   still be joined and counted. Rotating the key changes every pseudonym.
 * - The value is hashed exactly as given (UTF-8); normalise first (trim, width) if "123" and
 *   " 123" must meet.
 * - A key shorter than MIN_KEY_BYTES is a configuration bug and throws.
 */

export const PSEUDONYM_PREFIX = 'h:';
export const MIN_KEY_BYTES = 16;

function secretKey(key: Uint8Array): KeyObject {
  if (key.length < MIN_KEY_BYTES) {
    throw new RangeError(`Pseudonym key must be at least ${MIN_KEY_BYTES} bytes, got ${key.length}`);
  }
  return createSecretKey(key);
}

function digest(key: KeyObject, value: string): string {
  return PSEUDONYM_PREFIX + createHmac('sha256', key).update(value, 'utf8').digest('base64url');
}

/** `h:` + base64url(HMAC-SHA256(key, value)): 45 characters. */
export function pseudonymize(value: string, key: Uint8Array): string {
  return digest(secretKey(key), value);
}

/** The same, with the key checked and imported once, for masking many rows. */
export function pseudonymizer(key: Uint8Array): (value: string) => string {
  const k = secretKey(key);
  return (value) => digest(k, value);
}

/** Whether a value looks like one of our pseudonyms (so it is not masked twice). */
export function isPseudonym(value: string): boolean {
  return /^h:[A-Za-z0-9_-]{43}$/.test(value);
}
