import { z } from 'zod';

/** PRODUCT.md's defaults; a workspace may change the numbers. */
export const ScoringRulesSchema = z
  .object({
    /** Achievement counted in a score at most this much (120%). */
    cap: z.number().positive().default(1.2),
    /** Green from this achievement (target met). */
    greenFrom: z.number().positive().default(1),
    /** Amber from this achievement up to green; red below. */
    amberFrom: z.number().positive().default(0.9),
    /** Quarterly award: beat the target by 15%. */
    awardFrom: z.number().positive().default(1.15),
  })
  .refine((r) => r.amberFrom <= r.greenFrom, { message: 'amberFrom must not exceed greenFrom' });

export type ScoringRules = z.infer<typeof ScoringRulesSchema>;

export const DEFAULT_RULES: ScoringRules = ScoringRulesSchema.parse({});
