import { availableParallelism } from 'node:os';
import path from 'node:path';
import { inspect } from 'node:util';
import { Cron } from 'croner';
import { z } from 'zod';
import { WorkspaceNameSchema } from '../shared/api/workspace';
import { fail, ok, type Result } from '../shared/result';

/**
 * The service's configuration: environment variables, parsed with zod once at start-up into a
 * typed AppConfig. Every bad or missing value is reported, all at once, each with what was
 * expected (never the value itself: some are secrets), and the service does not start.
 *
 * Defaults make `npm start` work on a fresh clone: development auth, SQLite and keys under
 * ./data, listening on 127.0.0.1:3000 (the URLs printed at start-up then work on this machine,
 * and development tokens are not offered to the network). In production the default host is
 * 0.0.0.0, because a container or VM behind a reverse proxy must be reachable from outside.
 */

/** A secret value: printed, logged or serialised as "[redacted]"; `reveal()` where it is used. */
export class Secret<T> {
  readonly #value: T;
  constructor(value: T) {
    this.#value = value;
  }
  reveal(): T {
    return this.#value;
  }
  toJSON(): string {
    return '[redacted]';
  }
  toString(): string {
    return '[redacted]';
  }
  [inspect.custom](): string {
    return 'Secret([redacted])';
  }
}

export type NodeEnv = 'development' | 'test' | 'production';
export type LogLevel = 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';

export interface DevelopmentAuthConfig {
  readonly mode: 'development';
  readonly requiredScope: string;
  /** DEV_SIGNING_KEY_FILE, default DATA_DIR/dev-signing-key.json. */
  readonly signingKeyFile: string;
}

export interface EntraAuthConfig {
  readonly mode: 'entra';
  readonly requiredScope: string;
  /** Lower-case tenant ids (GUIDs). */
  readonly tenantIds: readonly string[];
  readonly audiences: readonly string[];
  /** https://login.microsoftonline.com or a sovereign cloud's authority host. */
  readonly authority: string;
  readonly jwksUrl: string;
}

export interface AppConfig {
  readonly nodeEnv: NodeEnv;
  readonly production: boolean;
  readonly host: string;
  readonly port: number;
  /** Number of reverse-proxy hops to trust for the client IP (Express "trust proxy"); 0: none. */
  readonly trustProxy: number;
  readonly dataDir: string;
  /** PostgreSQL when set; SQLite in DATA_DIR otherwise. A URL may hold a password. */
  readonly databaseUrl: Secret<string> | null;
  /** PostgreSQL schema for the tables (DATABASE_SCHEMA); null: the default search path. */
  readonly databaseSchema: string | null;
  /** PostgreSQL connections this instance may hold at once (DATABASE_POOL_MAX); SQLite ignores it. */
  readonly databasePoolMax: number;
  readonly redisUrl: Secret<string> | null;
  readonly auth: DevelopmentAuthConfig | EntraAuthConfig;
  /** Lower-case e-mail addresses allowed everything in a workspace that has no policy yet. */
  readonly bootstrapAdmins: readonly string[];
  /** PSEUDONYM_KEY; null in development without it: DATA_DIR/pseudonym.key is used (pseudonymKeyFile). */
  readonly pseudonymKey: Secret<Uint8Array> | null;
  readonly pseudonymKeyFile: string;
  readonly sync: { readonly bodyLimitBytes: number; readonly maxRows: number };
  readonly rateLimitPerMinute: number;
  /**
   * Scheduled scorecards: when, where, and for whom they are built (SCORECARD_AUDIENCE: masked
   * by default; whoever reads the folder reads them).
   */
  readonly scorecard: { readonly cron: string | null; readonly dir: string; readonly audience: 'masked' | 'unmasked' };
  /**
   * Scheduled backups (docs/backup.md): when (BACKUP_CRON; null: none), into which directory
   * (BACKUP_DIR), and how many verified backups are kept (BACKUP_KEEP).
   */
  readonly backup: { readonly cron: string | null; readonly dir: string; readonly keep: number };
  /**
   * Computed scorecards kept in memory (docs/scorecard-cache.md): at most `maxBytes` of JSON and
   * workbooks (0: no cache), re-computed for recently seen views every `warmSeconds` (0: never).
   */
  readonly scorecardCache: { readonly maxBytes: number; readonly warmSeconds: number };
  /** The longest an upload's analysis may run on its worker (ANALYSIS_TIMEOUT_MS). */
  readonly analysisTimeoutMs: number;
  /** Heavy requests (pushes, pulls, uploads, scorecards) one user may have running at once. */
  readonly heavyRequestsPerUser: number;
  /**
   * The heavy-work pool (scorecards computed, workbooks written off the request thread):
   * threads (HEAVY_WORKERS, default the machine's cores) and tasks that may wait (HEAVY_QUEUE_MAX).
   * A task's deadline is ANALYSIS_TIMEOUT_MS.
   */
  readonly heavyWork: { readonly threads: number; readonly maxQueue: number };
  readonly graph: {
    readonly baseUrl: string;
    /** Client credentials for on-behalf-of and app calls; null when not configured. */
    readonly credentials: { readonly clientId: string; readonly clientSecret: Secret<string> } | null;
  };
  readonly sharePoint: { readonly driveId: string; readonly folder: string } | null;
  /**
   * Scorecard subscriptions' mail (MAIL_SENDER): the mailbox, a user principal name or object
   * id, that Graph sendMail sends from; null: subscriptions are kept but not sent.
   */
  readonly mail: { readonly sender: string } | null;
  readonly logLevel: LogLevel;
  /** Extra https origins allowed to frame the task pane (CSP_FRAME_ANCESTORS), beyond Office's. */
  readonly extraFrameAncestors: readonly string[];
  /**
   * USER_SYNC_WORKSPACE: where the handbook's POST /api/v1/user/sync writes when the request
   * names no workspace (a CRM that cannot add ?workspace= or X-Workspace). null: "default", or
   * the demo workspace when `npm start` runs the demo (server/main.ts).
   */
  readonly userSyncWorkspace: string | null;
}

