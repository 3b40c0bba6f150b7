import type { ChildProcess } from 'node:child_process';
import { request as httpRequest } from 'node:http';
import path from 'node:path';
import { createDevTokens, type DevTokens } from '../../../server/access/dev-tokens';
import { localDevSigningKey } from '../../../server/access/local-keys';
import { systemClock } from '../../../server/main';
import { spawnLineChild } from '../../fixtures/line-child';
import type { ServiceProcessEnv } from '../../fixtures/service-process';

/**
 * The service in child processes (test/fixtures/service-process.ts, compiled: `npx tsc -b`
 * first, as for the store's own SIGKILL test) and a bare HTTP client for them. node:http rather
 * than supertest: these requests go to another process, and the tests need to see a request
 * die with its server (a socket error), not a retry or a synthesised answer.
 */

const ENTRY = path.resolve(__dirname, '..', '..', '..', 'dist', 'test', 'fixtures', 'service-process.js');
/** Long enough for a start on a loaded 2-core machine (migrations, a demo seed on SQLite). */
const START_TIMEOUT_MS = 30_000;

export interface ServiceChild {
  readonly url: string;
  readonly process: ChildProcess;
  /** Resolves with the first stdout line (after `from`) starting with `prefix`; rejects when the child exits first. */
  line(prefix: string): Promise<string>;
  /** SIGKILL, and wait for the exit. */
  kill(): Promise<void>;
  /** SIGTERM (graceful), and wait for the exit. */
  stop(): Promise<void>;
  readonly exited: Promise<number | null>;
  /** Everything the child wrote, for failure messages. */
  output(): string;
}

export type ChildEnv = Readonly<Record<string, string>> & ServiceProcessEnv;

export async function startServiceChild(env: ChildEnv): Promise<ServiceChild> {
  // Only what the service needs from ours: PATH and friends, never a DATABASE_URL of the parent's.
  const base: Record<string, string> = {};
  for (const name of ['PATH', 'HOME', 'TMPDIR', 'LANG', 'TZ']) {
    const v = process.env[name];
    if (v !== undefined) base[name] = v;
  }
  const started = spawnLineChild(ENTRY, [], { ...base, LOG_LEVEL: 'silent', RATE_LIMIT_PER_MINUTE: '100000', ...env });
  const { process: child, line, exited } = started;
  let timer: NodeJS.Timeout | undefined;
  const listening = await Promise.race([
    line('LISTENING '),
    line('ERROR ').then((l) => Promise.reject(new Error(`service child: ${l}`))),
    new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`service child did not start within ${START_TIMEOUT_MS} ms; ${started.output()}`)), START_TIMEOUT_MS);
    }),
  ]).finally(() => clearTimeout(timer));
  const signal = async (s: NodeJS.Signals): Promise<void> => {
    if (child.exitCode === null && child.signalCode === null) child.kill(s);
    await exited;
  };
  return {
    url: listening.slice('LISTENING '.length).trim(),
    process: child,
    line,
    kill: () => signal('SIGKILL'),
    stop: () => signal('SIGTERM'),
    exited,
    output: started.output,
  };
}

/** Development tokens signed with the children's key file (created here when missing, read by them). */
export async function childTokens(keyFile: string): Promise<DevTokens> {
  const key = await localDevSigningKey(keyFile);
  if (!key.ok) throw new Error(key.error);
  return createDevTokens({ privateJwk: key.value, nodeEnv: 'test', requiredScope: 'Scorecard.ReadWrite', clock: systemClock });
}

export interface Answer {
  readonly status: number;
  readonly headers: Readonly<Record<string, string | string[] | undefined>>;
  readonly text: string;
  json<T = unknown>(): T;
}

export interface Sent {
  /** Resolves with the answer; rejects when the connection dies first (a killed server). */
  readonly answer: Promise<Answer>;
  /** Resolves when the whole body has been handed to the socket. */
  readonly bodySent: Promise<void>;
}

/** One request on its own connection (no keep-alive: a killed server must not poison the next). */
export function send(url: string, method: string, pathname: string, headers: Readonly<Record<string, string>>, body?: string | Buffer): Sent {
  let bodySentResolve: () => void = () => undefined;
  const bodySent = new Promise<void>((resolve) => (bodySentResolve = resolve));
  const answer = new Promise<Answer>((resolve, reject) => {
    const target = new URL(pathname, url);
    const req = httpRequest(
      target,
      {
        method,
        agent: false,
        headers: { Connection: 'close', ...headers, ...(body === undefined ? {} : { 'Content-Length': String(Buffer.byteLength(body)) }) },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          resolve({ status: res.statusCode ?? 0, headers: res.headers, text, json: <T>() => JSON.parse(text) as T });
        });
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    if (body === undefined) req.end(() => bodySentResolve());
    else req.end(body, () => bodySentResolve());
  });
  // A caller that only waits for the body must not see an unhandled rejection of the answer.
  answer.catch(() => undefined);
  return { answer, bodySent };
}
