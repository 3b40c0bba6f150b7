import { existsSync } from 'node:fs';
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import type { Issue } from '../../shared/issues/issue';
import { refusal, type Refusal } from '../../shared/issues/refusal';
import type { SheetKind } from '../../shared/kinds/sheet-kind';
import { fail, ok, type Result } from '../../shared/result';
import type { SheetGrid } from '../../shared/table/grid';
import type { WorkbookCheckOutput } from './workbook-check-message';

export interface WorkbookCheck {
  readonly sheets: readonly { readonly name: string; readonly kind: SheetKind }[];
  readonly issues: readonly Issue[];
}

/** Compiled, the worker sits next to this file; under jest (the .ts source) it comes from `tsc -b`'s dist/. */
export function workbookCheckWorkerScript(): string {
  if (__filename.endsWith('.ts')) return path.resolve(__dirname, '..', '..', 'dist', 'server', 'analysis', 'workbook-check-worker.js');
  return path.join(__dirname, 'workbook-check-worker.js');
}

/**
 * The checks of an untrusted workbook's grids (an upload), on a worker thread with a deadline:
 * the service's thread never runs them, so no workbook can hold it, and one that takes longer
 * than `timeoutMs` (the worker's start included) is refused ('timeout', reason 'analysis')
 * like a workbook too slow to read. Rejects only on a bug.
 */
export function checkInWorker(grids: readonly SheetGrid[], options: { readonly today?: string; readonly timeoutMs: number; readonly maxHeapMb?: number }): Promise<Result<WorkbookCheck, Refusal>> {
  const script = workbookCheckWorkerScript();
  if (!existsSync(script)) throw new Error(`workbook check worker not built: ${script} (run tsc -b)`);
  const worker = new Worker(script, {
    workerData: { grids, ...(options.today !== undefined ? { today: options.today } : {}) },
    resourceLimits: { maxOldGenerationSizeMb: options.maxHeapMb ?? 512 },
  });
  return new Promise((resolve, reject) => {
    let settled = false;
    const settle = (done: () => void): void => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      void worker.terminate();
      done();
    };
    const timer = setTimeout(
      () => settle(() => resolve(fail(refusal('timeout', { reason: 'analysis', limitSeconds: Math.round(options.timeoutMs / 100) / 10 })))),
      options.timeoutMs,
    );
    worker.on('message', (out: WorkbookCheckOutput) => {
      settle(() => (out.type === 'result' ? resolve(ok({ sheets: out.sheets, issues: out.issues })) : reject(new Error(`workbook check worker failed: ${out.name}: ${out.message}`))));
    });
    worker.on('error', (err: Error & { code?: string }) => {
      settle(() => (err.code === 'ERR_WORKER_OUT_OF_MEMORY' ? resolve(fail(refusal('too-large', { reason: 'memory', limitMb: options.maxHeapMb ?? 512 }))) : reject(err)));
    });
    worker.on('exit', (code) => settle(() => reject(new Error(`workbook check worker exited with code ${code} before answering`))));
  });
}
