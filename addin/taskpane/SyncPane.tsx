import { Button, Field, ProgressBar, Text, makeStyles, tokens } from '@fluentui/react-components';
import { useRef, useState } from 'react';
import type { RecognisedSheet } from '../../shared/workbook/analyse';
import type { ConflictState } from '../sync/conflicts';
import { progressFraction, type PushProgress } from '../sync/progress';
import type { SheetRef } from '../sync/sync-client';
import { ConflictView } from './ConflictView';
import type { PaneStrings } from './i18n';
import { QueueStatus, useQueueState } from './QueueStatus';
import { clearError, reportError } from './report-error';
import { useServices, useStrings } from './services-context';
import { SyncTargetFields, useSyncTarget } from './SyncTargetFields';

const useStyles = makeStyles({
  root: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM },
  row: { display: 'flex', gap: tokens.spacingHorizontalS, alignItems: 'center', flexWrap: 'wrap' },
  select: { width: '100%', minHeight: '32px', font: 'inherit', padding: `0 ${tokens.spacingHorizontalS}` },
});

function progressLabel(s: PaneStrings, p: PushProgress | null): string {
  if (!p) return s.sync.preparing;
  switch (p.phase) {
    case 'preparing':
      return s.sync.preparing;
    case 'uploading':
      return s.sync.uploading(Math.round((progressFraction(p) ?? 0) * 100));
    case 'processing':
    case 'done':
      return s.sync.processing;
    case 'retrying':
      return s.sync.retrying(p.attempt);
  }
}

function sheetLabel(s: PaneStrings, sheet: RecognisedSheet): string {
  const kind = s.kinds[sheet.kind];
  // "KPI definitions · KPI definitions" says nothing twice: the kind only when the name differs.
  return sheet.name.replace(/\s+/g, '').toLowerCase() === kind.replace(/\s+/g, '').toLowerCase() ? sheet.name : `${sheet.name} (${kind})`;
}

