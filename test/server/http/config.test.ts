import { statSync } from 'node:fs';
import path from 'node:path';
import { inspect } from 'node:util';
import { localPseudonymKey } from '../../../server/access/local-keys';
import { formatConfigProblems, loadConfig } from '../../../server/config';
import { runCli } from '../../fixtures/cli';
import { tempDir } from '../../fixtures/http-harness';

const ENTRA = {
  AUTH_MODE: 'entra',
  ENTRA_TENANT_IDS: '11111111-2222-3333-4444-555555555555, 66666666-2222-3333-4444-555555555555',
  ENTRA_AUDIENCE: 'aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee',
};

describe('configuration', () => {
  it('needs nothing for `npm start`: development auth, SQLite in ./data, 127.0.0.1:3000', () => {
    const r = loadConfig({}, '/srv/app');
    if (!r.ok) throw new Error(JSON.stringify(r.error));
    const c = r.value;
    expect(c).toMatchObject({ nodeEnv: 'development', host: '127.0.0.1', port: 3000, dataDir: '/srv/app/data', databaseUrl: null, redisUrl: null });
    expect(c.auth).toEqual({ mode: 'development', requiredScope: 'Scorecard.ReadWrite', signingKeyFile: '/srv/app/data/dev-signing-key.json' });
    expect(c.sync).toEqual({ bodyLimitBytes: 64 * 1024 * 1024, maxRows: 250_000 });
    expect(c.rateLimitPerMinute).toBe(600);
    expect(c.scorecard).toEqual({ cron: null, dir: '/srv/app/data/scorecards', audience: 'masked' });
    expect(c.graph).toEqual({ baseUrl: 'https://graph.microsoft.com/v1.0', credentials: null });
    expect(c.pseudonymKey).toBeNull();
  });

  it('reads a full Entra production configuration', () => {
    const r = loadConfig(
      {
        NODE_ENV: 'production',
        ...ENTRA,
        PSEUDONYM_KEY: 'hex:' + '00112233445566778899aabbccddeeff',
        DATABASE_URL: 'postgres://svc:pw@db:5432/ops',
        REDIS_URL: 'redis://cache:6379',
        BOOTSTRAP_ADMINS: 'Boss@Contoso.com, it@contoso.com',
        ENTRA_CLIENT_ID: 'aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee',
        ENTRA_CLIENT_SECRET: 's3cr3t-value',
        SHAREPOINT_DRIVE_ID: 'b!abc_DEF-123',
        SCORECARD_CRON: '0 5 * * *',
        SYNC_BODY_LIMIT: '96mb',
        HOST: '',
      },
      '/srv',
    );
    if (!r.ok) throw new Error(JSON.stringify(r.error));
    const c = r.value;
    expect(c.host).toBe('0.0.0.0');
    expect(c.auth).toEqual({
      mode: 'entra',
      requiredScope: 'Scorecard.ReadWrite',
      tenantIds: ['11111111-2222-3333-4444-555555555555', '66666666-2222-3333-4444-555555555555'],
      audiences: ['aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee'],
      authority: 'https://login.microsoftonline.com',
      jwksUrl: 'https://login.microsoftonline.com/common/discovery/v2.0/keys',
    });
    expect(c.bootstrapAdmins).toEqual(['boss@contoso.com', 'it@contoso.com']);
    expect(c.pseudonymKey?.reveal()).toHaveLength(16);
    expect(c.databaseUrl?.reveal()).toBe('postgres://svc:pw@db:5432/ops');
    expect(c.sync.bodyLimitBytes).toBe(96 * 1024 * 1024);
    expect(c.sharePoint).toEqual({ driveId: 'b!abc_DEF-123', folder: 'Scorecards' });
    expect(c.scorecard.cron).toBe('0 5 * * *');
    // Secrets do not show, however the config is printed.
    for (const text of [JSON.stringify(c), inspect(c, { depth: 10 }), String(c.graph.credentials?.clientSecret)]) {
      expect(text).not.toContain('s3cr3t-value');
      expect(text).not.toContain(':pw@');
      expect(text).not.toContain('00112233');
    }
  });

  it('lists every problem at once, each naming its variable, never echoing a value', () => {
    const r = loadConfig({
      NODE_ENV: 'production',
      PORT: '70000',
      AUTH_MODE: 'development',
      DATABASE_URL: 'mysql://root:hunter2@db/ops',
      ENTRA_TENANT_IDS: 'contoso.onmicrosoft.com',
      PSEUDONYM_KEY: 'c2hvcnQ=',
      SYNC_BODY_LIMIT: 'lots',
      SCORECARD_CRON: 'every day at 5',
      RATE_LIMIT_PER_MINUTE: '-1',
      ENTRA_CLIENT_SECRET: 'hunter3',
      SHAREPOINT_FOLDER: 'Reports',
      LOG_LEVEL: 'loud',
      BOOTSTRAP_ADMINS: 'boss@contoso.com, nobody',
    });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    const vars = r.error.map((p) => p.variable).sort();
    expect(vars).toEqual(
      [
        'AUTH_MODE',
        'BOOTSTRAP_ADMINS',
        'DATABASE_URL',
        'ENTRA_CLIENT_ID',
        'ENTRA_TENANT_IDS',
        'LOG_LEVEL',
        'PORT',
        'PSEUDONYM_KEY',
        'RATE_LIMIT_PER_MINUTE',
        'SCORECARD_CRON',
        'SHAREPOINT_FOLDER',
        'SYNC_BODY_LIMIT',
      ].sort(),
    );
    const text = formatConfigProblems(r.error);
    expect(text).toMatch(/configuration has 12 problem/);
    expect(text).toMatch(/AUTH_MODE: development is refused when NODE_ENV=production/);
    for (const secret of ['hunter2', 'hunter3', 'c2hvcnQ=', '70000', 'contoso.onmicrosoft.com', 'loud']) expect(text).not.toContain(secret);
  });

  it('reads the pool size and the scorecard cache, with defaults, and refuses values out of range', () => {
    const defaults = loadConfig({}, '/srv');
    if (!defaults.ok) throw new Error(JSON.stringify(defaults.error));
    expect(defaults.value.databasePoolMax).toBe(10);
    expect(defaults.value.scorecardCache).toEqual({ maxBytes: 64 * 1024 * 1024, warmSeconds: 60 });
    const set = loadConfig({ DATABASE_POOL_MAX: '40', SCORECARD_CACHE_MAX_BYTES: '256mb', SCORECARD_CACHE_WARM_SECONDS: '0' }, '/srv');
    if (!set.ok) throw new Error(JSON.stringify(set.error));
    expect(set.value.databasePoolMax).toBe(40);
    expect(set.value.scorecardCache).toEqual({ maxBytes: 256 * 1024 * 1024, warmSeconds: 0 });
    const off = loadConfig({ SCORECARD_CACHE_MAX_BYTES: '0' }, '/srv');
    expect(off.ok && off.value.scorecardCache.maxBytes).toBe(0);
    const bad = loadConfig({ DATABASE_POOL_MAX: '0', SCORECARD_CACHE_MAX_BYTES: 'lots', SCORECARD_CACHE_WARM_SECONDS: '-1' }, '/srv');
    if (bad.ok) throw new Error('accepted bad values');
    expect(bad.error.map((p) => p.variable).sort()).toEqual(['DATABASE_POOL_MAX', 'SCORECARD_CACHE_MAX_BYTES', 'SCORECARD_CACHE_WARM_SECONDS']);
  });

  it('requires the Entra settings with AUTH_MODE=entra, and PSEUDONYM_KEY in production', () => {
    const r = loadConfig({ NODE_ENV: 'production' });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.error.map((p) => p.variable).sort()).toEqual(['ENTRA_AUDIENCE', 'ENTRA_TENANT_IDS', 'PSEUDONYM_KEY']);
  });

  it('accepts keys as hex or base64, prefixed or not, and refuses short ones', () => {
    const key = (v: string) => {
      const r = loadConfig({ PSEUDONYM_KEY: v });
      return r.ok ? r.value.pseudonymKey?.reveal().length : 'refused';
    };
    expect(key('00112233445566778899aabbccddeeff')).toBe(16);
    expect(key('base64:' + Buffer.alloc(32, 1).toString('base64'))).toBe(32);
    expect(key(Buffer.alloc(24, 2).toString('base64url'))).toBe(24);
    expect(key('0011')).toBe('refused');
    expect(key('hex:zz' + '00'.repeat(20))).toBe('refused');
  });

  it('keeps a generated pseudonym key in DATA_DIR with mode 0600, the same on every start', async () => {
    const file = path.join(tempDir(), 'nested', 'pseudonym.key');
    const a = await localPseudonymKey(file);
    const b = await localPseudonymKey(file);
    expect(a.ok && b.ok && Buffer.from(a.value).equals(Buffer.from(b.value))).toBe(true);
    expect(statSync(file).mode & 0o777).toBe(0o600);
  });

  it('`serve` exits 2 with the collected problems, development mode refused in production', async () => {
    const run = await runCli(['serve'], { NODE_ENV: 'production', AUTH_MODE: 'development', PORT: 'x', DATA_DIR: tempDir() });
    expect(run.code).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr).toMatch(/PORT: must be/);
    expect(run.stderr).toMatch(/AUTH_MODE: development is refused when NODE_ENV=production/);
    expect(run.stderr).toMatch(/PSEUDONYM_KEY: is required/);
  });
});
