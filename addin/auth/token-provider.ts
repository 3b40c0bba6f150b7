import type { Result } from '../../shared/result';
import type { AccountOwner } from './token-owner';

/**
 * Where the sync client gets a bearer token. Three implementations: nested app authentication
 * (naa.ts), the Office dialog where NAA is missing (dialog-fallback.ts) and development tokens
 * (dev-token.ts). A token is only ever put in an Authorization header: never logged, never
 * shown, never kept in localStorage.
 */
export interface TokenProvider {
  getToken(): Promise<Result<string, AuthFailure>>;
}

/** Why there is no token, as data the pane can put into words. No token text, no stack. */
export type AuthFailure =
  /** Nothing to sign in with yet: no client configuration, no development token. */
  | { readonly kind: 'not-configured' }
  /** The user has to act (sign in, consent) and the flow could not ask them from here. */
  | { readonly kind: 'interaction-required' }
  /** The user closed the sign-in window or dialog. */
  | { readonly kind: 'cancelled' }
  /** The identity platform or the development endpoint could not be reached. */
  | { readonly kind: 'unavailable'; readonly code: string }
  /** The identity platform answered no (consent denied, account disabled, bad configuration). */
  | { readonly kind: 'rejected'; readonly code: string }
  /** The service gives no development tokens (production, Entra, or a pane on another machine). */
  | { readonly kind: 'dev-tokens-not-offered' }
  /** The token is another account's than the one a queued push belongs to: not sent. */
  | { readonly kind: 'wrong-account' };

/** Who is signed in, for the pane's sign-in state. */
export interface SignedInAccount {
  readonly name: string;
  readonly username: string;
  /** Tenant and immutable user id, from the token: what queued pushes and snapshots are keyed by. */
  readonly owner: AccountOwner | null;
}

export type AuthMethod = 'naa' | 'dialog' | 'development' | 'none';

/** A provider the pane can also ask to sign in (a button) and who is signed in. */
export interface InteractiveTokenProvider extends TokenProvider {
  readonly method: AuthMethod;
  signIn(): Promise<Result<SignedInAccount, AuthFailure>>;
  account(): SignedInAccount | null;
  /** Forgets the account and its tokens in this pane. */
  signOut(): void;
}

/** A safe code for an error thrown by a library: its `errorCode` or name, capped, never its message. */
export function errorCode(error: unknown): string {
  if (typeof error === 'object' && error !== null) {
    const { errorCode: code, name } = error as { errorCode?: unknown; name?: unknown };
    if (typeof code === 'string' && /^[\w.-]{1,80}$/.test(code)) return code;
    if (typeof name === 'string' && /^[\w.-]{1,80}$/.test(name)) return name;
  }
  return 'unknown';
}
