/**
 * The default read limits as plain numbers, apart from their zod schema (limits.ts): the read
 * worker needs the numbers but should not pay ~70 ms to load zod on every start.
 * Why each number: see limits.ts.
 */
const MiB = 1024 * 1024;

export const READ_LIMIT_DEFAULTS = {
  maxFileBytes: 64 * MiB,
  maxEntries: 10_000,
  maxTotalUncompressedBytes: 1024 * MiB,
  maxEntryRatio: 100,
  ratioGraceBytes: 8 * MiB,
  maxCells: 5_000_000,
  workerMaxOldGenerationMb: 512,
  workerMaxYoungGenerationMb: 48,
  timeoutMs: 60_000,
} as const;

/** Excel's own sheet size: a cell address beyond it is damage, not data. */
export const EXCEL_MAX_ROWS = 1_048_576;
export const EXCEL_MAX_COLS = 16_384;
