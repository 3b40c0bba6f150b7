import { z } from 'zod';
import { PERSPECTIVES } from '../engine/scorecard-types';
import { KpiTrendSchema } from './scorecard-trend';

/** `GET /api/v1/workspaces/:ws/scorecard?period=P` and the CLI's `scorecard --json`. */
export const ScorecardReportSchema = z.object({
  rows: z.array(
    z.object({
      period: z.string(),
      department: z.string(),
      kpi: z.string(),
      perspective: z.enum(PERSPECTIVES).nullable(),
      actual: z.number().nullable(),
      target: z.string(),
      achievement: z.number().nullable(),
      status: z.enum(['green', 'amber', 'red', 'none']),
      weight: z.number(),
      score: z.number().nullable(),
      award: z.boolean(),
    }),
  ),
  perspectives: z.array(
    z.object({ period: z.string(), department: z.string(), perspective: z.enum(PERSPECTIVES), score: z.number().nullable() }),
  ),
  overall: z.array(z.object({ period: z.string(), department: z.string(), score: z.number().nullable() })),
  /** Per department × KPI of the report's last period: achievement over the last 12 periods at most. */
  trends: z.array(KpiTrendSchema).optional(),
  /**
   * The service's report only: changes to the workspace's KPI sheets that wait for approval
   * (docs/approval.md). The report counts approved values only; these are not in it.
   */
  pendingApprovals: z.number().int().nonnegative().optional(),
});
