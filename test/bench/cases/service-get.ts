import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import express from 'express';
import { call, startBenchService, warmUp, type BenchService } from './service-push';
import type { BenchCase } from './types';

/**
 * A light GET through the service's whole middleware stack — request id, security headers,
 * request log, token verification (an ES256 development token), rate limit, routing, the route's
 * own authentication and a store query — N times in a row on one kept-alive connection, against
 * a bare Express handler answering {ok: true} with the same client in the same run. What it
 * measures is the fixed cost every request of the service pays.
 */

const REQUESTS = 1000;
const PATH = '/api/v1/workspaces';
/** Untimed requests first, on both sides: JIT and lazy initialisation are not what is measured. */
const WARM_UP = 50;

interface GetInput {
  readonly url: string;
  readonly path: string;
  readonly headers: Readonly<Record<string, string>>;
  readonly service: BenchService | null;
  close(): void;
}

async function bareExpress(): Promise<GetInput> {
  const app = express();
  app.get('/x', (_req, res) => {
    res.json({ ok: true });
  });
  const server: Server = createServer(app);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    path: '/x',
    headers: {},
    service: null,
    close: () => setImmediate(() => {
      server.closeAllConnections();
      server.close();
    }),
  };
}

async function run(input: unknown): Promise<Record<string, number>> {
  // setup's result comes back as unknown through the generic harness; it is always ours.
  const get = input as GetInput | undefined;
  if (!get) throw new Error('service-get: setup did not run');
  let bytes = 0;
  for (let i = 0; i < REQUESTS; i++) {
    const reply = await call(get.url, 'GET', get.path, get.headers);
    if (reply.status !== 200) throw new Error(`bench GET ${get.path}: ${reply.status} ${reply.body.slice(0, 200)}`);
    bytes += reply.bytesIn;
  }
  get.close();
  return { requests: REQUESTS, bytesPerAnswer: bytes / REQUESTS };
}

export const serviceGetCase: BenchCase = {
  name: 'service-light-get',
  description: `${REQUESTS} sequential GET ${PATH} (authenticated, whole middleware stack, one store query) vs a bare Express handler, one kept-alive connection on 127.0.0.1`,
  target: 3,
  maxPeakMB: 200,
  reports: ['requests'],
  prepare: async () => {},
  async setup(dir, variant) {
    if (variant !== 'ours') {
      const bare = await bareExpress();
      for (let i = 0; i < WARM_UP; i++) await call(bare.url, 'GET', bare.path, bare.headers);
      return bare;
    }
    const service = await startBenchService(dir);
    // A workspace to list, and code paths warmed as in a running service.
    await warmUp(service, 'small');
    const headers = { Authorization: `Bearer ${service.token}` };
    for (let i = 0; i < WARM_UP; i++) await call(service.url, 'GET', PATH, headers);
    return { url: service.url, path: PATH, headers, service, close: () => service.closeLater() } satisfies GetInput;
  },
  ours: (_dir, input) => run(input),
  baseline: (_dir, input) => run(input),
};
