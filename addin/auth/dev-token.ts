import { z } from 'zod';
import { DEV_TOKEN_PATH, DevTokenResponseSchema } from '../../shared/api/dev-token';
import { fail, ok, type Result } from '../../shared/result';
import type { Transport } from '../sync/http';
import { jwtPayload, ownerOfToken } from './token-owner';
import type { AuthFailure, InteractiveTokenProvider, SignedInAccount } from './token-provider';

/**
 * Development tokens, against a local service in AUTH_MODE=development: either asked from the
 * service's development endpoint (POST /api/dev/token {email} → {token, expiresAt}; the service
 * offers it only in development mode and only to callers on its own machine, a 404 elsewhere)
 * or pasted from `ops-scorecard token --user …`. Kept in memory only: a reload asks again.
 */

export { DEV_TOKEN_PATH };

const RENEW_BEFORE_MS = 60_000;

/** The claims the pane shows (who is signed in) and checks (expiry). Not a verification: the service verifies. */
const ClaimsSchema = z.object({ exp: z.number().optional(), email: z.string().optional(), name: z.string().optional() });

export interface PastedToken {
  readonly token: string;
  readonly expiresOn: number | null;
  readonly account: SignedInAccount;
}

export type PasteFailure = { readonly kind: 'not-a-token' } | { readonly kind: 'expired' };

/** A pasted token, read enough to say who it is for and until when. */
export function readPastedToken(text: string, now: number): Result<PastedToken, PasteFailure> {
  const token = text.trim().replace(/^Bearer\s+/i, '');
  const parsed = ClaimsSchema.safeParse(jwtPayload(token));
  if (!parsed.success) return fail({ kind: 'not-a-token' });
  const claims = parsed.data;
  const expiresOn = claims.exp === undefined ? null : claims.exp * 1000;
  if (expiresOn !== null && expiresOn <= now) return fail({ kind: 'expired' });
  const username = claims.email ?? 'developer';
  return ok({ token, expiresOn, account: { name: claims.name ?? username, username, owner: ownerOfToken(token) } });
}

export interface DevTokenOptions {
  readonly baseUrl: string;
  readonly transport: Transport;
  readonly now?: () => number;
}

/** The development provider: an e-mail for the endpoint, or a pasted token; whichever was set last. */
export class DevTokenProvider implements InteractiveTokenProvider {
  readonly method = 'development' as const;
  private email: string | null = null;
  private held: { token: string; expiresOn: number | null } | null = null;
  private signedIn: SignedInAccount | null = null;
  private readonly now: () => number;

  constructor(private readonly options: DevTokenOptions) {
    this.now = options.now ?? Date.now;
  }

  useEmail(email: string): void {
    this.email = email.trim();
    this.held = null;
    this.signedIn = null;
  }

  usePasted(text: string): Result<SignedInAccount, PasteFailure> {
    const pasted = readPastedToken(text, this.now());
    if (!pasted.ok) return pasted;
    this.email = null;
    this.held = { token: pasted.value.token, expiresOn: pasted.value.expiresOn };
    this.signedIn = pasted.value.account;
    return ok(pasted.value.account);
  }

  signOut(): void {
    this.email = null;
    this.held = null;
    this.signedIn = null;
  }

  account(): SignedInAccount | null {
    return this.signedIn;
  }

  async signIn(): Promise<Result<SignedInAccount, AuthFailure>> {
    const token = await this.getToken();
    if (!token.ok) return token;
    return this.signedIn ? ok(this.signedIn) : fail({ kind: 'not-configured' });
  }

  async getToken(): Promise<Result<string, AuthFailure>> {
    const held = this.held;
    if (held && (held.expiresOn === null || held.expiresOn - RENEW_BEFORE_MS > this.now())) return ok(held.token);
    if (this.email === null) {
      // A pasted token that expired cannot be renewed from here.
      return fail(held ? { kind: 'interaction-required' } : { kind: 'not-configured' });
    }
    const email = this.email;
    const answer = await this.options.transport({
      method: 'POST',
      url: this.options.baseUrl.replace(/\/+$/, '') + DEV_TOKEN_PATH,
      headers: { 'Content-Type': 'application/json', Accept: 'application/json' },
      body: JSON.stringify({ email }),
      timeoutMs: 10_000,
    });
    if (!answer.ok) return fail({ kind: 'unavailable', code: `network_${answer.error.reason}` });
    const { status, body } = answer.value;
    // 404: the service gives no development tokens (AUTH_MODE=entra, or this pane is on another
    // machine than the service): the pane says so and how to paste one instead.
    if (status === 404) return fail({ kind: 'dev-tokens-not-offered' });
    if (status >= 500) return fail({ kind: 'unavailable', code: `http_${status}` });
    if (status !== 200) return fail({ kind: 'rejected', code: `http_${status}` });
    let parsed: z.infer<typeof DevTokenResponseSchema>;
    try {
      const p = DevTokenResponseSchema.safeParse(JSON.parse(body));
      if (!p.success) return fail({ kind: 'rejected', code: 'dev_token_response' });
      parsed = p.data;
    } catch {
      return fail({ kind: 'rejected', code: 'dev_token_response' });
    }
    const expiresOn = Date.parse(parsed.expiresAt);
    this.held = { token: parsed.token, expiresOn: Number.isNaN(expiresOn) ? null : expiresOn };
    this.signedIn = { name: email, username: email, owner: ownerOfToken(parsed.token) };
    return ok(parsed.token);
  }
}

/** Nothing to sign in with: the service could not be asked how, or the pane has no service. */
export const NO_SIGN_IN: InteractiveTokenProvider = {
  method: 'none',
  getToken: async () => fail({ kind: 'not-configured' }),
  signIn: async () => fail({ kind: 'not-configured' }),
  account: () => null,
  signOut: () => undefined,
};
