import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { HttpRequest, HttpResponse, Transport } from '../../../addin/sync/http';
import { fetchTransport } from '../../../addin/sync/progress';
import { fail, ok } from '../../../shared/result';
import { databaseFactories } from '../../fixtures/databases';
import { serviceOn, type Service, type UserOptions } from '../../fixtures/service';

/**
 * The add-in's sync tests run against the real service: `createApp` (server/app.ts) on a
 * temporary SQLite store, listening on 127.0.0.1, reached over real HTTP. Between the client and
 * it, a fault-injecting Transport plays the network and the gateways the add-in meets:
 *   drop            the request never arrives (connection refused or reset before it was sent);
 *   status          a gateway answers instead of the service (429 / 503 with Retry-After, or any
 *                   problem+json), the request never arrives;
 *   apply-then-drop the service applies the request, and its answer is lost on the way back.
 * Every request the service did see is recorded, with the headers the client sent.
 */

export type Fault = (
  | { readonly kind: 'drop' }
  | { readonly kind: 'status'; readonly status: number; readonly retryAfter?: string; readonly code?: string }
  | { readonly kind: 'apply-then-drop' }
) & {
  /** Only requests of this method meet the fault (a pull before a push passes by); any by default. */
  readonly method?: 'GET' | 'PUT';
};

export interface SeenRequest {
  readonly method: string;
  readonly path: string;
  readonly idempotencyKey: string | undefined;
  readonly ifMatch: string | undefined;
  readonly ifNoneMatch: string | undefined;
  readonly authorization: string | undefined;
  /** The service's status for it; for a push, whether it was a replay of an earlier answer. */
  readonly status: number;
  readonly replayed: boolean;
}

export class RealSyncService {
  readonly faults: Fault[] = [];
  readonly seen: SeenRequest[] = [];
  private constructor(
    readonly service: Service,
    private readonly server: Server,
    readonly url: string,
  ) {}

  static async start(env: Record<string, string> = {}): Promise<RealSyncService> {
    const sqlite = databaseFactories.find((f) => f.name === 'sqlite')!;
    const service = await serviceOn(sqlite, env);
    const server = await new Promise<Server>((resolve) => {
      const s = service.app.listen(0, '127.0.0.1', () => resolve(s));
    });
    return new RealSyncService(service, server, `http://127.0.0.1:${(server.address() as AddressInfo).port}`);
  }

  async stop(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
    await this.service.close();
  }

  /** A development token of the service's own key for `email` (tenant dev-tenant unless told). */
  async token(email: string, options: UserOptions = {}): Promise<string> {
    return (await this.service.asUser(email, options)).Authorization!.replace(/^Bearer /, '');
  }

  pushes(): SeenRequest[] {
    return this.seen.filter((s) => s.method === 'PUT');
  }

  /** Idempotency keys of the pushes the service applied (not replays), in order. */
  applied(): string[] {
    return this.pushes()
      .filter((p) => p.status === 200 && !p.replayed)
      .map((p) => p.idempotencyKey ?? '');
  }

  /** The client's transport, through the faults queued in `faults` (one per request). */
  transport(inner: Transport = fetchTransport()): Transport {
    return async (request: HttpRequest) => {
      const next = this.faults[0];
      const fault = next && (next.method === undefined || next.method === request.method) ? this.faults.shift() : undefined;
      if (fault?.kind === 'drop') return fail({ kind: 'network', reason: 'failed' });
      if (fault?.kind === 'status') {
        const code = fault.code ?? (fault.status === 429 ? 'rate-limited' : 'upstream-unavailable');
        const headers: Record<string, string> = { 'content-type': 'application/problem+json', ...(fault.retryAfter ? { 'retry-after': fault.retryAfter } : {}) };
        const body = JSON.stringify({ type: `urn:ops-scorecard:problem:${code}`, title: code, status: fault.status, code, detail: 'gateway', instance: '/x', requestId: 'gateway-1' });
        const response: HttpResponse = { status: fault.status, header: (name) => headers[name.toLowerCase()] ?? null, body };
        return ok(response);
      }
      const answer = await inner(request);
      const h = (name: string) => Object.entries(request.headers).find(([k]) => k.toLowerCase() === name.toLowerCase())?.[1];
      if (answer.ok) {
        this.seen.push({
          method: request.method,
          path: new URL(request.url).pathname,
          idempotencyKey: h('Idempotency-Key'),
          ifMatch: h('If-Match'),
          ifNoneMatch: h('If-None-Match'),
          authorization: h('Authorization'),
          status: answer.value.status,
          replayed: answer.value.header('Idempotent-Replayed') === 'true',
        });
      }
      if (fault?.kind === 'apply-then-drop') return fail({ kind: 'network', reason: 'failed' });
      return answer;
    };
  }
}
