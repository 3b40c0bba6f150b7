import { ClientConfigSchema, type ClientConfig } from '../../shared/api/client-config';
import type { AppConfig } from '../config';
import { defineRoute, type RouteDefinition } from '../http/route';

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * What the pane needs to start MSAL, derived from the service's own Entra settings: the API's
 * application id (the GUID among ENTRA_AUDIENCE, which v2 access tokens carry as `aud`), the
 * authority (the single tenant, or `organizations` for several) and the API scope.
 */
export function clientConfigOf(config: AppConfig): ClientConfig {
  const auth = config.auth;
  if (auth.mode === 'development') return { auth: { mode: 'development' } };
  const clientId = auth.audiences.find((a) => GUID.test(a)) ?? auth.audiences[0]!.replace(/^api:\/\//, '');
  const tenant = auth.tenantIds.length === 1 ? auth.tenantIds[0]! : 'organizations';
  return {
    auth: {
      mode: 'entra',
      clientId,
      authority: `${auth.authority.replace(/\/+$/, '')}/${tenant}`,
      scopes: [`api://${clientId}/${auth.requiredScope}`],
    },
  };
}

export const clientConfigRoutes: readonly RouteDefinition[] = [
  defineRoute({
    method: 'get',
    path: '/api/v1/client-config',
    operation: 'public',
    summary: 'How the task pane signs in (development tokens or Entra ID), from the service configuration.',
    tags: ['health'],
    responses: { 200: { description: 'Sign-in settings for the pane; no secret.', schema: ClientConfigSchema } },
    handler: async ({ deps }) => ({ json: clientConfigOf(deps.config) }),
  }),
];
