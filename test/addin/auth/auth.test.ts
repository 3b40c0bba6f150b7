import { readFileSync } from 'node:fs';
import path from 'node:path';
import express from 'express';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { InteractionRequiredAuthError, type AuthenticationResult, type IPublicClientApplication } from '@azure/msal-browser';
import { chooseTokenProvider } from '../../../addin/auth/choose-provider';
import { fetchClientConfig } from '../../../addin/auth/client-config';
import { createDialogTokenProvider, type DialogHost } from '../../../addin/auth/dialog-fallback';
import { runDialogFlow, type DialogPageEnv, type RedirectClient } from '../../../addin/auth/auth-dialog-flow';
import type { DialogMessage } from '../../../addin/auth/dialog-protocol';
import { DevTokenProvider, readPastedToken } from '../../../addin/auth/dev-token';
import { createNaaTokenProvider } from '../../../addin/auth/naa';
import { fetchTransport } from '../../../addin/sync/progress';
import { fail, ok } from '../../../shared/result';

const b64 = (o: object) => Buffer.from(JSON.stringify(o)).toString('base64url');
const jwt = (claims: object) => `${b64({ alg: 'ES256' })}.${b64(claims)}.c2ln`;

function result(token: string): AuthenticationResult {
  return { accessToken: token, account: { username: 'ann@contoso.com', name: 'Ann' } } as unknown as AuthenticationResult;
}

describe('nested app authentication', () => {
  function fakePca(silent: () => Promise<AuthenticationResult>, popup: () => Promise<AuthenticationResult>) {
    const calls: string[] = [];
    const pca = {
      getActiveAccount: () => null,
      getAllAccounts: () => [],
      acquireTokenSilent: async () => (calls.push('silent'), silent()),
      acquireTokenPopup: async () => (calls.push('popup'), popup()),
    } as unknown as IPublicClientApplication;
    return { pca, calls };
  }
  const options = { clientId: '00000000-0000-0000-0000-000000000001', authority: 'https://login.microsoftonline.com/t', scopes: ['api://x/Scorecard.ReadWrite'] };

  it('is silent when it can be', async () => {
    const { pca, calls } = fakePca(async () => result('silent-token'), async () => result('popup-token'));
    const provider = createNaaTokenProvider(options, async () => pca);
    expect(await provider.getToken()).toEqual(ok('silent-token'));
    expect(calls).toEqual(['silent']);
    expect(provider.account()).toEqual({ name: 'Ann', username: 'ann@contoso.com', owner: null });
  });

  it('falls back to the pop-up on InteractionRequiredAuthError only', async () => {
    const needsUser = fakePca(async () => Promise.reject(new InteractionRequiredAuthError('interaction_required', 'needs the user')), async () => result('popup-token'));
    expect(await createNaaTokenProvider(options, async () => needsUser.pca).getToken()).toEqual(ok('popup-token'));
    expect(needsUser.calls).toEqual(['silent', 'popup']);

    const offline = fakePca(async () => Promise.reject(Object.assign(new Error('x'), { errorCode: 'no_network_connectivity' })), async () => result('never'));
    expect(await createNaaTokenProvider(options, async () => offline.pca).getToken()).toEqual(fail({ kind: 'unavailable', code: 'no_network_connectivity' }));
    expect(offline.calls).toEqual(['silent']);
  });

  it('reports a closed pop-up as cancelled and a blocked one as needing a click', async () => {
    const cancelled = fakePca(
      async () => Promise.reject(new InteractionRequiredAuthError('login_required', 'needs the user')),
      async () => Promise.reject(Object.assign(new Error('secret text'), { errorCode: 'user_cancelled' })),
    );
    expect(await createNaaTokenProvider(options, async () => cancelled.pca).getToken()).toEqual(fail({ kind: 'cancelled' }));
    const blocked = fakePca(
      async () => Promise.reject(new InteractionRequiredAuthError('login_required', 'needs the user')),
      async () => Promise.reject(Object.assign(new Error('x'), { errorCode: 'popup_window_error' })),
    );
    expect(await createNaaTokenProvider(options, async () => blocked.pca).getToken()).toEqual(fail({ kind: 'interaction-required' }));
  });
});

