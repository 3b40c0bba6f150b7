import path from 'node:path';

/**
 * The checkpoint worker must be plain JS. Compiled, it sits next to this file; under jest this
 * file runs from its .ts source (via @swc/jest) and the worker comes from the `tsc -b` output in
 * dist/. A module of its own so that a test can point it at a missing or broken script.
 */
export function walCheckpointWorkerScript(): string {
  if (__filename.endsWith('.ts')) {
    return path.resolve(__dirname, '..', '..', 'dist', 'server', 'store', 'wal-checkpoint-worker.js');
  }
  return path.join(__dirname, 'wal-checkpoint-worker.js');
}
