import type { BackupReadiness } from '../../shared/api/health';

/**
 * The outcome of the last scheduled backup in this process, for /readyz. With several instances
 * only the one that claimed the run knows it; the others say not-yet (docs/backup.md).
 */
export interface BackupStatusBoard {
  succeeded(at: Date, sheets?: number): void;
  failed(at: Date, problem: string, sheets?: number): void;
  current(): BackupReadiness;
}

export function backupStatusBoard(): BackupStatusBoard {
  let state: BackupReadiness = { status: 'not-yet', at: null, lastGoodAt: null };
  return {
    succeeded(at, sheets) {
      state = { status: 'ok', at: at.toISOString(), lastGoodAt: at.toISOString(), ...(sheets === undefined ? {} : { sheets }) };
    },
    failed(at, problem, sheets) {
      state = { status: 'failed', at: at.toISOString(), lastGoodAt: state.lastGoodAt, problem, ...(sheets === undefined ? {} : { sheets }) };
    },
    current: () => state,
  };
}
