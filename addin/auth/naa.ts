import type { AuthenticationResult, Configuration, IPublicClientApplication } from '@azure/msal-browser';
import { fail, ok, type Result } from '../../shared/result';
import { ownerOfToken } from './token-owner';
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

/**
 * MSAL is loaded only here, when Entra sign-in is configured and first needed: a separate chunk
 * of the pane's bundle (a third of it), which preview mode and development sign-in never fetch.
 */
export const lazyNestablePca: PcaFactory = async (configuration) =>
  (await import('@azure/msal-browser')).createNestablePublicClientApplication(configuration);

/** MSAL's InteractionRequiredAuthError, known by its name so that this module need not load MSAL. */
function isInteractionRequired(error: unknown): boolean {
  return typeof error === 'object' && error !== null && (error as { name?: unknown }).name === 'InteractionRequiredAuthError';
}

/** MSAL's codes that mean "the user must act", though not InteractionRequiredAuthError. */
const NEEDS_USER = new Set(['no_account_error', 'login_required', 'consent_required', 'interaction_required']);
const CANCELLED = new Set(['user_cancelled']);
const UNAVAILABLE = new Set(['no_network_connectivity', 'timed_out', 'monitor_window_timeout', 'endpoints_resolution_error']);
/** Pop-up blocked: the user has to start sign-in from a click. */
const BLOCKED = new Set(['popup_window_error', 'empty_window_error']);

export function authFailureOf(error: unknown): AuthFailure {
  const code = errorCode(error);
  if (CANCELLED.has(code)) return { kind: 'cancelled' };
  if (BLOCKED.has(code) || NEEDS_USER.has(code) || isInteractionRequired(error)) return { kind: 'interaction-required' };
  if (UNAVAILABLE.has(code)) return { kind: 'unavailable', code };
  return { kind: 'rejected', code };
}

function needsUser(error: unknown): boolean {
  return isInteractionRequired(error) || NEEDS_USER.has(errorCode(error));
}

export function createNaaTokenProvider(
  options: EntraClientOptions,
  factory: PcaFactory = lazyNestablePca,
): InteractiveTokenProvider {
  let pca: Promise<IPublicClientApplication> | null = null;
  let signedIn: SignedInAccount | null = null;
  const request = { scopes: [...options.scopes] };

  const client = () => (pca ??= factory({ auth: { clientId: options.clientId, authority: options.authority } }));

  const remember = (result: AuthenticationResult): string => {
    if (result.account) {
      const { tenantId, localAccountId } = result.account;
      const owner = tenantId && localAccountId ? { tenantId, userId: localAccountId } : ownerOfToken(result.accessToken);
      signedIn = { name: result.account.name ?? result.account.username, username: result.account.username, owner };
    }
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
    signOut() {
      // The pane forgets the account; Office keeps its own sign-in (NAA: the host's account).
      signedIn = null;
      const app = pca;
      pca = null;
      void app?.then((a) => a.clearCache?.()).catch(() => undefined);
    },
  };
}
