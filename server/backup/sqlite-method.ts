import { existsSync } from 'node:fs';
import { Worker } from 'node:worker_threads';
import { fail } from '../../shared/result';
import type { BackupMethod } from './backup-job';
import { sqliteBackupWorkerScript } from './sqlite-backup-script';
import { runSqliteBackupStep, type SqliteBackupStep, type StepResult } from './sqlite-backup-steps';
import type { BackupWorkerData } from './sqlite-backup-worker';

/**
 * Backups of the SQLite store: the online backup API, verified against the live store, each step
 * in a worker thread with connections of its own so that the service keeps answering meanwhile.
 * Without the compiled worker (a source checkout not built), the steps run on this thread.
 */
export function sqliteBackupMethod(storeFile: string): BackupMethod {
  return {
    extension: '.sqlite',
    copy: async (destination) => {
      const result = await inWorker('copy', storeFile, destination);
      return result.ok ? { ok: true, value: undefined } : result;
    },
    verify: async (file) => {
      const result = await inWorker('verify', storeFile, file);
      return result.ok ? { ok: true, value: result.value.sheets === undefined ? {} : { sheets: result.value.sheets } } : result;
    },
  };
}

function inWorker(step: SqliteBackupStep, storeFile: string, file: string): Promise<StepResult> {
  const script = sqliteBackupWorkerScript();
  if (!existsSync(script)) return runSqliteBackupStep(step, storeFile, file);
  return new Promise((resolve) => {
    const workerData: BackupWorkerData = { step, storeFile, file };
    const worker = new Worker(script, { workerData });
    let answered = false;
    worker.once('message', (result: StepResult) => {
      answered = true;
      resolve(result);
    });
    worker.once('error', (error: unknown) => {
      if (answered) return;
      answered = true;
      const code = (error as { code?: unknown }).code;
      resolve(fail({ code: step === 'copy' ? 'copy-failed' : 'unreadable-rows', message: `the backup worker failed (${typeof code === 'string' ? code : 'error'})` }));
    });
    worker.once('exit', (code) => {
      if (answered) return;
      answered = true;
      resolve(fail({ code: step === 'copy' ? 'copy-failed' : 'unreadable-rows', message: `the backup worker ended with exit code ${code}` }));
    });
  });
}
