import { mkdtempSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Writable } from 'node:stream';
import { SignJWT, exportJWK, exportSPKI, generateKeyPair, type JWK, type JWTPayload, type KeyLike } from 'jose';
import type { Logger } from 'pino';
import { createDevTokens, type DevTokens } from '../../../server/access/dev-tokens';
import { createEntraVerifier, type EntraVerifierOptions } from '../../../server/access/entra-verifier';
import type { IdentityVerifier } from '../../../server/access/identity';
import { createApp, type AppDeps } from '../../../server/app';
import { loadConfig, type AppConfig } from '../../../server/config';
import { createLogger } from '../../../server/http/logger';
import { memoryRateLimiter } from '../../../server/http/rate-limit';
import type { RouteDefinition } from '../../../server/http/route';
import { FakeStore } from '../../fixtures/fake-store';

/** A fixed instant: tokens and rate-limit windows are computed from it, never from the wall clock. */
export const NOW = new Date('2026-03-02T09:30:00.000Z');
export const fixedClock = { now: () => NOW };
export const nowSeconds = Math.floor(NOW.getTime() / 1000);

export const TENANT = '11111111-2222-3333-4444-555555555555';
export const OTHER_TENANT = '99999999-8888-7777-6666-555555555555';
export const CLIENT_ID = 'aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee';
export const SCOPE = 'Scorecard.ReadWrite';

export function tempDir(): string {
  return mkdtempSync(path.join(tmpdir(), 'ops-scorecard-http-'));
}

/** A valid configuration from a test environment; a bad one is a bug of the test. */
export function testConfig(env: Record<string, string> = {}): AppConfig {
  const loaded = loadConfig({ NODE_ENV: 'test', LOG_LEVEL: 'silent', DATA_DIR: tempDir(), BOOTSTRAP_ADMINS: 'boss@contoso.com', ...env });
  if (!loaded.ok) throw new Error(`test config: ${JSON.stringify(loaded.error)}`);
  return loaded.value;
}

/** A logger whose lines land in `lines` (one JSON string each). */
export function capturingLogger(level: 'info' | 'debug' | 'warn' = 'info'): { logger: Logger; lines: string[] } {
  const lines: string[] = [];
  const destination = new Writable({
    write(chunk: Buffer, _enc, done) {
      lines.push(chunk.toString('utf8'));
      done();
    },
  });
  return { logger: createLogger({ level, destination }), lines };
}

export const silentLogger = (): Logger => createLogger({ level: 'silent' });

// ---------------------------------------------------------------------------------------------
// Entra-like keys and tokens, all local.

export interface EntraKeys {
  readonly privateKey: KeyLike;
  readonly publicJwk: JWK;
  readonly kid: string;
  /** The public key as SPKI PEM (for the HS256 key-confusion attack). */
  readonly publicPem: string;
}

export async function entraKeys(kid = 'test-key-1'): Promise<EntraKeys> {
  const { privateKey, publicKey } = await generateKeyPair('RS256', { extractable: true });
  const publicJwk = { ...(await exportJWK(publicKey)), kid, alg: 'RS256', use: 'sig' };
  return { privateKey, publicJwk, kid, publicPem: await exportSPKI(publicKey) };
}

/** A v2 delegated access token as Entra issues it for our API, with overridable claims. */
export function entraClaims(overrides: Record<string, unknown> = {}): JWTPayload {
  return {
    iss: `https://login.microsoftonline.com/${TENANT}/v2.0`,
    aud: CLIENT_ID,
    tid: TENANT,
    oid: '0b0b0b0b-1111-2222-3333-444444444444',
    sub: 'pairwise-subject',
    ver: '2.0',
    scp: `${SCOPE} User.Read`,
    preferred_username: 'Ann@Contoso.com',
    name: 'Ann',
    azp: CLIENT_ID,
    iat: nowSeconds - 60,
    nbf: nowSeconds - 60,
    exp: nowSeconds + 3600,
    ...overrides,
  };
}

export async function signEntra(keys: EntraKeys, claims: JWTPayload = entraClaims(), header: Record<string, unknown> = {}): Promise<string> {
  return new SignJWT(claims).setProtectedHeader({ alg: 'RS256', kid: keys.kid, typ: 'JWT', ...header }).sign(keys.privateKey);
}

export function entraVerifier(keys: EntraVerifierOptions['keys'], overrides: Partial<EntraVerifierOptions> = {}): IdentityVerifier {
  return createEntraVerifier({
    tenantIds: [TENANT],
    audiences: [CLIENT_ID],
    requiredScope: SCOPE,
    authority: 'https://login.microsoftonline.com',
    keys,
    clock: fixedClock,
    ...overrides,
  });
}

/** A JWKS endpoint on 127.0.0.1 that counts its hits. */
export async function jwksServer(keys: readonly JWK[]): Promise<{ url: URL; hits: () => number; close: () => Promise<void> }> {
  let hits = 0;
  const server: Server = createServer((_req, res) => {
    hits++;
    res.setHeader('content-type', 'application/json');
    res.end(JSON.stringify({ keys }));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: new URL(`http://127.0.0.1:${port}/common/discovery/v2.0/keys`),
    hits: () => hits,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

// ---------------------------------------------------------------------------------------------
// Development tokens and the app.

export async function devTokens(): Promise<DevTokens> {
  const { privateKey } = await generateKeyPair('ES256', { extractable: true });
  return createDevTokens({ privateJwk: await exportJWK(privateKey), nodeEnv: 'test', requiredScope: SCOPE, clock: fixedClock });
}

export interface TestApp {
  readonly app: ReturnType<typeof createApp>;
  readonly store: FakeStore;
  readonly deps: AppDeps;
}

export function testApp(parts: Partial<AppDeps> & { identity: IdentityVerifier; routes?: readonly RouteDefinition[] }): TestApp {
  const config = parts.config ?? testConfig();
  const store = parts.store instanceof FakeStore ? parts.store : new FakeStore();
  const { routes, ...given } = parts;
  const deps: AppDeps = {
    config,
    store,
    clock: fixedClock,
    graph: null,
    logger: silentLogger(),
    rateLimiter: memoryRateLimiter({ limit: 1000, windowMs: 60_000, clock: fixedClock }),
    pseudonymKey: new Uint8Array(32).fill(7),
    ...given,
  };
  return { app: createApp(deps, { extraRoutes: routes ?? [] }), store, deps };
}
