import { randomUUID } from 'node:crypto';
import { createWriteStream, type WriteStream } from 'node:fs';
import { rename, rm } from 'node:fs/promises';
import { once } from 'node:events';

/** Where a generated workbook goes: a file, or a stream the caller owns (an HTTP response…). */
export type WorkbookTarget = { readonly path: string } | { readonly stream: NodeJS.WritableStream };

/** Throws the target's write error, if it has had one; cheap enough to call between rows. */
export type TargetCheck = () => void;

/**
 * Runs `write` against the target's stream with the two things exceljs's streaming writer does
 * not do itself:
 * - it listens for the stream's 'error' only once the workbook is committed, so an early error
 *   (a missing folder, a closed socket) would be an unhandled 'error' event — a crash — and
 *   then a commit that waits forever for 'finish'. Here the error is caught from the start and
 *   ends the write.
 * - a file is written beside its final path and renamed when complete, so a scheduled
 *   regeneration never leaves half a workbook where readers (or SharePoint) look.
 */
export async function writeToTarget(
  target: WorkbookTarget,
  write: (out: NodeJS.WritableStream, check: TargetCheck) => Promise<void>,
): Promise<void> {
  let tempPath: string | null = null;
  let out: NodeJS.WritableStream;
  if ('path' in target) {
    tempPath = `${target.path}.${process.pid}.${randomUUID()}.tmp`;
    out = createWriteStream(tempPath);
  } else {
    out = target.stream;
  }

  let failure: { error: unknown } | null = null;
  let onError: (error: unknown) => void = () => undefined;
  const failed = new Promise<never>((_, reject) => {
    onError = (error) => {
      failure ??= { error };
      reject(error);
    };
  });
  // `on`, not `once`: a second 'error' with no listener would still crash the process.
  out.on('error', onError);
  // The race below may settle first; this keeps a later rejection from being "unhandled".
  failed.catch(() => undefined);
  const check: TargetCheck = () => {
    if (failure) throw failure.error;
  };

  try {
    await Promise.race([write(out, check), failed]);
    check();
    if (tempPath !== null && 'path' in target) {
      const file = out as WriteStream;
      // 'finish' means flushed, not closed; renaming an open file fails on Windows.
      if (!file.closed) await once(file, 'close');
      await rename(tempPath, target.path);
    }
  } catch (error) {
    if (tempPath !== null) {
      (out as WriteStream).destroy();
      await rm(tempPath, { force: true });
    }
    throw error;
  } finally {
    // A caller's stream outlives this call; its later errors are the caller's to hear.
    if (tempPath === null) out.removeListener('error', onError);
  }
}