export function SyncPane({ sheets, onConflictsMarked }: { sheets: readonly RecognisedSheet[]; onConflictsMarked: () => void }) {
  const s = useStrings();
  const services = useServices();
  const styles = useStyles();
  const target = useSyncTarget();
  const [sheet, setSheet] = useState<string | null>(null);
  const [busy, setBusy] = useState<'push' | 'pull' | 'resolve' | null>(null);
  const [progress, setProgress] = useState<PushProgress | null>(null);
  const [status, setStatus] = useState<string | null>(null);
  const [conflicts, setConflicts] = useState<{ ref: SheetRef; state: ConflictState } | null>(null);
  const conflictsRef = useRef<HTMLElement>(null);
  const queueState = useQueueState();

  const chosen = sheet !== null && sheets.some((x) => x.name === sheet) ? sheet : (sheets[0]?.name ?? null);

  async function ref(): Promise<SheetRef | null> {
    const where = target.current();
    if (chosen === null) return null;
    if (where === null) {
      reportError({ kind: 'no-workspace' }, 'push');
      return null;
    }
    await target.remember(where);
    return { workspace: where.workspace, workbook: where.workbook, sheet: chosen };
  }

  async function showConflicts(next: { ref: SheetRef; state: ConflictState } | null, previous: { ref: SheetRef } | null) {
    setConflicts(next);
    // Marked in the sheet while open; unmarked once resolved.
    if (previous && (!next || previous.ref.sheet !== next.ref.sheet)) await services.workbook.setConflictMarks(previous.ref.sheet, []);
    if (next) {
      const show = (v: unknown) => (v === null || v === '' ? s.conflicts.empty : String(v));
      const marks = next.state.cells
        .filter((c) => c.address !== null)
        .map((c) => ({ cell: c.address!, severity: 'warning' as const, message: s.conflicts.markNote(show(c.yours), show(c.theirs)) }));
      await services.workbook.setConflictMarks(next.ref.sheet, marks);
      requestAnimationFrame(() => conflictsRef.current?.focus());
    }
    onConflictsMarked();
  }

  async function push() {
    const at = await ref();
    if (!at) return;
    setBusy('push');
    setProgress(null);
    setStatus(null);
    try {
      const result = await services.sheetSync.push(at, setProgress);
      if (!result.ok) return void reportError(result.error, 'push');
      clearError('push');
      const v = result.value;
      const open = v.conflicts?.cells.length ?? 0;
      const lines = [v.upToDate ? s.sync.upToDate(v.revision) : open > 0 ? s.sync.pushedWithConflicts(v.revision, v.changedCells, open) : s.sync.pushed(v.revision, v.changedCells)];
      if (v.issues.length > 0) lines.push(s.sync.serviceIssues(v.issues.length));
      setStatus(lines.join(' '));
      await showConflicts(v.conflicts ? { ref: at, state: v.conflicts } : null, conflicts);
    } catch (error) {
      reportError(error, 'push');
    } finally {
      setBusy(null);
    }
  }

  async function pull() {
    const at = await ref();
    if (!at) return;
    setBusy('pull');
    setStatus(null);
    try {
      const result = await services.sheetSync.pull(at);
      if (!result.ok) return void reportError(result.error, 'pull');
      clearError('pull');
      setStatus(s.sync.pulled(result.value.revision, result.value.applied));
      await showConflicts(result.value.conflicts ? { ref: at, state: result.value.conflicts } : null, conflicts);
    } catch (error) {
      reportError(error, 'pull');
    } finally {
      setBusy(null);
    }
  }

  async function resolve() {
    if (!conflicts) return;
    setBusy('resolve');
    try {
      const result = await services.sheetSync.resolve(conflicts.ref, conflicts.state);
      if (!result.ok) return void reportError(result.error, 'resolve');
      clearError('resolve');
      setStatus(s.conflicts.resolved(result.value.revision));
      await showConflicts(result.value.conflicts ? { ref: conflicts.ref, state: result.value.conflicts } : null, conflicts);
    } catch (error) {
      reportError(error, 'resolve');
    } finally {
      setBusy(null);
    }
  }

  const fraction = progress ? progressFraction(progress) : 0;
  const ready = chosen !== null && target.current() !== null;
  return (
    <section className={styles.root} aria-label={s.tabs.sync}>
      <SyncTargetFields target={target} />
      <Field label={s.sync.sheet}>
        {(props) => (
          <select
            {...props}
            className={styles.select}
            value={chosen ?? ''}
            onChange={(e) => setSheet(e.target.value)}
            disabled={sheets.length === 0}
          >
            {sheets.length === 0 ? <option value="">{s.sync.noSheet}</option> : null}
            {sheets.map((x) => (
              <option key={x.name} value={x.name}>
                {sheetLabel(s, x)}
              </option>
            ))}
          </select>
        )}
      </Field>
      <div className={styles.row}>
        <Button appearance="primary" onClick={() => void push()} disabled={busy !== null || !ready}>
          {s.sync.push}
        </Button>
        <Button onClick={() => void pull()} disabled={busy !== null || !ready}>
          {s.sync.pull}
        </Button>
      </div>
      {busy === 'push' && queueState.status !== 'waiting' ? (
        <Field validationMessage={progressLabel(s, progress)} validationState="none">
          {/* value undefined = indeterminate: while the service works there is nothing to count. */}
          <ProgressBar value={fraction ?? undefined} max={1} thickness="large" aria-label={s.sync.progressLabel} />
        </Field>
      ) : null}
      <QueueStatus state={queueState} />
      <Text role="status" data-testid="sync-status">
        {status ?? ''}
      </Text>
      {conflicts ? (
        <ConflictView
          ref={conflictsRef}
          state={conflicts.state}
          onChange={(state) => setConflicts({ ...conflicts, state })}
          onResolve={() => void resolve()}
          busy={busy !== null}
        />
      ) : null}
    </section>
  );
}
