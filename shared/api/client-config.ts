import { z } from 'zod';

/**
 * How the task pane should sign in, asked from the service that serves it (same origin):
 * GET /api/v1/client-config. Public (no token): it holds no secret, only what the pane needs to
 * start MSAL. IT sets the Entra values once, on the service.
 */
export const CLIENT_CONFIG_PATH = '/api/v1/client-config';

export const ClientConfigSchema = z.object({
  auth: z.discriminatedUnion('mode', [
    z.object({ mode: z.literal('development') }),
    z.object({
      mode: z.literal('entra'),
      clientId: z.string().regex(/^[0-9a-f-]{36}$/i),
      authority: z.string().startsWith('https://'),
      scopes: z.array(z.string().min(1)).min(1),
    }),
  ]),
});
export type ClientConfig = z.infer<typeof ClientConfigSchema>;

