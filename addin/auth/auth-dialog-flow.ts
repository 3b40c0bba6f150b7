import type { ClientConfig } from '../../shared/api/client-config';
import type { Result } from '../../shared/result';
import type { ConfigFailure } from './client-config';
import { dialogParamsOf, type DialogMessage } from './dialog-protocol';
import { errorCode } from './token-provider';

/**
 * What the page inside the Office sign-in dialog does (auth-dialog-page.ts wires it to Office
 * and MSAL): ask the service that serves it how to sign in, run the ordinary MSAL redirect flow
 * with THOSE values, and send the token to the task pane. The page's own URL is never read for
 * the client id, the authority or the scopes. Nothing is logged; an error travels as a code.
 */

export interface RedirectClient {
  handleRedirectPromise(): Promise<{ accessToken: string; expiresOn: Date | null; account: { name?: string; username: string } } | null>;
  loginRedirect(request: { scopes: string[] }): Promise<void>;
}

export interface DialogPageEnv {
  fetchConfig(): Promise<Result<ClientConfig, ConfigFailure>>;
  createClient(auth: { clientId: string; authority: string; redirectUri: string }): Promise<RedirectClient>;
  /** This page's address without its query: where the identity platform sends the user back. */
  readonly redirectUri: string;
  send(message: DialogMessage): void;
  now(): number;
}

export async function runDialogFlow(env: DialogPageEnv): Promise<void> {
  const config = await env.fetchConfig();
  if (!config.ok) return env.send({ type: 'error', code: `client_config_${config.error.kind}` });
  const params = dialogParamsOf(config.value);
  if (!params) return env.send({ type: 'error', code: 'entra_not_configured' });
  try {
    const client = await env.createClient({ clientId: params.clientId, authority: params.authority, redirectUri: env.redirectUri });
    const result = await client.handleRedirectPromise();
    if (result) {
      return env.send({
        type: 'token',
        accessToken: result.accessToken,
        expiresOn: result.expiresOn?.getTime() ?? env.now() + 5 * 60_000,
        account: { name: result.account.name ?? result.account.username, username: result.account.username },
      });
    }
    await client.loginRedirect({ scopes: [...params.scopes] });
  } catch (error) {
    env.send({ type: 'error', code: errorCode(error) });
  }
}
