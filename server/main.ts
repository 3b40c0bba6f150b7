import type { AddressInfo } from 'node:net';
import { createServer, type Server } from 'node:http';
import { Redis } from 'ioredis';
import type { Logger } from 'pino';
import { fail, ok, type Result } from '../shared/result';
import { createDevTokens, type DevTokens } from './access/dev-tokens';
import { createEntraVerifier } from './access/entra-verifier';
import type { IdentityVerifier } from './access/identity';
import { cachingVerifier } from './access/verified-token-cache';
import { localDevSigningKey, localPseudonymKey } from './access/local-keys';
import { workerIssueAnalyser } from './analysis/issue-analyser';
import { createApp } from './app';
import type { AppDeps, Clock } from './deps';
import type { AppConfig } from './config';
import { seedDemo, type DemoInfo } from './demo/seed-demo';
import type { GraphClient } from './graph/graph-client';
import type { DirectoryClient } from './graph/graph-directory';
import type { MailClient } from './graph/graph-mail';
import { tenantGraphClient } from './graph/tenant-graph-client';
import { createLogger } from './http/logger';
import { memoryRateLimiter, redisRateLimiter, type RateLimiter } from './http/rate-limit';
import { backupScheduledJob } from './backup/backup-schedule';
import { backupStatusBoard } from './backup/backup-status';
import { WARM_AFTER_SCHEDULE_MS } from './scorecard/scorecard-service';
import { startServiceSchedule } from './schedule/service-schedule';
import { buildServices } from './services';
import { startSubscriptionTimer } from './subscriptions/subscription-schedule';
import { pooledScorecardWork } from './scorecard/scorecard-work';
import { heavyWorkerScript, type HeavyAnswer, type HeavyTask } from './workers/heavy-tasks';
import { createWorkerPool } from './workers/worker-pool';
import { databaseConfigFromEnv, openStore } from './store/open-store';
import { storeSheetReader, type SheetReader } from './store/sheet-reader';

/**
 * The service's start and stop: the dependencies built from a valid AppConfig, the app
 * listening, and a graceful shutdown. `ops-scorecard serve` (server/cli/commands/serve.ts)
 * drives it; expected failures (a port in use, a key file that is not one, a database that
 * does not answer) come back as a message, not a stack.
 */

export const systemClock: Clock = { now: () => new Date() };

const SHUTDOWN_GRACE_MS = 10_000;

export interface RunningService {
  /** http://host:port, a URL that works from this machine. */
  readonly url: string;
  readonly server: Server;
  /** Stops accepting, lets in-flight requests finish (10 s at most), closes the store and Redis. */
  close(): Promise<void>;
  /** The demo workspace of a development SQLite store, with a token for its administrator; null otherwise. */
  readonly demo: { readonly info: DemoInfo; readonly token: string } | null;
}

async function identityFor(config: AppConfig, clock: Clock): Promise<Result<{ verifier: IdentityVerifier; devTokens: DevTokens | null }, string>> {
  const auth = config.auth;
  if (auth.mode === 'entra') {
    const verifier = createEntraVerifier({
      tenantIds: auth.tenantIds,
      audiences: auth.audiences,
      requiredScope: auth.requiredScope,
      authority: auth.authority,
      keys: { jwksUrl: new URL(auth.jwksUrl) },
      clock,
    });
    return ok({ verifier, devTokens: null });
  }
  const key = await localDevSigningKey(auth.signingKeyFile);
  if (!key.ok) return key;
  const tokens = await createDevTokens({ privateJwk: key.value, nodeEnv: config.nodeEnv, requiredScope: auth.requiredScope, clock });
  return ok({ verifier: tokens.verifier, devTokens: tokens });
}

/**
 * Microsoft Graph when the service has credentials and Entra sign-in. On-behalf-of must ask the
 * user's own tenant, so there is one client per allowed tenant, chosen by the `tid` of the
 * assertion (a token this service has already verified). Uploads go through the first tenant
 * of ENTRA_TENANT_IDS, the one that owns the SharePoint library.
 */
function graphFor(config: AppConfig, logger: Logger): GraphClient | null {
  const auth = config.auth;
  if (auth.mode !== 'entra' || config.graph.credentials === null) return null;
  const clients = new Map(auth.tenantIds.map((tenantId) => [tenantId, tenantGraphClient(config, tenantId, logger)!]));
  const home = clients.get(auth.tenantIds[0]!)!;
  return {
    userGroups(assertion) {
      let tid = '';
      try {
        const claims = JSON.parse(Buffer.from(assertion.split('.')[1] ?? '', 'base64url').toString('utf8')) as { tid?: unknown };
        tid = typeof claims.tid === 'string' ? claims.tid.toLowerCase() : '';
      } catch {
        // Not reached with a verified token; an unknown tenant is refused below.
      }
      const client = clients.get(tid);
      return client ? client.userGroups(assertion) : Promise.reject(new Error('no Graph client for the token\'s tenant'));
    },
    uploadFile: (driveId, path, content) => home.uploadFile(driveId, path, content),
  };
}