export interface ConfigProblem {
  readonly variable: string;
  readonly message: string;
}

export type Env = Readonly<Record<string, string | undefined>>;

// ---------------------------------------------------------------------------------------------
// Field schemas. Each takes the variable's text (undefined when unset or blank).

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const LOOPBACK = new Set(['127.0.0.1', 'localhost', '[::1]']);

function isUrl(text: string, protocols: readonly string[], loopbackHttp = false): boolean {
  try {
    const url = new URL(text);
    if (protocols.includes(url.protocol)) return true;
    return loopbackHttp && url.protocol === 'http:' && LOOPBACK.has(url.hostname);
  } catch {
    return false;
  }
}

const int = (min: number, max: number) =>
  z
    .string()
    .regex(/^\d+$/)
    .transform(Number)
    .pipe(z.number().int().min(min).max(max));

const list = (item: z.ZodType<string, string>) =>
  z
    .string()
    .transform((s) =>
      s
        .split(',')
        .map((x) => x.trim())
        .filter((x) => x !== ''),
    )
    .pipe(z.array(item));

const httpsUrl = (loopbackHttp: boolean) =>
  z
    .string()
    .refine((s) => isUrl(s, ['https:'], loopbackHttp))
    .transform((s) => s.replace(/\/+$/, ''));

const SIZE_UNITS: Readonly<Record<string, number>> = { b: 1, kb: 1024, mb: 1024 ** 2, gb: 1024 ** 3 };

/** "32mb", "500kb", "1048576" → bytes, from 1 kB to 1 GB. */
const size = z
  .string()
  .transform((s, ctx) => {
    const m = /^(\d+(?:\.\d+)?)\s*(b|kb|mb|gb)?$/i.exec(s);
    if (!m) {
      ctx.addIssue({ code: 'custom', message: 'not a size' });
      return z.NEVER;
    }
    return Math.floor(Number(m[1]) * SIZE_UNITS[(m[2] ?? 'b').toLowerCase()]!);
  })
  .pipe(z.number().int().min(1024).max(1024 ** 3));

