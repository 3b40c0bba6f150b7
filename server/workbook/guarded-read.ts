import { existsSync } from 'node:fs';
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import { refusal, type Refusal } from '../../shared/issues/refusal';
import { fail, type Result } from '../../shared/result';
import type { SheetGrid } from '../../shared/table/grid';
import { decodeGrids } from './grid-transfer';
import { resolveReadLimits, type ReadLimits } from './limits';
import type { ReadWorkerInput, ReadWorkerOutput } from './read-worker';
import { scanZip } from './zip-guard';

export interface ReadWorkbook {
  readonly sheets: SheetGrid[];
}

/**
 * The one way to read an untrusted .xlsx: main-thread checks that cost nothing (size, magic
 * bytes, zip central directory), then the parse in a worker thread with its own heap limit and
 * a deadline. Whatever the file, the answer is grids or a refusal; the process survives.
 * Rejects only on a bug (or a missing build: run `tsc -b`).
 */
export async function readWorkbookGuarded(
  input: string | Uint8Array,
  options?: Partial<ReadLimits>,
): Promise<Result<ReadWorkbook, Refusal>> {
  const limits = resolveReadLimits(options);
  const scan = await scanZip(input, limits);
  if (!scan.ok) return scan;
  return readInWorker(input, limits);
}

/**
 * The worker must be plain JS. Compiled, it sits next to this file; under jest this file runs
 * from its .ts source (via @swc/jest) and the worker comes from the `tsc -b` output in dist/.
 */
export function readWorkerScript(): string {
  if (__filename.endsWith('.ts')) {
    return path.resolve(__dirname, '..', '..', 'dist', 'server', 'workbook', 'read-worker.js');
  }
  return path.join(__dirname, 'read-worker.js');
}

function readInWorker(input: string | Uint8Array, limits: ReadLimits): Promise<Result<ReadWorkbook, Refusal>> {
  const script = readWorkerScript();
  if (!existsSync(script)) throw new Error(`xlsx read worker not built: ${script} (run tsc -b)`);
  const workerData: ReadWorkerInput = {
    // Cloning a view clones its whole ArrayBuffer (a pooled Buffer, a slice of a bigger
    // upload): send only the bytes that are the file.
    input: typeof input === 'string' || (input.byteOffset === 0 && input.byteLength === input.buffer.byteLength) ? input : input.slice(),
    options: {
      maxCells: limits.maxCells,
      maxTotalUncompressedBytes: limits.maxTotalUncompressedBytes,
      maxEntries: limits.maxEntries,
    },
  };
  const worker = new Worker(script, {
    workerData,
    resourceLimits: {
      maxOldGenerationSizeMb: limits.workerMaxOldGenerationMb,
      maxYoungGenerationSizeMb: limits.workerMaxYoungGenerationMb,
    },
  });
  return new Promise((resolve, reject) => {
    let settled = false;
    const settle = (done: () => void): void => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      // The answer is in hand (or will never come): nothing the worker does next matters.
      void worker.terminate();
      done();
    };
    const timer = setTimeout(() => {
      settle(() => resolve(fail(refusal('timeout', { limitSeconds: Math.round(limits.timeoutMs / 100) / 10 }))));
    }, limits.timeoutMs);
    worker.on('message', (out: ReadWorkerOutput) => {
      settle(() => {
        if (out.type === 'bug') reject(new Error(`xlsx read worker failed: ${out.name}: ${out.message}`));
        else if (out.result.ok) resolve({ ok: true, value: { sheets: decodeGrids(out.result.value) } });
        else resolve(out.result);
      });
    });
    worker.on('error', (err: Error & { code?: string }) => {
      settle(() => {
        if (err.code === 'ERR_WORKER_OUT_OF_MEMORY') {
          resolve(fail(refusal('too-large', { reason: 'memory', limitMb: limits.workerMaxOldGenerationMb })));
        } else {
          reject(err);
        }
      });
    });
    worker.on('exit', (code) => {
      settle(() => reject(new Error(`xlsx read worker exited with code ${code} before answering`)));
    });
  });
}
