import { isUtf8 } from 'node:buffer';
import express, { type Request, type RequestHandler, type Response } from 'express';
import { apiError } from './api-error';

/**
 * A route's JSON body: its bytes (for the Idempotency-Key's request hash) and its value.
 *
 * Read as raw bytes by body-parser (limit, Content-Length checks, gzip/deflate inflation and
 * its errors, which the problem handler maps), then decoded and parsed here. express.json
 * would decode through a streaming string decoder chunk by chunk, which on a 9 MB push of
 * CJK text costs ~50 ms more than one Buffer#toString, and would leave no bytes to hash (the
 * hash had to serialise the parsed body again, another ~50 ms).
 *
 * The parse is JSON.parse itself, so its grammar is RFC 8259's; what this file adds around it
 * is checked against the JSONTestSuite (test/server/http/json-test-suite.test.ts):
 * - the bytes must be UTF-8 (RFC 8259 §8.1): invalid sequences are refused, not replaced by
 *   U+FFFD as a decoder would, and a declared charset other than UTF-8 is 415;
 * - one leading byte-order mark is skipped (express.json did; the i_ case of the suite);
 * - an empty body (zero bytes) is `{}`, as express.json made it, so the schema says what is
 *   missing; a body of only a BOM or only whitespace is not JSON;
 * - any JSON value is parsed, scalars included: whether it is the right shape is the route
 *   schema's to say (400 `validation`), not the parser's.
 */
export interface JsonBody {
  readonly bytes: Buffer;
  readonly value: unknown;
}

export const JSON_BODY_TYPES = ['application/json', 'application/*+json'];

const readers = new Map<number, RequestHandler>();

function rawReader(limit: number): RequestHandler {
  let reader = readers.get(limit);
  if (!reader) readers.set(limit, (reader = express.raw({ limit, type: JSON_BODY_TYPES })));
  return reader;
}

export async function readJsonBody(req: Request, res: Response, limitBytes: number): Promise<JsonBody> {
  checkCharset(req);
  await new Promise<void>((resolve, reject) => {
    void rawReader(limitBytes)(req, res, (err?: unknown) => (err ? reject(err) : resolve()));
  });
  const bytes: Buffer = Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0);
  return { bytes, value: parseJsonBytes(bytes) };
}

const UTF8 = /^utf-?8$/i;

function checkCharset(req: Request): void {
  const header = req.get('Content-Type') ?? '';
  const match = /;\s*charset\s*=\s*"?([^";\s]*)"?/i.exec(header);
  if (match && !UTF8.test(match[1] ?? '')) {
    throw apiError('unsupported-media-type', 'Send the request body as UTF-8 JSON (charset=utf-8, or no charset).');
  }
}

/** JSON.parse of UTF-8 bytes, with the rules above; anything else is a 400 `invalid-json`. */
export function parseJsonBytes(bytes: Uint8Array): unknown {
  if (bytes.byteLength === 0) return {};
  const start = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? 3 : 0;
  const body = Buffer.from(bytes.buffer, bytes.byteOffset + start, bytes.byteLength - start);
  // ~0.5 ms for a 9 MB push: a native check, before the decode that would hide the damage.
  if (!isUtf8(body)) throw invalidJson();
  try {
    return JSON.parse(body.toString('utf8')) as unknown;
  } catch {
    // Never the parser's message: it quotes the input.
    throw invalidJson();
  }
}

function invalidJson(): Error {
  return apiError('invalid-json', 'The request body is not valid JSON.');
}