/** "hex:…", "base64:…", or unprefixed hex (even length) or base64; at least 16 bytes. */
const keyBytes = z.string().transform((s, ctx) => {
  const m = /^(hex|base64):(.*)$/s.exec(s);
  const [encoding, text] = m ? [m[1] as 'hex' | 'base64', m[2]!] : /^(?:[0-9a-f]{2})+$/i.test(s) ? (['hex', s] as const) : (['base64', s] as const);
  const valid = encoding === 'hex' ? /^(?:[0-9a-f]{2})+$/i.test(text) : /^[A-Za-z0-9+/_-]+={0,2}$/.test(text);
  const bytes = valid ? Buffer.from(text, encoding === 'hex' ? 'hex' : 'base64') : Buffer.alloc(0);
  if (bytes.length < 16) {
    ctx.addIssue({ code: 'custom', message: 'too short' });
    return z.NEVER;
  }
  return new Secret(new Uint8Array(bytes));
});

const cron = z.string().refine((s) => {
  try {
    new Cron(s, { paused: true }).stop();
    return true;
  } catch {
    return false;
  }
});

const email = z.email().transform((s) => s.toLowerCase());

interface Field<T> {
  readonly schema: z.ZodType<T>;
  /** What the variable must be, completing "VAR must be …". */
  readonly expected: string;
}
const field = <T>(schema: z.ZodType<T>, expected: string): Field<T> => ({ schema, expected });

