import os from 'node:os';
import type { Logger } from 'pino';
import type { AppConfig } from '../config';
import { tenantGraphClient } from '../graph/tenant-graph-client';
import type { ScorecardWork } from '../scorecard/scorecard-work';
import type { Store } from '../store/store-types';
import { publishScorecardsJob } from './publish-scorecards';
import { startScheduler, type ScheduledJob, type Scheduler } from './scheduler';

/**
 * The service's scheduled work, from its configuration: with SCORECARD_CRON set, the managers'
 * scorecard workbooks are regenerated into SCORECARD_DIR (and uploaded to SharePoint when
 * SHAREPOINT_DRIVE_ID is set, with Entra client credentials). Every instance runs the timer;
 * the store lets exactly one of them claim each firing.
 */
export function startServiceSchedule(
  config: AppConfig,
  store: Store,
  logger: Logger,
  pseudonymKey: Uint8Array,
  extraJobs: readonly ScheduledJob[] = [],
  scorecardWork?: ScorecardWork,
  warmScorecards?: () => Promise<number>,
): Scheduler | null {
  const cron = config.scorecard.cron;
  if (cron === null) {
    // Other scheduled work (the backup, server/backup/backup-schedule.ts) runs without scorecards.
    return extraJobs.length === 0 ? null : startScheduler(extraJobs, { store, instanceId: `${os.hostname()}:${process.pid}`, log: logger });
  }
  const auth = config.auth;
  // Development has one tenant (the development tokens'); with Entra, the allowed tenants.
  const tenants = auth.mode === 'entra' ? [...auth.tenantIds] : ['dev-tenant'];
  const credentials = config.graph.credentials;
  const sharePoint =
    config.sharePoint !== null && auth.mode === 'entra' && credentials !== null
      ? { tenantId: auth.tenantIds[0]!, driveId: config.sharePoint.driveId, folder: config.sharePoint.folder }
      : undefined;
  if (config.sharePoint !== null && sharePoint === undefined) {
    logger.warn({}, 'SHAREPOINT_DRIVE_ID is set but Entra client credentials are not: scorecards go to the folder only');
  }
  const graph = sharePoint ? (tenantGraphClient(config, sharePoint.tenantId, logger) ?? undefined) : undefined;
  const job = publishScorecardsJob(
    { dir: config.scorecard.dir, locale: 'zh-CN', audience: config.scorecard.audience, ...(sharePoint ? { sharePoint } : {}) },
    { store, pseudonymKey, tenants: async () => tenants, ...(graph ? { graph } : {}), ...(scorecardWork ? { scorecardWork } : {}), ...(warmScorecards ? { warmScorecards } : {}), log: logger },
  );
  return startScheduler([{ name: 'publish-scorecards', cron, run: job }, ...extraJobs], {
    store,
    instanceId: `${os.hostname()}:${process.pid}`,
    log: logger,
  });
}
