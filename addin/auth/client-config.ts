import { fail, ok, type Result } from '../../shared/result';
import type { Transport } from '../sync/http';

/**
 * How the pane should sign in, asked from the service that serves it (same origin):
 * GET /api/v1/client-config. Public (no token), cacheable for a few minutes. The service
 * derives it from its own configuration, so IT sets the Entra values in one place only.
 *   development: { auth: { mode: 'development' } }
 *   entra:       { auth: { mode: 'entra', clientId, authority, scopes: ['api://<clientId>/Scorecard.ReadWrite'] } }
 * (Defined here until it moves to shared/api/; the service's route validates with the same shape.)
 */
export { CLIENT_CONFIG_PATH, ClientConfigSchema, type ClientConfig } from '../../shared/api/client-config';
import { CLIENT_CONFIG_PATH, ClientConfigSchema, type ClientConfig } from '../../shared/api/client-config';

export type ConfigFailure = { readonly kind: 'unreachable' } | { readonly kind: 'missing' } | { readonly kind: 'invalid' };

export async function fetchClientConfig(baseUrl: string, transport: Transport): Promise<Result<ClientConfig, ConfigFailure>> {
  const answer = await transport({
    method: 'GET',
    url: baseUrl.replace(/\/+$/, '') + CLIENT_CONFIG_PATH,
    headers: { Accept: 'application/json' },
    timeoutMs: 5_000,
  });
  if (!answer.ok) return fail({ kind: 'unreachable' });
  if (answer.value.status === 404) return fail({ kind: 'missing' });
  if (answer.value.status !== 200) return fail({ kind: answer.value.status >= 500 ? 'unreachable' : 'invalid' });
  try {
    const parsed = ClientConfigSchema.safeParse(JSON.parse(answer.value.body));
    return parsed.success ? ok(parsed.data) : fail({ kind: 'invalid' });
  } catch {
    return fail({ kind: 'invalid' });
  }
}
