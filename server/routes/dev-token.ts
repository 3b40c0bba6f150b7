import { z } from 'zod';
import { DEV_TOKEN_PATH, DevTokenRequestSchema, DevTokenResponseSchema } from '../../shared/api/dev-token';
import { createDevTokens, type DevTokens } from '../access/dev-tokens';
import { localDevSigningKey } from '../access/local-keys';
import type { RouteDeps } from '../http/route-deps';
import { apiError } from '../http/api-error';
import { defineRoute, type RouteDefinition } from '../http/route';

/**
 * POST /api/dev/token {email}: a development token for the task pane's "Get a development
 * token" button, the same token `ops-scorecard token --user EMAIL` prints.
 *
 * Who gets one: anyone who can already mint one. A development token is signed with the key in
 * DATA_DIR; whoever runs the service can read it. So the route answers only when
 *   - the service runs in AUTH_MODE=development (never with Entra, never when
 *     NODE_ENV=production: the configuration refuses development mode there, and this route
 *     checks again), and
 *   - the request comes from this machine (the socket's own address, not a forwarded header),
 * and is a 404 otherwise, exactly as if it did not exist. Lifetime: one hour.
 */

const LIFETIME_SECONDS = 3600;
const LOOPBACK = /^(?:127\.\d{1,3}\.\d{1,3}\.\d{1,3}|::1|::ffff:127\.\d{1,3}\.\d{1,3}\.\d{1,3})$/;

/** One signer per key file and process: loading the key is a file read. */
const signers = new Map<string, Promise<DevTokens>>();

function signerFor(deps: RouteDeps, keyFile: string, requiredScope: string): Promise<DevTokens> {
  let signer = signers.get(keyFile);
  if (!signer) {
    signer = (async () => {
      const key = await localDevSigningKey(keyFile);
      if (!key.ok) throw new Error(key.error);
      return createDevTokens({ privateJwk: key.value, nodeEnv: deps.config.nodeEnv, requiredScope, clock: deps.clock });
    })();
    signer.catch(() => signers.delete(keyFile));
    signers.set(keyFile, signer);
  }
  return signer;
}

export function devTokensOffered(deps: Pick<RouteDeps, 'config'>, remoteAddress: string | undefined): boolean {
  const { config } = deps;
  if (config.production || config.nodeEnv === 'production' || process.env.NODE_ENV === 'production') return false;
  if (config.auth.mode !== 'development') return false;
  return remoteAddress !== undefined && LOOPBACK.test(remoteAddress);
}

export const devTokenRoutes: readonly RouteDefinition[] = [
  defineRoute({
    method: 'post',
    path: DEV_TOKEN_PATH,
    operation: 'public',
    summary: 'A development token for an e-mail address (development mode, callers on this machine only; 404 elsewhere).',
    tags: ['health'],
    body: DevTokenRequestSchema,
    bodyLimitBytes: 4096,
    responses: {
      200: { description: 'A development token, valid for one hour.', schema: DevTokenResponseSchema },
      404: { description: 'Not offered: production, Entra sign-in, or a caller on another machine.' },
    },
    handler: async ({ deps, req, body }) => {
      const auth = deps.config.auth;
      if (auth.mode !== 'development' || !devTokensOffered(deps, req.socket.remoteAddress)) throw apiError('not-found');
      const signer = await signerFor(deps, auth.signingKeyFile, auth.requiredScope);
      const email = body.email.toLowerCase();
      const token = await signer.sign({ email, ttlSeconds: LIFETIME_SECONDS });
      const expiresAt = new Date(deps.clock.now().getTime() + LIFETIME_SECONDS * 1000).toISOString();
      const answer: z.infer<typeof DevTokenResponseSchema> = { token, expiresAt };
      // A token is a credential: never stored by a cache on the way.
      return { json: answer, headers: { 'Cache-Control': 'no-store' } };
    },
  }),
];
