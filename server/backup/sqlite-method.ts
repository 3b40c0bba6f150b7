import { fail, ok } from '../../shared/result';
import type { Store } from '../store/store-types';
import type { BackupMethod } from './backup-job';
import { copySqliteStore } from './sqlite-copy';
import { verifyBackup } from './verify-backup';

/** Backups of the SQLite store: the online backup API, verified against the live store. */
export function sqliteBackupMethod(storeFile: string, live: Pick<Store, 'sheetAt'>): BackupMethod {
  return {
    extension: '.sqlite',
    async copy(destination) {
      try {
        await copySqliteStore(storeFile, destination);
        return ok(undefined);
      } catch (error) {
        const code = (error as { code?: unknown }).code;
        return fail({ code: 'copy-failed', message: `SQLite could not copy the store (${typeof code === 'string' ? code : 'error'})` });
      }
    },
    async verify(file) {
      const verified = await verifyBackup(file, live);
      return verified.ok ? ok({ sheets: verified.value.sheets }) : fail(verified.error);
    },
  };
}
