import { randomBytes } from 'node:crypto';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { exportJWK, generateKeyPair, type JWK } from 'jose';
import { z } from 'zod';
import { fail, ok, type Result } from '../../shared/result';
import { MIN_KEY_BYTES } from './pseudonym';

/**
 * Secrets a development install keeps in DATA_DIR so that `npm start` needs no set-up: the
 * pseudonym key and the development signing key. Each is generated once, written with mode
 * 0600 and exclusive create (two processes starting together: one writes, both read the same),
 * then read back on every start so pseudonyms and tokens survive restarts.
 */

async function readOrCreate(file: string, create: () => Promise<string>): Promise<string> {
  await mkdir(path.dirname(file), { recursive: true });
  try {
    await writeFile(file, await create(), { mode: 0o600, flag: 'wx' });
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
  }
  return readFile(file, 'utf8');
}

/** DATA_DIR/pseudonym.key: base64 of 32 random bytes. */
export async function localPseudonymKey(file: string): Promise<Result<Uint8Array, string>> {
  const text = await readOrCreate(file, async () => randomBytes(32).toString('base64') + '\n');
  const key = Buffer.from(text.trim(), 'base64');
  if (key.length < MIN_KEY_BYTES) return fail(`${file} does not hold a base64 key of at least ${MIN_KEY_BYTES} bytes; delete it to generate a new one`);
  return ok(new Uint8Array(key));
}

const EcPrivateJwk = z.object({ kty: z.literal('EC'), crv: z.literal('P-256'), x: z.string(), y: z.string(), d: z.string() });

/** DATA_DIR/dev-signing-key.json: an EC P-256 private key as JWK, for ES256 development tokens. */
export async function localDevSigningKey(file: string): Promise<Result<JWK, string>> {
  const text = await readOrCreate(file, async () => {
    const { privateKey } = await generateKeyPair('ES256', { extractable: true });
    return JSON.stringify(await exportJWK(privateKey)) + '\n';
  });
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    json = null;
  }
  const parsed = EcPrivateJwk.safeParse(json);
  if (!parsed.success) return fail(`${file} does not hold an EC P-256 private key (JWK); delete it to generate a new one`);
  return ok(parsed.data);
}
