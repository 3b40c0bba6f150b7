import { HealthSchema, ReadySchema } from '../../shared/api/health';
import { apiError } from '../http/api-error';
import { defineRoute, type RouteDefinition } from '../http/route';

const CHECK_TIMEOUT_MS = 2_000;

async function probe(check: () => Promise<unknown>): Promise<'ok' | 'failed'> {
  let timer: NodeJS.Timeout | undefined;
  try {
    await Promise.race([
      check(),
      new Promise((_, reject) => {
        timer = setTimeout(() => reject(new Error('timeout')), CHECK_TIMEOUT_MS);
      }),
    ]);
    return 'ok';
  } catch {
    return 'failed';
  } finally {
    clearTimeout(timer);
  }
}

/**
 * Liveness and readiness for orchestrators. Public and not rate limited (a probe every second
 * must not eat a user's budget or be refused). Neither says more than ok/failed per dependency.
 */
export const healthRoutes: readonly RouteDefinition[] = [
  defineRoute({
    method: 'get',
    path: '/healthz',
    operation: 'public',
    rateLimit: false,
    summary: 'Liveness: the process answers.',
    tags: ['health'],
    responses: { 200: { description: 'Alive.', schema: HealthSchema } },
    handler: async () => ({ json: { status: 'ok' } }),
  }),
  defineRoute({
    method: 'get',
    path: '/readyz',
    operation: 'public',
    rateLimit: false,
    summary: 'Readiness: the store (and Redis, when configured) answer; details: the last scheduled backup.',
    tags: ['health'],
    responses: { 200: { description: 'Ready.', schema: ReadySchema }, 503: { description: 'A dependency does not answer.' } },
    handler: async ({ deps, log }) => {
      const checks: Record<string, 'ok' | 'failed'> = {};
      for (const [name, ping] of Object.entries(deps.readiness)) checks[name] = await probe(ping);
      const failed = Object.keys(checks).filter((k) => checks[k] !== 'ok');
      // A failed backup is shown, not made a reason to take the service out of rotation: it
      // answers requests as well as before, and every instance would fail alike.
      const details = deps.readinessDetails();
      const withDetails = Object.keys(details).length > 0 ? { details } : {};
      if (failed.length > 0) {
        log.warn({ checks }, 'not ready');
        throw apiError('not-ready', `Not ready: ${failed.join(', ')} did not answer.`, { checks, ...withDetails });
      }
      return { json: { status: 'ready', checks, ...withDetails } };
    },
  }),
];