const FIELDS = {
  NODE_ENV: field(z.enum(['development', 'test', 'production']).default('development'), 'development, test or production (default development)'),
  PORT: field(int(0, 65535).default(3000), 'a port number from 0 to 65535 (default 3000)'),
  HOST: field(z.string().regex(/^(?:[A-Za-z0-9.-]+|[0-9A-Fa-f:]+)$/).optional(), 'a host name or IP address to listen on (default 127.0.0.1; 0.0.0.0 in production)'),
  TRUST_PROXY: field(int(0, 10).default(0), 'the number of reverse proxies in front of the service, 0 to 10 (default 0)'),
  DATA_DIR: field(z.string().default('./data'), 'a directory path (default ./data)'),
  DATABASE_URL: field(z.string().refine((s) => isUrl(s, ['postgres:', 'postgresql:'])).transform((s) => new Secret(s)).optional(), 'a postgres:// or postgresql:// URL'),
  DATABASE_SCHEMA: field(z.string().regex(/^[a-z_][a-z0-9_]{0,62}$/).optional(), 'a PostgreSQL schema name: lower-case letters, digits, "_"'),
  DATABASE_POOL_MAX: field(int(1, 1000).default(10), 'a whole number from 1 to 1000 (default 10)'),
  REDIS_URL: field(z.string().refine((s) => isUrl(s, ['redis:', 'rediss:'])).transform((s) => new Secret(s)).optional(), 'a redis:// or rediss:// URL'),
  AUTH_MODE: field(z.enum(['development', 'entra']).optional(), 'development or entra'),
  ENTRA_TENANT_IDS: field(list(z.string().regex(GUID)).pipe(z.array(z.string()).min(1)).optional(), 'a comma-separated list of tenant ids (GUIDs)'),
  ENTRA_AUDIENCE: field(
    list(z.string().regex(/^(?:[0-9a-f-]{36}|api:\/\/\S+|https:\/\/\S+)$/i)).pipe(z.array(z.string()).min(1)).optional(),
    'the API\'s application (client) id, or a comma-separated list of it and its App ID URI (api://…)',
  ),
  ENTRA_REQUIRED_SCOPE: field(z.string().regex(/^[A-Za-z0-9._-]{1,100}$/).default('Scorecard.ReadWrite'), 'a scope name such as Scorecard.ReadWrite (the default)'),
  ENTRA_AUTHORITY: field(httpsUrl(false).default('https://login.microsoftonline.com'), 'an https URL such as https://login.microsoftonline.com (the default)'),
  ENTRA_JWKS_URL: field(httpsUrl(true).optional(), 'an https URL (http only on 127.0.0.1 or localhost)'),
  ENTRA_CLIENT_ID: field(z.string().regex(GUID).optional(), 'the application (client) id, a GUID'),
  ENTRA_CLIENT_SECRET: field(z.string().min(1).transform((s) => new Secret(s)).optional(), 'the client secret'),
  BOOTSTRAP_ADMINS: field(list(email).default([]), 'a comma-separated list of e-mail addresses'),
  PSEUDONYM_KEY: field(keyBytes.optional(), 'at least 16 bytes, as hex or base64 (optionally prefixed "hex:" or "base64:")'),
  DEV_SIGNING_KEY_FILE: field(z.string().optional(), 'a file path'),
  // Sized for a million cells in one push (250k rows × 4 cells, 100k × 10), with room for long
  // texts: the bench's 1M-cell bodies are ~22 MB, and the service stays under 1 GB doing them.
  SYNC_BODY_LIMIT: field(size.default(64 * 1024 ** 2), 'a size from 1kb to 1gb such as 64mb (the default)'),
  SYNC_MAX_ROWS: field(int(1, 10_000_000).default(250_000), 'a whole number from 1 to 10000000 (default 250000)'),
  RATE_LIMIT_PER_MINUTE: field(int(1, 1_000_000).default(600), 'a whole number from 1 to 1000000 (default 600)'),
  SCORECARD_CRON: field(cron.optional(), 'a cron expression such as "0 5 * * *" (every day at 05:00)'),
  SCORECARD_DIR: field(z.string().optional(), 'a directory path (default DATA_DIR/scorecards)'),
  SCORECARD_AUDIENCE: field(z.enum(['masked', 'unmasked']).default('masked'), 'masked (the default: core fields masked) or unmasked'),
  BACKUP_CRON: field(cron.optional(), 'a cron expression such as "30 2 * * *" (every day at 02:30)'),
  BACKUP_DIR: field(z.string().optional(), 'a directory path (default DATA_DIR/backups)'),
  BACKUP_KEEP: field(int(1, 10_000).default(7), 'a whole number of backups to keep, from 1 to 10000 (default 7)'),
  SCORECARD_CACHE_MAX_BYTES: field(z.union([z.literal('0').transform(() => 0), size]).default(64 * 1024 ** 2), 'a size such as 64mb (the default), or 0 for no cache'),
  SCORECARD_CACHE_WARM_SECONDS: field(int(0, 86_400).default(60), 'seconds from 0 (never) to 86400 (default 60)'),
  ANALYSIS_TIMEOUT_MS: field(int(1, 600_000).default(20_000), 'milliseconds from 1 to 600000 (default 20000)'),
  HEAVY_REQUESTS_PER_USER: field(int(1, 100).default(4), 'a whole number from 1 to 100 (default 4)'),
  HEAVY_WORKERS: field(int(1, 64).optional(), 'a whole number from 1 to 64 (default: the number of cores)'),
  HEAVY_QUEUE_MAX: field(int(0, 100_000).default(64), 'a whole number from 0 to 100000 (default 64)'),
  SHAREPOINT_DRIVE_ID: field(z.string().regex(/^[A-Za-z0-9!_-]{1,200}$/).optional(), 'a SharePoint document library (drive) id'),
  SHAREPOINT_FOLDER: field(z.string().regex(/^[^\\:*?"<>|#%]{1,400}$/).optional(), 'a folder path in the library, such as Scorecards'),
  MAIL_SENDER: field(
    z.string().trim().regex(/^(?:[^\s@/\\]+@[^\s@/\\]+\.[^\s@/\\]+|[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})$/i).optional(),
    'the mailbox subscriptions are sent from: an address such as scorecards@contoso.com, or its object id',
  ),
  GRAPH_BASE_URL: field(httpsUrl(true).default('https://graph.microsoft.com/v1.0'), 'an https URL such as https://graph.microsoft.com/v1.0 (the default)'),
  LOG_LEVEL: field(z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'), 'fatal, error, warn, info, debug, trace or silent (default info)'),
  USER_SYNC_WORKSPACE: field(WorkspaceNameSchema.optional(), 'a workspace name (default "default"; the demo workspace under npm start)'),
  CSP_FRAME_ANCESTORS: field(list(z.string().regex(/^https:\/\/(?:\*\.)?[A-Za-z0-9.-]+(?::\d+)?$/)).default([]), 'a comma-separated list of https origins (https://*.example.com allowed)'),
} as const;

type Fields = typeof FIELDS;
type Values = { -readonly [K in keyof Fields]: Fields[K] extends Field<infer T> ? T : never };

/** Blank is unset: `FOO=` in a compose file or a .env means "use the default". */
function textOf(env: Env, name: string): string | undefined {
  const v = env[name];
  return v === undefined || v.trim() === '' ? undefined : v.trim();
}

/** Every variable parsed; every problem collected, field by field, then across fields. */
export function loadConfig(env: Env, cwd: string = process.cwd()): Result<AppConfig, ConfigProblem[]> {
  const problems: ConfigProblem[] = [];
  const values: Partial<Values> = {};
  for (const [name, f] of Object.entries(FIELDS) as [keyof Fields, Field<unknown>][]) {
    const parsed = f.schema.safeParse(textOf(env, name));
    if (parsed.success) (values as Record<string, unknown>)[name] = parsed.data;
    else problems.push({ variable: name, message: `must be ${f.expected}` });
  }
  const v = values;
  const production = v.NODE_ENV === 'production';
  const authMode = v.AUTH_MODE ?? (production ? 'entra' : 'development');

  if (production && v.AUTH_MODE === 'development') {
    problems.push({
      variable: 'AUTH_MODE',
      message:
        'development is refused when NODE_ENV=production: development tokens are signed with a local key that ' +
        'anyone who can read DATA_DIR can use. Set AUTH_MODE=entra with ENTRA_TENANT_IDS and ENTRA_AUDIENCE.',
    });
  }
  if (authMode === 'entra') {
    if (textOf(env, 'ENTRA_TENANT_IDS') === undefined) {
      problems.push({ variable: 'ENTRA_TENANT_IDS', message: 'is required with Entra ID authentication: the tenant ids (GUIDs) whose users may sign in' });
    }
    if (textOf(env, 'ENTRA_AUDIENCE') === undefined) {
      problems.push({ variable: 'ENTRA_AUDIENCE', message: "is required with Entra ID authentication: the API's application (client) id" });
    }
  }
  if (production && textOf(env, 'PSEUDONYM_KEY') === undefined) {
    problems.push({ variable: 'PSEUDONYM_KEY', message: 'is required when NODE_ENV=production: at least 16 random bytes as hex or base64 (e.g. `openssl rand -base64 32`)' });
  }
  const hasId = textOf(env, 'ENTRA_CLIENT_ID') !== undefined;
  const hasSecret = textOf(env, 'ENTRA_CLIENT_SECRET') !== undefined;
  if (hasId !== hasSecret) {
    problems.push({ variable: hasId ? 'ENTRA_CLIENT_SECRET' : 'ENTRA_CLIENT_ID', message: 'is required with ' + (hasId ? 'ENTRA_CLIENT_ID' : 'ENTRA_CLIENT_SECRET') + ' (both or neither: they are the credentials for Microsoft Graph)' });
  }
  if (textOf(env, 'SHAREPOINT_DRIVE_ID') !== undefined && !(hasId && hasSecret)) {
    problems.push({ variable: 'SHAREPOINT_DRIVE_ID', message: 'needs ENTRA_CLIENT_ID and ENTRA_CLIENT_SECRET to publish through Microsoft Graph' });
  }
  if (textOf(env, 'SHAREPOINT_FOLDER') !== undefined && textOf(env, 'SHAREPOINT_DRIVE_ID') === undefined) {
    problems.push({ variable: 'SHAREPOINT_FOLDER', message: 'is set but SHAREPOINT_DRIVE_ID is not' });
  }
  if (textOf(env, 'MAIL_SENDER') !== undefined && !(hasId && hasSecret && authMode === 'entra')) {
    problems.push({ variable: 'MAIL_SENDER', message: 'needs AUTH_MODE=entra with ENTRA_CLIENT_ID and ENTRA_CLIENT_SECRET: mail is sent through Microsoft Graph with the service\'s client credentials' });
  }
  for (const name of ['BACKUP_DIR', 'BACKUP_KEEP'] as const) {
    if (textOf(env, name) !== undefined && textOf(env, 'BACKUP_CRON') === undefined) {
      problems.push({ variable: name, message: 'is set but BACKUP_CRON is not: scheduled backups need a schedule (e.g. BACKUP_CRON="30 2 * * *")' });
    }
  }
  if (problems.length > 0) return fail(problems);

  const c = values as Values;
  const dataDir = path.resolve(cwd, c.DATA_DIR);
  const requiredScope = c.ENTRA_REQUIRED_SCOPE;
  const auth: AppConfig['auth'] =
    authMode === 'entra'
      ? {
          mode: 'entra',
          requiredScope,
          tenantIds: (c.ENTRA_TENANT_IDS ?? []).map((t) => t.toLowerCase()),
          audiences: c.ENTRA_AUDIENCE ?? [],
          authority: c.ENTRA_AUTHORITY,
          jwksUrl: c.ENTRA_JWKS_URL ?? `${c.ENTRA_AUTHORITY}/common/discovery/v2.0/keys`,
        }
      : {
          mode: 'development',
          requiredScope,
          signingKeyFile: path.resolve(cwd, c.DEV_SIGNING_KEY_FILE ?? path.join(dataDir, 'dev-signing-key.json')),
        };
  return ok({
    nodeEnv: c.NODE_ENV,
    production,
    host: c.HOST ?? (production ? '0.0.0.0' : '127.0.0.1'),
    port: c.PORT,
    trustProxy: c.TRUST_PROXY,
    dataDir,
    databaseUrl: c.DATABASE_URL ?? null,
    databaseSchema: c.DATABASE_SCHEMA ?? null,
    databasePoolMax: c.DATABASE_POOL_MAX,
    redisUrl: c.REDIS_URL ?? null,
    auth,
    bootstrapAdmins: c.BOOTSTRAP_ADMINS,
    pseudonymKey: c.PSEUDONYM_KEY ?? null,
    pseudonymKeyFile: path.join(dataDir, 'pseudonym.key'),
    sync: { bodyLimitBytes: c.SYNC_BODY_LIMIT, maxRows: c.SYNC_MAX_ROWS },
    rateLimitPerMinute: c.RATE_LIMIT_PER_MINUTE,
    scorecard: { cron: c.SCORECARD_CRON ?? null, dir: path.resolve(cwd, c.SCORECARD_DIR ?? path.join(dataDir, 'scorecards')), audience: c.SCORECARD_AUDIENCE },
    backup: { cron: c.BACKUP_CRON ?? null, dir: path.resolve(cwd, c.BACKUP_DIR ?? path.join(dataDir, 'backups')), keep: c.BACKUP_KEEP },
    scorecardCache: { maxBytes: c.SCORECARD_CACHE_MAX_BYTES, warmSeconds: c.SCORECARD_CACHE_WARM_SECONDS },
    analysisTimeoutMs: c.ANALYSIS_TIMEOUT_MS,
    heavyRequestsPerUser: c.HEAVY_REQUESTS_PER_USER,
    heavyWork: { threads: c.HEAVY_WORKERS ?? Math.max(1, availableParallelism()), maxQueue: c.HEAVY_QUEUE_MAX },
    graph: {
      baseUrl: c.GRAPH_BASE_URL,
      credentials: c.ENTRA_CLIENT_ID !== undefined && c.ENTRA_CLIENT_SECRET !== undefined ? { clientId: c.ENTRA_CLIENT_ID, clientSecret: c.ENTRA_CLIENT_SECRET } : null,
    },
    sharePoint: c.SHAREPOINT_DRIVE_ID !== undefined ? { driveId: c.SHAREPOINT_DRIVE_ID, folder: c.SHAREPOINT_FOLDER ?? 'Scorecards' } : null,
    mail: c.MAIL_SENDER !== undefined ? { sender: c.MAIL_SENDER } : null,
    logLevel: c.LOG_LEVEL,
    extraFrameAncestors: c.CSP_FRAME_ANCESTORS,
    userSyncWorkspace: c.USER_SYNC_WORKSPACE ?? null,
  });
}

/** The problems as the operator reads them, one per line. */
export function formatConfigProblems(problems: readonly ConfigProblem[]): string {
  const lines = problems.map((p) => `  ${p.variable}: ${p.message}`);
  return `ops-scorecard: the configuration has ${problems.length} problem(s):\n${lines.join('\n')}\n`;
}
