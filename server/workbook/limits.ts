import { z } from 'zod';
import { READ_LIMIT_DEFAULTS as D } from './limit-defaults';


/**
 * How much an untrusted .xlsx may cost us. Every number has a reason:
 *
 * - maxFileBytes 64 MiB: a 100k-row KPI sheet from Excel is ~3 MB; 64 MiB leaves 20× room and
 *   bounds what the pre-scan and the worker ever touch on disk.
 * - maxEntries 10,000: Excel writes ~10–50 parts plus one per sheet, drawing, chart, image;
 *   ten thousand parts is far beyond any real workbook and keeps the central-directory walk
 *   cheap (a zip may declare 65,535 or, with zip64, billions).
 * - maxTotalUncompressedBytes 1 GiB: the 5 M cell cap below is reached by ~100–500 MB of sheet
 *   XML (20–100 bytes a cell); 1 GiB is twice the largest workbook we would accept anyway,
 *   while inflating it stays a few seconds of CPU. Checked on the declared sizes before parsing
 *   and again on the bytes actually inflated.
 * - maxEntryRatio 100 for entries over ratioGraceBytes (8 MiB): real sheet XML compresses
 *   5–15× (measured: exceljs 100k rows 6.4×; Excel-style `r="A1"` addresses ~13×), while a
 *   deflate bomb reaches ~1000×. 100 is Apache POI's default (MIN_INFLATE_RATIO 0.01). Small
 *   entries are exempt: whatever their ratio, they cannot cost more than 8 MiB each.
 * - maxCells 5,000,000: cell slots in the grids we build (a cell at XFD1 costs 16,384 slots),
 *   across all sheets. ~40–120 MB of JS values: fits the worker heap below with room for
 *   the shared strings and the copy sent back to the main thread.
 * - workerMaxOldGenerationMb 512 / workerMaxYoungGenerationMb 48: the worker's own heap, so an
 *   input we did not foresee ends in 'too-large' instead of taking the service down. The
 *   young generation is sized for throughput: parsing allocates many short-lived strings.
 * - timeoutMs 60 s: a 100k-row sheet reads in ~1 s; sixty times that is a hostile or broken
 *   file, not a slow one.
 */
export const ReadLimitsSchema = z
  .object({
    maxFileBytes: z.number().int().positive().default(D.maxFileBytes),
    maxEntries: z.number().int().positive().default(D.maxEntries),
    maxTotalUncompressedBytes: z.number().int().positive().default(D.maxTotalUncompressedBytes),
    maxEntryRatio: z.number().positive().default(D.maxEntryRatio),
    ratioGraceBytes: z.number().int().nonnegative().default(D.ratioGraceBytes),
    maxCells: z.number().int().positive().default(D.maxCells),
    workerMaxOldGenerationMb: z.number().int().min(16).default(D.workerMaxOldGenerationMb),
    workerMaxYoungGenerationMb: z.number().int().min(1).default(D.workerMaxYoungGenerationMb),
    timeoutMs: z.number().int().positive().default(D.timeoutMs),
  })
  .strict();

export type ReadLimits = z.infer<typeof ReadLimitsSchema>;

/** For configuration files: any subset of the limits, validated. */
export const ReadLimitsOverrideSchema = ReadLimitsSchema.partial();

export const DEFAULT_READ_LIMITS: ReadLimits = Object.freeze(ReadLimitsSchema.parse({}));

/**
 * Defaults with the caller's overrides. Overrides come from our own code or an already
 * validated config, so an invalid one is a bug and throws.
 */
export function resolveReadLimits(overrides?: Partial<ReadLimits>): ReadLimits {
  if (!overrides) return DEFAULT_READ_LIMITS;
  const defined = Object.fromEntries(Object.entries(overrides).filter(([, v]) => v !== undefined));
  return ReadLimitsSchema.parse({ ...DEFAULT_READ_LIMITS, ...defined });
}
