import { fail, ok, type Result } from '../../shared/result';
import { openSqliteReadOnly } from '../store/database';
import { createKyselyStore } from '../store/kysely-store';
import type { SheetRef, Store } from '../store/store-types';
import { inspectBackupFile, type BackupFileProblemCode } from './backup-file';
import { sheetChecksum } from './sheet-checksum';

export type VerifyProblemCode = BackupFileProblemCode | 'checksum-mismatch' | 'unreadable-rows';

export interface VerifyProblem {
  readonly code: VerifyProblemCode;
  /** Names files and sheets, never a cell value: it goes to the log. */
  readonly message: string;
  /** The sheets whose rows differ from the live store at the same revision. */
  readonly mismatched: readonly SheetRef[];
}

export interface VerifiedBackup {
  readonly sheets: number;
  readonly rows: number;
}

/**
 * Verifies a backup copy against the live store: the file passes the checks of
 * inspectBackupFile (integrity, schema), then every sheet in the copy, at the revision the copy
 * holds, has the same checksum as the live store's rows at that same revision (Store.sheetAt,
 * which undoes the changes made since). Writes after the backup are therefore no failure; a row
 * changed, lost or damaged in the copy is.
 */
export async function verifyBackup(file: string, live: Pick<Store, 'sheetAt' | 'storedRowsDigest'>): Promise<Result<VerifiedBackup, VerifyProblem>> {
  const inspected = await inspectBackupFile(file);
  if (!inspected.ok) return fail({ ...inspected.error, mismatched: [] });

  const database = openSqliteReadOnly(file);
  const copy = createKyselyStore(database);
  const mismatched: SheetRef[] = [];
  let rows = 0;
  let sheets = 0;
  try {
    for (const sheet of await copy.listEverySheet()) {
      const ref: SheetRef = { tenantId: sheet.tenantId, workspace: sheet.workspace, workbook: sheet.workbook, sheet: sheet.sheet };
      sheets += 1;
      // The live sheet still at the copy's revision (a nightly backup, mostly): the copy holds
      // the same bytes, so the stored texts' digests agree without decoding a row. Otherwise, or
      // if they differ, compare what the rows mean: the copy's against the live store's at that
      // revision, the changes since undone.
      // (A row damaged in the copy alone differs; one damaged in the live store too is the live
      // store's damage, faithfully copied, which the service's own reads report.)
      const liveDigest = await live.storedRowsDigest(ref, sheet.revision);
      const copyDigest = liveDigest === null ? null : await copy.storedRowsDigest(ref, sheet.revision);
      if (liveDigest !== null && copyDigest !== null && liveDigest.digest === copyDigest.digest) {
        rows += copyDigest.rows;
        continue;
      }
      const held = await copy.pull(ref, 0);
      const then = await live.sheetAt(ref, sheet.revision);
      rows += held?.rows.length ?? 0;
      if (held === null || then === null || held.kind !== then.kind || sheetChecksum(held.rows) !== sheetChecksum(then.rows)) mismatched.push(ref);
    }
  } catch (error) {
    // Damage inside a row (JSON that no longer parses) passes SQLite's own check but not ours.
    const code = (error as { code?: unknown }).code;
    return fail({ code: 'unreadable-rows', message: `${file}: rows cannot be read back (${typeof code === 'string' ? code : error instanceof Error ? error.name : 'error'})`, mismatched });
  } finally {
    await copy.close();
  }
  if (mismatched.length > 0) {
    return fail({ code: 'checksum-mismatch', message: `${file}: ${mismatched.length} of ${sheets} sheet(s) differ from the live store at the same revision`, mismatched });
  }
  return ok({ sheets, rows });
}
