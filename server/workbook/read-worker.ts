import { parentPort, workerData } from 'node:worker_threads';
import type { Refusal } from '../../shared/issues/refusal';
import type { Result } from '../../shared/result';
import type { EncodedGrids } from './grid-transfer';
import { readXlsxEncoded, type XlsxReadOptions } from './xlsx-reader';
import type { XlsxInput } from './xlsx/zip-source';

/**
 * The worker half of `readWorkbookGuarded`: reads one workbook under the heap limit the main
 * thread set, answers once and ends. Runs as compiled JS (dist/server/workbook/read-worker.js).
 */
export interface ReadWorkerInput {
  readonly input: XlsxInput;
  readonly options: XlsxReadOptions;
}

export type ReadWorkerOutput =
  | { readonly type: 'result'; readonly result: Result<EncodedGrids, Refusal> }
  /** A bug, not a bad file: the main thread rethrows it. Name and message only, never data. */
  | { readonly type: 'bug'; readonly name: string; readonly message: string };

async function main(port: NonNullable<typeof parentPort>, data: ReadWorkerInput): Promise<void> {
  let out: ReadWorkerOutput;
  let transfer: ArrayBuffer[] = [];
  try {
    // The grids are built in their transfer form as they are read (grid-transfer.ts): typed
    // arrays whose buffers move to the main thread without a copy, each distinct string once.
    const result = await readXlsxEncoded(data.input, data.options);
    if (result.ok) {
      transfer = result.value.transfer;
      out = { type: 'result', result: { ok: true, value: result.value.encoded } };
    } else {
      out = { type: 'result', result };
    }
  } catch (e) {
    const err = e instanceof Error ? e : new Error(String(e));
    out = { type: 'bug', name: err.name, message: err.message };
  }
  port.postMessage(out, transfer);
}

if (parentPort) void main(parentPort, workerData as ReadWorkerInput);
