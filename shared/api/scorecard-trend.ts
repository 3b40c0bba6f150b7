import { z } from 'zod';
import { PERSPECTIVES } from '../engine/scorecard-types';

/** One KPI's trend for one department (shared/engine/trend.ts): achievement per period, oldest first. */
export const KpiTrendSchema = z.object({
  department: z.string(),
  kpi: z.string(),
  perspective: z.enum(PERSPECTIVES).nullable(),
  direction: z.enum(['higher', 'lower', 'range', 'trend']),
  points: z
    .array(z.object({ period: z.string(), actual: z.number().nullable(), achievement: z.number().nullable(), change: z.number().nullable() }))
    .max(12),
  change: z.number().nullable(),
  actualChange: z.number().nullable(),
  improved: z.boolean().nullable(),
});
