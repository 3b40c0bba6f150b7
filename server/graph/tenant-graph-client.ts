import type { Logger } from 'pino';
import type { AppConfig } from '../config';
import { MsalGraphClient } from './msal-graph-client';

/**
 * The service's Microsoft Graph client for one Entra tenant, from its configuration: the app's
 * client credentials against that tenant's authority. null without Entra sign-in or without
 * credentials (ENTRA_CLIENT_ID / ENTRA_CLIENT_SECRET). Used for each tenant's group reads, the
 * home tenant's mail and the SharePoint upload.
 */
export function tenantGraphClient(config: AppConfig, tenantId: string, logger: Logger): MsalGraphClient | null {
  const auth = config.auth;
  const credentials = config.graph.credentials;
  if (auth.mode !== 'entra' || credentials === null) return null;
  return new MsalGraphClient({
    tenantId,
    clientId: credentials.clientId,
    clientSecret: credentials.clientSecret.reveal(),
    authority: `${auth.authority}/${tenantId}`,
    graphBaseUrl: config.graph.baseUrl,
    log: logger,
  });
}
