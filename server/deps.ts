import type { Logger } from 'pino';
import type { BackupReadiness } from '../shared/api/health';
import type { IdentityVerifier } from './access/identity';
import type { IssueAnalyser } from './analysis/issue-analyser';
import type { AppConfig } from './config';
import type { GraphClient } from './graph/graph-client';
import type { DirectoryClient } from './graph/graph-directory';
import type { MailClient } from './graph/graph-mail';
import type { RateLimiter } from './http/rate-limit';
import type { ScorecardWork } from './scorecard/scorecard-work';
import type { SheetReader } from './store/sheet-reader';
import type { Store } from './store/store-types';

/**
 * What the service is built from, handed in: tests build it with fakes, main.ts with the real
 * things. A leaf of the import graph (types only, and nothing it names imports it back), so
 * that every module may name these types without an import cycle.
 */

export interface Clock {
  now(): Date;
}

export interface AppDeps {
  readonly config: AppConfig;
  readonly store: Store;
  readonly clock: Clock;
  readonly identity: IdentityVerifier;
  /** null when Graph is not configured (no ENTRA_CLIENT_ID / ENTRA_CLIENT_SECRET). */
  readonly graph: GraphClient | null;
  /** Graph sendMail for scorecard subscriptions; absent or null when MAIL_SENDER is not set. */
  readonly mail?: MailClient | null;
  /** The Entra directory (Graph, app token) that subscription recipients are read from; with `mail`. */
  readonly directory?: DirectoryClient | null;
  readonly logger: Logger;
  readonly rateLimiter: RateLimiter;
  /** The HMAC key for pseudonyms of masked identifiers. */
  readonly pseudonymKey: Uint8Array;
  /**
   * Where a push's issues are analysed: main.ts hands them to a worker thread that runs while
   * the store writes; absent, on the request's own thread after the write (tests).
   */
  readonly issueAnalyser?: IssueAnalyser;
  /** With BACKUP_CRON: the last scheduled backup's outcome, shown in /readyz's details. */
  readonly backupStatus?: () => BackupReadiness;
  /**
   * Where scorecards are computed and their workbooks written: main.ts hands them to a pool of
   * worker threads; absent, on the request's own thread (tests).
   */
  readonly scorecardWork?: ScorecardWork;
  /** SQLite: pulls read and encoded on reader threads (main.ts); absent, by the store on the request's thread. */
  readonly sheetReader?: SheetReader;
}
