import {
  createNestablePublicClientApplication,
  InteractionRequiredAuthError,
  type AuthenticationResult,
  type Configuration,
  type IPublicClientApplication,
} from '@azure/msal-browser';
import { fail, ok, type Result } from '../../shared/result';
import { errorCode, type AuthFailure, type InteractiveTokenProvider, type SignedInAccount } from './token-provider';

/**
 * Nested app authentication: Office (the host) signs the user in and brokers tokens for the
 * add-in, so there is no sign-in page and no pop-up in the common case. Silent first; when the
 * identity platform wants the user (first consent, MFA, expired session), a pop-up the host
 * opens. Outside Office (preview mode) the same MSAL object falls back to the ordinary browser
 * flow with a pop-up on the task pane's own origin.
 */

export interface EntraClientOptions {
  readonly clientId: string;
  /** https://login.microsoftonline.com/<tenant id> (or /organizations for several tenants). */
  readonly authority: string;
  /** api://<client id>/Scorecard.ReadWrite */
  readonly scopes: readonly string[];
}

export type PcaFactory = (configuration: Configuration) => Promise<IPublicClientApplication>;

/** MSAL's codes that mean "the user must act", though not InteractionRequiredAuthError. */
const NEEDS_USER = new Set(['no_account_error', 'login_required', 'consent_required', 'interaction_required']);
const CANCELLED = new Set(['user_cancelled']);
const UNAVAILABLE = new Set(['no_network_connectivity', 'timed_out', 'monitor_window_timeout', 'endpoints_resolution_error']);
/** Pop-up blocked: the user has to start sign-in from a click. */
const BLOCKED = new Set(['popup_window_error', 'empty_window_error']);

export function authFailureOf(error: unknown): AuthFailure {
  const code = errorCode(error);
  if (CANCELLED.has(code)) return { kind: 'cancelled' };
  if (BLOCKED.has(code) || NEEDS_USER.has(code) || error instanceof InteractionRequiredAuthError) return { kind: 'interaction-required' };
  if (UNAVAILABLE.has(code)) return { kind: 'unavailable', code };
  return { kind: 'rejected', code };
}

function needsUser(error: unknown): boolean {
  return error instanceof InteractionRequiredAuthError || NEEDS_USER.has(errorCode(error));
}

export function createNaaTokenProvider(
  options: EntraClientOptions,
  factory: PcaFactory = createNestablePublicClientApplication,
): InteractiveTokenProvider {
  let pca: Promise<IPublicClientApplication> | null = null;
  let signedIn: SignedInAccount | null = null;
  const request = { scopes: [...options.scopes] };

  const client = () => (pca ??= factory({ auth: { clientId: options.clientId, authority: options.authority } }));

  const remember = (result: AuthenticationResult): string => {
    if (result.account) signedIn = { name: result.account.name ?? result.account.username, username: result.account.username };
    return result.accessToken;
  };

  async function token(interactive: boolean): Promise<Result<string, AuthFailure>> {
    let app: IPublicClientApplication;
    try {
      app = await client();
    } catch (error) {
      pca = null;
      return fail(authFailureOf(error));
    }
    try {
      const account = app.getActiveAccount() ?? app.getAllAccounts()[0];
      return ok(remember(await app.acquireTokenSilent(account ? { ...request, account } : request)));
    } catch (error) {
      if (!needsUser(error)) return fail(authFailureOf(error));
      if (!interactive) return fail({ kind: 'interaction-required' });
    }
    try {
      return ok(remember(await app.acquireTokenPopup(request)));
    } catch (error) {
      return fail(authFailureOf(error));
    }
  }

  return {
    method: 'naa',
    // Under NAA, Office opens the pop-up itself, so asking from a background sync is fine.
    getToken: () => token(true),
    async signIn() {
      const result = await token(true);
      if (!result.ok) return result;
      return signedIn ? ok(signedIn) : fail({ kind: 'rejected', code: 'no_account' });
    },
    account: () => signedIn,
  };
}
