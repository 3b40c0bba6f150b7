import { parentPort, workerData } from 'node:worker_threads';
import { runSqliteBackupStep, type SqliteBackupStep } from './sqlite-backup-steps';

/**
 * The worker half of sqlite-method.ts: one backup step (copy or verify) off the service's main
 * thread, where better-sqlite3's synchronous calls (a one-step copy of the whole file, reading
 * every row twice for the checksums) would otherwise hold every request for seconds. Runs as
 * compiled JS; posts the step's Result and ends.
 */
export interface BackupWorkerData {
  readonly step: SqliteBackupStep;
  readonly storeFile: string;
  readonly file: string;
}

if (parentPort) {
  const port = parentPort;
  const data = workerData as BackupWorkerData;
  void runSqliteBackupStep(data.step, data.storeFile, data.file).then((result) => port.postMessage(result));
}