/**
 * Graph sendMail for subscriptions (MAIL_SENDER): client credentials in the first tenant of
 * ENTRA_TENANT_IDS, the one whose mailbox sends. Config refuses MAIL_SENDER without them.
 */
function mailFor(config: AppConfig, logger: Logger): (MailClient & DirectoryClient) | null {
  const auth = config.auth;
  if (config.mail === null || auth.mode !== 'entra') return null;
  return tenantGraphClient(config, auth.tenantIds[0]!, logger);
}

function rateLimiterFor(config: AppConfig, clock: Clock, logger: Logger): { limiter: RateLimiter; redis: Redis | null } {
  const common = { limit: config.rateLimitPerMinute, windowMs: 60_000, clock };
  if (config.redisUrl === null) return { limiter: memoryRateLimiter(common), redis: null };
  // No offline queue and one retry: while Redis is away, commands fail at once (and the limiter
  // fails open) instead of piling up and holding requests.
  const redis = new Redis(config.redisUrl.reveal(), { enableOfflineQueue: false, maxRetriesPerRequest: 1, connectTimeout: 2_000 });
  let last = 0;
  redis.on('error', (e: Error) => {
    // ioredis reports every failed reconnect; once a minute is enough to be noticed.
    if (Date.now() - last < 60_000) return;
    last = Date.now();
    logger.warn({ err: e.message }, 'Redis connection error');
  });
  return { limiter: redisRateLimiter({ ...common, redis, prefix: 'ops-scorecard:rl', logger }), redis };
}

function listen(server: Server, port: number, host: string): Promise<Result<AddressInfo, string>> {
  return new Promise((resolve) => {
    const onError = (e: NodeJS.ErrnoException): void => {
      server.off('listening', onListening);
      resolve(
        fail(
          e.code === 'EADDRINUSE'
            ? `port ${port} on ${host} is already in use: stop the other process or set PORT`
            : e.code === 'EACCES'
              ? `not allowed to listen on ${host}:${port}: choose a PORT above 1023 or run with the right permissions`
              : e.code === 'EADDRNOTAVAIL'
                ? `HOST ${host} is not an address of this machine`
                : `cannot listen on ${host}:${port} (${e.code ?? e.message})`,
        ),
      );
    };
    const onListening = (): void => {
      server.off('error', onError);
      resolve(ok(server.address() as AddressInfo));
    };
    server.once('error', onError);
    server.once('listening', onListening);
    server.listen(port, host);
  });
}

/** The URL to print: a wildcard address is reached as 127.0.0.1 from this machine. */
function localUrl(host: string, port: number): string {
  const h = host === '0.0.0.0' || host === '::' ? '127.0.0.1' : host.includes(':') ? `[${host}]` : host;
  return `http://${h}:${port}`;
}

/** Test seams of a real service (test/fixtures/service-process.ts); nothing sets them in production. */
export interface ServiceSeams {
  /** Runs on each scheduled backup's finished copy before it is verified. */
  readonly afterBackupCopy?: (file: string) => void | Promise<void>;
}

