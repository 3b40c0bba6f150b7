import path from 'node:path';

/**
 * The backup worker must be plain JS. Compiled, it sits next to this file; under jest this file
 * runs from its .ts source and the worker comes from the `tsc -b` output in dist/ (as for the
 * WAL checkpointer, server/store/wal-checkpoint-script.ts).
 */
export function sqliteBackupWorkerScript(): string {
  if (__filename.endsWith('.ts')) {
    return path.resolve(__dirname, '..', '..', 'dist', 'server', 'backup', 'sqlite-backup-worker.js');
  }
  return path.join(__dirname, 'sqlite-backup-worker.js');
}