describe('dialog fallback', () => {
  function host(script: (onMessage: (m: string, origin: string | null) => void, onClosed: (code: number) => void) => void) {
    const opened: string[] = [];
    let closed = 0;
    const h: DialogHost = {
      async open(url, onMessage, onClosed) {
        opened.push(url);
        setTimeout(() => script(onMessage, onClosed), 0);
        return ok({ close: () => void closed++ });
      },
    };
    return { h, opened, closed: () => closed };
  }

  it('opens our dialog page (nothing in its URL), takes the token, and keeps it until near expiry', async () => {
    let now = 1_000_000;
    const token = jwt({ tid: 't1', oid: 'u1' });
    const message = JSON.stringify({ type: 'token', accessToken: token, expiresOn: now + 3_600_000, account: { name: 'Ann', username: 'ann@contoso.com' } });
    const { h, opened, closed } = host((onMessage) => onMessage(message, 'https://scorecard.contoso.com'));
    const provider = createDialogTokenProvider({ pageUrl: 'https://scorecard.contoso.com/auth-dialog.html', host: h, now: () => now });
    expect(await provider.getToken()).toEqual(ok(token));
    expect(closed()).toBe(1);
    expect(opened[0]).toBe('https://scorecard.contoso.com/auth-dialog.html');
    expect(provider.account()).toEqual({ name: 'Ann', username: 'ann@contoso.com', owner: { tenantId: 't1', userId: 'u1' } });
    expect(await provider.getToken()).toEqual(ok(token));
    expect(opened).toHaveLength(1);
    now += 3_590_000;
    await provider.getToken();
    expect(opened).toHaveLength(2);
  });

  it('ignores messages from another origin, maps a closed dialog to cancelled', async () => {
    const { h } = host((onMessage, onClosed) => {
      onMessage(JSON.stringify({ type: 'token', accessToken: 'evil', expiresOn: 9e15, account: { name: 'x', username: 'x' } }), 'https://evil.example');
      onClosed(12006);
    });
    const provider = createDialogTokenProvider({ pageUrl: 'https://scorecard.contoso.com/auth-dialog.html', host: h });
    expect(await provider.getToken()).toEqual(fail({ kind: 'cancelled' }));
  });
});

describe('the sign-in dialog page (issue 19, item 10)', () => {
  const SERVICE = { clientId: '00000000-0000-0000-0000-0000000000aa', authority: 'https://login.microsoftonline.com/contoso-tenant', scopes: ['api://00000000-0000-0000-0000-0000000000aa/Scorecard.ReadWrite'] };

  function page(config: DialogPageEnv['fetchConfig'], redirect: Awaited<ReturnType<RedirectClient['handleRedirectPromise']>> = null) {
    const created: unknown[] = [];
    const logins: unknown[] = [];
    const sent: DialogMessage[] = [];
    const env: DialogPageEnv = {
      fetchConfig: config,
      createClient: async (auth) => {
        created.push(auth);
        return { handleRedirectPromise: async () => redirect, loginRedirect: async (request) => void logins.push(request) };
      },
      // A crafted link: the page's URL names another app, another authority and Mail.Read. It is never read.
      redirectUri: 'https://scorecard.contoso.com/auth-dialog.html',
      send: (m) => void sent.push(m),
      now: () => 1_000,
    };
    return { env, created, logins, sent };
  }

  it('signs in to what the service’s client configuration says, whatever its own URL holds', async () => {
    const p = page(async () => ok({ auth: { mode: 'entra', ...SERVICE } }));
    await runDialogFlow(p.env);
    expect(p.created).toEqual([{ clientId: SERVICE.clientId, authority: SERVICE.authority, redirectUri: 'https://scorecard.contoso.com/auth-dialog.html' }]);
    expect(p.logins).toEqual([{ scopes: SERVICE.scopes }]);
    expect(p.sent).toEqual([]);
  });

  it('sends the token back after the redirect', async () => {
    const p = page(async () => ok({ auth: { mode: 'entra', ...SERVICE } }), { accessToken: 'tok', expiresOn: new Date(5_000), account: { name: 'Ann', username: 'ann@contoso.com' } });
    await runDialogFlow(p.env);
    expect(p.sent).toEqual([{ type: 'token', accessToken: 'tok', expiresOn: 5_000, account: { name: 'Ann', username: 'ann@contoso.com' } }]);
  });

  it('refuses to start when the service does not configure Entra, or cannot be asked', async () => {
    const dev = page(async () => ok({ auth: { mode: 'development' } }));
    await runDialogFlow(dev.env);
    expect(dev.sent).toEqual([{ type: 'error', code: 'entra_not_configured' }]);
    expect(dev.created).toEqual([]);
    const down = page(async () => fail({ kind: 'unreachable' }));
    await runDialogFlow(down.env);
    expect(down.sent).toEqual([{ type: 'error', code: 'client_config_unreachable' }]);
  });

  it('has no code left that reads sign-in settings from the page URL', () => {
    const source = readFileSync(path.join(__dirname, '..', '..', '..', 'addin', 'auth', 'auth-dialog-page.ts'), 'utf8');
    expect(source).not.toMatch(/location\.search|URLSearchParams|sessionStorage/);
  });
});

