import { stat } from 'node:fs/promises';
import type { Refusal } from '../../shared/issues/refusal';
import { fail, ok, type Result } from '../../shared/result';
import type { ReadLimits } from './limits';
import { findWorkbookPart, isBinaryWorkbook } from './xlsx/opc';
import { refuse, RefusalSignal } from './xlsx/read-refusal';
import { InflateBudget, openPackage, type XlsxInput } from './xlsx/zip-source';

export interface ZipScan {
  readonly workbookPart: string;
  readonly entries: number;
  readonly declaredBytes: number;
}

/** The package relationships are a few hundred bytes; the main thread inflates no more than this. */
const MAX_PACKAGE_RELS_BYTES = 1024 * 1024;

/**
 * The checks that run in the main thread before any worksheet is inflated: file size, magic
 * bytes, then the zip central directory alone (entry count, declared sizes and compression
 * ratios, encryption) and the one tiny part that says where the workbook is. Each answer is
 * cheap and bounded whatever the file holds.
 */
export async function scanZip(input: XlsxInput, limits: ReadLimits): Promise<Result<ZipScan, Refusal>> {
  try {
    return ok(await scan(input, limits));
  } catch (e) {
    if (e instanceof RefusalSignal) return fail(e.refusal);
    throw e;
  }
}

async function scan(input: XlsxInput, limits: ReadLimits): Promise<ZipScan> {
  await checkFileSize(input, limits.maxFileBytes);
  const pkg = await openPackage(input, limits.maxEntries);
  try {
    let declared = 0;
    for (const entry of pkg.allEntries) {
      if (entry.isEncrypted()) refuse('encrypted-or-legacy', { reason: 'encrypted-entry' });
      const size = entry.uncompressedSize;
      declared += size;
      // Deflate never grows data by more than a few bytes per block: an entry much bigger
      // compressed than inflated has a header that lies about what it inflates to.
      if (entry.compressedSize > size + size / 100 + 1024) {
        refuse('zip-bomb', { reason: 'size-mismatch', part: entry.fileName });
      }
      if (size > limits.ratioGraceBytes && size / Math.max(1, entry.compressedSize) > limits.maxEntryRatio) {
        refuse('zip-bomb', {
          reason: 'ratio',
          part: entry.fileName,
          ratio: Math.round(size / Math.max(1, entry.compressedSize)),
          limitRatio: limits.maxEntryRatio,
        });
      }
    }
    if (declared > limits.maxTotalUncompressedBytes) {
      refuse('zip-bomb', { reason: 'total-size', declaredBytes: declared, limitBytes: limits.maxTotalUncompressedBytes });
    }
    const workbookPart = await findWorkbookPart(pkg, new InflateBudget(MAX_PACKAGE_RELS_BYTES));
    if (workbookPart === null) refuse('not-xlsx', { reason: 'no-workbook' });
    if (isBinaryWorkbook(workbookPart)) refuse('not-xlsx', { reason: 'xlsb' });
    return { workbookPart, entries: pkg.allEntries.length, declaredBytes: declared };
  } finally {
    pkg.close();
  }
}

async function checkFileSize(input: XlsxInput, maxFileBytes: number): Promise<void> {
  let size: number;
  if (typeof input === 'string') {
    let info;
    try {
      info = await stat(input);
    } catch {
      refuse('not-xlsx', { reason: 'unreadable' });
    }
    if (!info.isFile()) refuse('not-xlsx', { reason: 'not-a-file' });
    size = info.size;
  } else {
    size = input.byteLength;
  }
  if (size > maxFileBytes) refuse('too-large', { reason: 'file-size', fileBytes: size, limitBytes: maxFileBytes });
}
