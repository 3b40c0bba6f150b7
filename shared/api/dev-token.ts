import { z } from 'zod';

/**
 * Development sign-in for the task pane: POST /api/dev/token {email} → {token, expiresAt}.
 * Offered only by a service in AUTH_MODE=development (never when NODE_ENV=production) and only
 * to callers on the same machine (loopback); anywhere else the route answers 404, and the pane
 * says how to paste a token from `ops-scorecard token --user …` instead.
 */
export const DEV_TOKEN_PATH = '/api/dev/token';

export const DevTokenRequestSchema = z.strictObject({
  email: z.string().trim().min(3).max(320).regex(/^[^\s@]+@[^\s@]+$/, 'an e-mail address'),
});
export type DevTokenRequest = z.infer<typeof DevTokenRequestSchema>;

export const DevTokenResponseSchema = z.object({ token: z.string().min(1), expiresAt: z.string() });
export type DevTokenResponse = z.infer<typeof DevTokenResponseSchema>;