describe('development tokens', () => {
  let server: Server;
  let url = '';
  const seen: unknown[] = [];
  beforeAll(async () => {
    const app = express();
    app.use(express.json());
    app.post('/api/dev/token', (req, res) => {
      seen.push(req.body);
      res.json({ token: jwt({ email: req.body.email, exp: 4_102_444_800 }), expiresAt: '2100-01-01T00:00:00Z' });
    });
    app.get('/api/v1/client-config', (_req, res) => res.json({ auth: { mode: 'development' } }));
    await new Promise<void>((resolve) => (server = app.listen(0, '127.0.0.1', () => resolve())));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  it('asks the local service for a token for an e-mail, once, until it nears expiry', async () => {
    const provider = new DevTokenProvider({ baseUrl: url, transport: fetchTransport() });
    expect(await provider.getToken()).toEqual(fail({ kind: 'not-configured' }));
    provider.useEmail(' dev@contoso.com ');
    const a = await provider.getToken();
    const b = await provider.getToken();
    expect(a.ok && b.ok && a.value === b.value).toBe(true);
    expect(seen).toEqual([{ email: 'dev@contoso.com' }]);
    expect(provider.account()).toEqual({ name: 'dev@contoso.com', username: 'dev@contoso.com', owner: null });
  });

  it('says plainly that the service gives no development tokens (404), not "sign in first"', async () => {
    const provider = new DevTokenProvider({ baseUrl: url + '/nothing-here', transport: fetchTransport() });
    provider.useEmail('dev@contoso.com');
    expect(await provider.getToken()).toEqual(fail({ kind: 'dev-tokens-not-offered' }));
  });

  it('reads a pasted token for who and until when; refuses junk and expired ones', () => {
    const now = Date.parse('2024-03-01T00:00:00Z');
    expect(readPastedToken(`Bearer ${jwt({ email: 'a@b.c', name: 'A', exp: now / 1000 + 60, tid: 't', sub: 'u' })}\n`, now)).toMatchObject({
      ok: true,
      value: { account: { name: 'A', username: 'a@b.c', owner: { tenantId: 't', userId: 'u' } }, expiresOn: now + 60_000 },
    });
    expect(readPastedToken('hello', now)).toEqual(fail({ kind: 'not-a-token' }));
    expect(readPastedToken(jwt({ exp: now / 1000 - 1 }), now)).toEqual(fail({ kind: 'expired' }));
  });

  it('chooses the sign-in from the service’s client configuration and the host', async () => {
    const config = await fetchClientConfig(url, fetchTransport());
    expect(config).toEqual(ok({ auth: { mode: 'development' } }));
    const env = { baseUrl: url, transport: fetchTransport(), dialogHost: null, inOffice: true, naaSupported: true };
    expect(chooseTokenProvider({ ...env, config }).method).toBe('development');
    const entra = ok({ auth: { mode: 'entra' as const, clientId: '00000000-0000-0000-0000-000000000001', authority: 'https://login.microsoftonline.com/t', scopes: ['api://x/Scorecard.ReadWrite'] } });
    expect(chooseTokenProvider({ ...env, config: entra }).method).toBe('naa');
    expect(chooseTokenProvider({ ...env, config: entra, naaSupported: false, dialogHost: { open: async () => fail(12007) } }).method).toBe('dialog');
    // Preview (a plain browser): MSAL's own browser flow, through the same NAA entry point.
    expect(chooseTokenProvider({ ...env, config: entra, inOffice: false, naaSupported: false }).method).toBe('naa');
    expect(chooseTokenProvider({ ...env, config: fail({ kind: 'missing' }) }).method).toBe('development');
  });
});
