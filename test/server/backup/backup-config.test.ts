import path from 'node:path';
import { formatConfigProblems, loadConfig } from '../../../server/config';

/** BACKUP_CRON, BACKUP_DIR, BACKUP_KEEP: parsed with the rest, every problem listed at once. */
describe('backup configuration', () => {
  it('has no scheduled backup by default; BACKUP_DIR defaults to DATA_DIR/backups and BACKUP_KEEP to 7', () => {
    const none = loadConfig({ DATA_DIR: 'data' }, '/srv');
    if (!none.ok) throw new Error(JSON.stringify(none.error));
    expect(none.value.backup).toEqual({ cron: null, dir: path.resolve('/srv/data/backups'), keep: 7 });

    const set = loadConfig({ DATA_DIR: 'data', BACKUP_CRON: '30 2 * * *', BACKUP_DIR: '/var/backups/ops', BACKUP_KEEP: '30' }, '/srv');
    if (!set.ok) throw new Error(JSON.stringify(set.error));
    expect(set.value.backup).toEqual({ cron: '30 2 * * *', dir: '/var/backups/ops', keep: 30 });
  });

  it('lists every bad backup setting at once, with what was expected', () => {
    const bad = loadConfig({ BACKUP_CRON: 'nightly', BACKUP_KEEP: '0', PORT: 'x' });
    expect(bad.ok).toBe(false);
    if (bad.ok) return;
    expect(bad.error.map((p) => p.variable).sort()).toEqual(['BACKUP_CRON', 'BACKUP_KEEP', 'PORT']);
    const text = formatConfigProblems(bad.error);
    expect(text).toContain('BACKUP_CRON: must be a cron expression such as "30 2 * * *"');
    expect(text).toContain('BACKUP_KEEP: must be a whole number of backups to keep, from 1 to 10000 (default 7)');
  });

  it('says that BACKUP_DIR and BACKUP_KEEP do nothing without BACKUP_CRON', () => {
    const r = loadConfig({ BACKUP_DIR: '/var/backups/ops', BACKUP_KEEP: '3' });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.error.map((p) => p.variable).sort()).toEqual(['BACKUP_DIR', 'BACKUP_KEEP']);
    expect(r.error[0]?.message).toContain('BACKUP_CRON is not');
  });
});
