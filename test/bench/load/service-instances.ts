import path from 'node:path';
import { spawnLineChild, type LineChild } from '../../fixtures/line-child';

/**
 * The service under load: test/fixtures/service-process.js (startService itself, `npm start`
 * minus the CLI) in a child process of its own, on 127.0.0.1 and a free port, so the bench's
 * client and the service compete for the cores as a real client and service would not share a
 * thread. Compiled JS, run from dist/ under jest and under `npm run bench:load` alike.
 */

const ENTRY = __filename.endsWith('.ts')
  ? path.resolve(__dirname, '..', '..', '..', 'dist', 'test', 'fixtures', 'service-process.js')
  : path.resolve(__dirname, '..', '..', 'fixtures', 'service-process.js');
const START_TIMEOUT_MS = 60_000;

export interface ServiceInstance {
  readonly url: string;
  readonly pid: number;
  /** SIGTERM (graceful) and wait for the exit. */
  stop(): Promise<void>;
}

export async function startInstance(env: Readonly<Record<string, string>>, nodeArgs: readonly string[] = []): Promise<ServiceInstance> {
  const base: Record<string, string> = {};
  for (const name of ['PATH', 'HOME', 'TMPDIR', 'LANG', 'TZ']) {
    const v = process.env[name];
    if (v !== undefined) base[name] = v;
  }
  const child: LineChild = spawnLineChild(ENTRY, [], { ...base, HOST: '127.0.0.1', PORT: '0', LOG_LEVEL: 'silent', ...env }, nodeArgs);
  let timer: NodeJS.Timeout | undefined;
  const listening = await Promise.race([
    child.line('LISTENING '),
    child.line('ERROR ').then((l) => Promise.reject(new Error(`service: ${l}`))),
    new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`the service did not start within ${START_TIMEOUT_MS} ms; ${child.output()}`)), START_TIMEOUT_MS);
    }),
  ]).finally(() => clearTimeout(timer));
  return {
    url: listening.slice('LISTENING '.length).trim(),
    pid: child.process.pid ?? 0,
    async stop() {
      if (child.process.exitCode === null && child.process.signalCode === null) child.process.kill('SIGTERM');
      await child.exited;
    },
  };
}