export async function startService(
  config: AppConfig,
  logger: Logger = createLogger({ level: config.logLevel }),
  seams: ServiceSeams = {},
): Promise<Result<RunningService, string>> {
  const clock = systemClock;
  let pseudonymKey: Uint8Array;
  if (config.pseudonymKey !== null) pseudonymKey = config.pseudonymKey.reveal();
  else {
    const key = await localPseudonymKey(config.pseudonymKeyFile);
    if (!key.ok) return key;
    pseudonymKey = key.value;
  }
  const identity = await identityFor(config, clock);
  if (!identity.ok) return identity;

  let store: AppDeps['store'];
  let sheetReader: SheetReader | null = null;
  try {
    // The store's own reading of the (already validated) settings, so the SQLite file name lives in one place.
    const database = databaseConfigFromEnv({
      DATA_DIR: config.dataDir,
      DATABASE_URL: config.databaseUrl?.reveal(),
      DATABASE_SCHEMA: config.databaseSchema ?? undefined,
      DATABASE_POOL_MAX: String(config.databasePoolMax),
    });
    store = await openStore(database);
    // Pulls are read and encoded on reader threads, on connections of their own (a SQLite
    // read is synchronous; on both stores the rows' decoding and the answer's JSON are work).
    if (database.kind !== 'sqlite' || database.file !== ':memory:') {
      const target = database.kind === 'sqlite' ? { kind: 'sqlite' as const, file: database.file } : { kind: 'postgres' as const, url: database.url, ...(database.schema !== undefined ? { schema: database.schema } : {}), connections: 2 };
      sheetReader = storeSheetReader({ target, threads: Math.min(2, config.heavyWork.threads), maxQueue: 256, timeoutMs: config.analysisTimeoutMs });
    }
  } catch (e) {
    // The message may name the database host; it never holds the password (the URL is not in it).
    return fail(`the store could not be opened: ${e instanceof Error ? e.message : String(e)}`);
  }

  // `npm start` on a fresh clone: a demo workspace from the handbook's tables (development + SQLite only).
  let demo: RunningService['demo'] = null;
  const devTokens = identity.value.devTokens;
  if (devTokens !== null && config.databaseUrl === null) {
    try {
      const info = await seedDemo({ store, config, pseudonymKey, clock });
      if (info !== null) demo = { info, token: await devTokens.sign({ email: info.adminEmail, tenant: info.tenantId }) };
    } catch (e) {
      // The service is useful without its demo; say why there is none.
      logger.warn({ err: e instanceof Error ? e.message : String(e) }, 'demo workspace not created');
    }
  }
  const { limiter, redis } = rateLimiterFor(config, clock, logger);
  const issueAnalyser = workerIssueAnalyser(undefined, config.analysisTimeoutMs);
  const backupStatus = backupStatusBoard();
  const backup = backupScheduledJob(config, {
    status: backupStatus,
    log: logger,
    ...(seams.afterBackupCopy ? { afterCopy: seams.afterBackupCopy } : {}),
  });
  // Scorecards and their workbooks are computed on these threads, never on the one that answers HTTP.
  const heavyPool = createWorkerPool<HeavyTask, HeavyAnswer>({
    script: heavyWorkerScript(),
    size: config.heavyWork.threads,
    maxQueue: config.heavyWork.maxQueue,
    timeoutMs: config.analysisTimeoutMs,
    maxHeapMb: 1024,
  });
  const scorecardWork = pooledScorecardWork(heavyPool);

  const mailClient = mailFor(config, logger);
  const appDeps: AppDeps = {
    // Under `npm start` the handbook's user sync, naming no workspace, goes to the demo: the call
    // the banner prints works as printed. USER_SYNC_WORKSPACE, when set, wins.
    config: demo !== null && config.userSyncWorkspace === null ? { ...config, userSyncWorkspace: demo.info.workspace } : config,
    store,
    clock,
    // One signature check per token rather than per request (see verified-token-cache.ts).
    identity: cachingVerifier(identity.value.verifier, clock),
    graph: graphFor(config, logger),
    // One client: Graph sendMail, and the directory the recipients' roles are read from.
    mail: mailClient,
    directory: mailClient,
    logger,
    rateLimiter: limiter,
    pseudonymKey,
    issueAnalyser,
    ...(backup ? { backupStatus: backupStatus.current } : {}),
    scorecardWork,
    ...(sheetReader !== null ? { sheetReader } : {}),
  };
  // One set of services for the app and the timers: a scheduled send fills (or hits) the same
  // scorecard cache the routes answer from.
  const services = buildServices(appDeps);
  const app = createApp(appDeps, { services });
  const server = createServer(app);
  // Keep-alive sockets of the add-in outlive a request by default; keep them short so a shutdown
  // does not wait on idle connections.
  server.keepAliveTimeout = 5_000;
  const address = await listen(server, config.port, config.host);
  if (!address.ok) {
    await issueAnalyser.close();
    await heavyPool.close();
    await sheetReader?.close();
    await store.close();
    redis?.disconnect();
    return address;
  }

  let closing: Promise<void> | null = null;
  const close = (): Promise<void> =>
    (closing ??= (async () => {
      logger.info('shutting down: no new connections, finishing requests in flight');
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeIdleConnections();
      const timer = setTimeout(() => server.closeAllConnections(), SHUTDOWN_GRACE_MS);
      await closed;
      clearTimeout(timer);
      await scheduler?.stop();
      await subscriptionTimer.stop();
      await issueAnalyser.close();
      await heavyPool.close();
      await sheetReader?.close();
      await store.close();
      if (redis && redis.status !== 'end') await redis.quit().catch(() => redis.disconnect());
      logger.info('stopped');
      logger.flush();
    })());

  // The scheduled publication warms the managers' recent views in this instance's cache.
  const warmScorecards = (): Promise<number> => services.routeDeps.scorecards.warm(WARM_AFTER_SCHEDULE_MS);
  const scheduler = startServiceSchedule(config, store, logger, pseudonymKey, backup ? [backup] : [], scorecardWork, warmScorecards);
  // Every instance runs the minute timer; the store lets one of them claim each send.
  const subscriptionTimer = startSubscriptionTimer(services.subscriptions, logger);
  const url = localUrl(config.host, address.value.port);
  logger.info({ host: config.host, port: address.value.port, auth: config.auth.mode, store: config.databaseUrl ? 'postgres' : 'sqlite', rateLimit: limiter.backend }, 'listening');
  return ok({ url, server, close, demo });
}

/** Resolves with the first of SIGTERM / SIGINT. */
export function shutdownSignal(): Promise<NodeJS.Signals> {
  return new Promise((resolve) => {
    const signals: NodeJS.Signals[] = ['SIGTERM', 'SIGINT'];
    const on = (signal: NodeJS.Signals): void => {
      for (const s of signals) process.off(s, on);
      resolve(signal);
    };
    for (const s of signals) process.on(s, on);
  });
}
