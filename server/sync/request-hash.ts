import { createHash, webcrypto } from 'node:crypto';

/**
 * What a retry with the same Idempotency-Key must repeat exactly: method, sheet, base, body.
 * `bodyBytes`: the body as received, hashed as it is rather than serialised again from its
 * parsed value (a retry sends the same bytes; 9 MB of rows need not be stringified twice).
 */
export function requestHashOf(parts: readonly unknown[], bodyBytes: Uint8Array | null): string {
  const hash = createHash('sha256').update(JSON.stringify(parts));
  if (bodyBytes !== null) hash.update('\n').update(bodyBytes);
  return hash.digest('hex');
}

/** Below this a body is hashed here and now: a hand-off to the thread pool costs more than the hash. */
const HASH_OFF_THREAD_FROM_BYTES = 256 * 1024;

/**
 * requestHashOf of a body, computed on libuv's thread pool (WebCrypto digests there) while
 * this thread goes on checking the push: ~25 ms of a 9 MB push's body off its critical path.
 * A small body (a delta of a few cells) is hashed on this thread: WebCrypto's job, copy and
 * promise for 200 bytes cost this thread more than the hash itself (seen in the load bench's
 * profile beside 20 writers). The same digest either way.
 */
export async function bodyRequestHashOf(parts: readonly unknown[], bodyBytes: Uint8Array): Promise<string> {
  if (bodyBytes.byteLength < HASH_OFF_THREAD_FROM_BYTES) return requestHashOf(parts, bodyBytes);
  const data = Buffer.concat([Buffer.from(`${JSON.stringify(parts)}\n`), bodyBytes]);
  return Buffer.from(await webcrypto.subtle.digest('SHA-256', data)).toString('hex');
}
