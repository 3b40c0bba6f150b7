import { z } from 'zod';

/** GET /healthz: the process is up. */
export const HealthSchema = z.object({ status: z.literal('ok') });

/** GET /readyz when every dependency answered; a 503 problem otherwise. */
export const ReadySchema = z.object({ status: z.literal('ready'), checks: z.record(z.string(), z.literal('ok')) });
