import type { Transport } from '../sync/http';
import type { ClientConfig, ConfigFailure } from './client-config';
import { createDialogTokenProvider, type DialogHost } from './dialog-fallback';
import { DevTokenProvider, NO_SIGN_IN } from './dev-token';
import { createNaaTokenProvider } from './naa';
import type { InteractiveTokenProvider } from './token-provider';
import type { Result } from '../../shared/result';

/**
 * Which way the pane signs in, decided once at start-up:
 *   Entra + Office with NestedAppAuth 1.1  → NAA (Office brokers the token);
 *   Entra + Office without it              → the Office dialog (auth-dialog.html);
 *   Entra in a plain browser (preview)     → MSAL's browser pop-up (NAA's own fallback);
 *   development                            → development tokens (endpoint or pasted);
 *   no answer from the service             → development tokens too, so a pasted token works.
 */

export interface ProviderEnvironment {
  readonly config: Result<ClientConfig, ConfigFailure>;
  readonly inOffice: boolean;
  readonly naaSupported: boolean;
  readonly baseUrl: string;
  readonly transport: Transport;
  readonly dialogHost: DialogHost | null;
}

export function chooseTokenProvider(env: ProviderEnvironment): InteractiveTokenProvider {
  if (!env.config.ok) return new DevTokenProvider({ baseUrl: env.baseUrl, transport: env.transport });
  const auth = env.config.value.auth;
  if (auth.mode === 'development') return new DevTokenProvider({ baseUrl: env.baseUrl, transport: env.transport });
  const entra = { clientId: auth.clientId, authority: auth.authority, scopes: auth.scopes };
  if (env.inOffice && !env.naaSupported) {
    if (!env.dialogHost) return NO_SIGN_IN;
    return createDialogTokenProvider({
      pageUrl: env.baseUrl.replace(/\/+$/, '') + '/auth-dialog.html',
      host: env.dialogHost,
    });
  }
  return createNaaTokenProvider(entra);
}
