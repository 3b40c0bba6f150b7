import { Button, Dropdown, Field, Input, Option, ProgressBar, Text, makeStyles, tokens } from '@fluentui/react-components';
import { useEffect, useState } from 'react';
import type { RecognisedSheet } from '../../shared/workbook/analyse';
import type { ConflictState } from '../sync/conflicts';
import { progressFraction, type PushProgress } from '../sync/progress';
import type { SheetRef } from '../sync/sync-client';
import { ConflictView } from './ConflictView';
import type { PaneStrings } from './i18n';
import { loadSettings, saveSettings } from './pane-settings';
import { QueueStatus, useQueueState } from './QueueStatus';
import { reportError } from './report-error';
import { useServices, useStrings } from './services-context';

const useStyles = makeStyles({
  root: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM },
  row: { display: 'flex', gap: tokens.spacingHorizontalS, alignItems: 'center', flexWrap: 'wrap' },
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

export function SyncPane({ sheets }: { sheets: readonly RecognisedSheet[] }) {
  const s = useStrings();
  const services = useServices();
  const styles = useStyles();
  const [settings, setSettings] = useState(() => loadSettings(services.storage));
  const [sheet, setSheet] = useState<string | null>(null);
  const [busy, setBusy] = useState<'push' | 'pull' | 'resolve' | null>(null);
  const [progress, setProgress] = useState<PushProgress | null>(null);
  const [status, setStatus] = useState<string | null>(null);
  const [conflicts, setConflicts] = useState<{ ref: SheetRef; state: ConflictState } | null>(null);
  const queueState = useQueueState();

  const chosen = sheet !== null && sheets.some((x) => x.name === sheet) ? sheet : (sheets[0]?.name ?? null);
  useEffect(() => saveSettings(services.storage, settings), [services.storage, settings]);

  const ref = (): SheetRef | null =>
    chosen === null ? null : { workspace: settings.workspace.trim(), workbook: settings.workbook.trim(), sheet: chosen };

  async function push() {
    const target = ref();
    if (!target) return;
    setBusy('push');
    setProgress(null);
    setStatus(null);
    try {
      const result = await services.sheetSync.push(target, setProgress);
      if (!result.ok) return void reportError(result.error, 'push');
      const v = result.value;
      const lines = [v.upToDate ? s.sync.upToDate(v.revision) : s.sync.pushed(v.revision, v.changedCells)];
      if (v.issues.length > 0) lines.push(s.sync.serviceIssues(v.issues.length));
      setStatus(lines.join(' '));
      setConflicts(v.conflicts ? { ref: target, state: v.conflicts } : null);
    } catch (error) {
      reportError(error, 'push');
    } finally {
      setBusy(null);
    }
  }

  async function pull() {
    const target = ref();
    if (!target) return;
    setBusy('pull');
    setStatus(null);
    try {
      const result = await services.sheetSync.pull(target);
      if (!result.ok) return void reportError(result.error, 'pull');
      setStatus(s.sync.pulled(result.value.revision, result.value.applied));
      setConflicts(result.value.conflicts ? { ref: target, state: result.value.conflicts } : null);
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
      setStatus(s.conflicts.resolved(result.value.revision));
      setConflicts(result.value.conflicts ? { ref: conflicts.ref, state: result.value.conflicts } : null);
    } catch (error) {
      reportError(error, 'resolve');
    } finally {
      setBusy(null);
    }
  }

  const fraction = progress ? progressFraction(progress) : 0;
  return (
    <section className={styles.root} aria-label={s.tabs.sync}>
      <Field label={s.sync.workspace}>
        <Input value={settings.workspace} onChange={(_e, d) => setSettings({ ...settings, workspace: d.value })} />
      </Field>
      <Field label={s.sync.workbook}>
        <Input value={settings.workbook} onChange={(_e, d) => setSettings({ ...settings, workbook: d.value })} />
      </Field>
      <Field label={s.sync.sheet}>
        <Dropdown
          value={chosen ?? ''}
          selectedOptions={chosen ? [chosen] : []}
          placeholder={s.sync.noSheet}
          onOptionSelect={(_e, d) => setSheet(d.optionValue ?? null)}
          disabled={sheets.length === 0}
        >
          {sheets.map((x) => (
            <Option key={x.name} value={x.name} text={x.name}>
              {`${x.name} · ${s.kinds[x.kind]}`}
            </Option>
          ))}
        </Dropdown>
      </Field>
      <div className={styles.row}>
        <Button appearance="primary" onClick={() => void push()} disabled={busy !== null || chosen === null}>
          {s.sync.push}
        </Button>
        <Button onClick={() => void pull()} disabled={busy !== null || chosen === null}>
          {s.sync.pull}
        </Button>
      </div>
      {busy === 'push' ? (
        <Field validationMessage={progressLabel(s, progress)} validationState="none">
          {/* value undefined = indeterminate: while the service works there is nothing to count. */}
          <ProgressBar value={fraction ?? undefined} max={1} thickness="large" />
        </Field>
      ) : null}
      <QueueStatus state={queueState} />
      {status ? (
        <Text role="status" data-testid="sync-status">
          {status}
        </Text>
      ) : null}
      {conflicts ? (
        <ConflictView
          state={conflicts.state}
          onChange={(state) => setConflicts({ ...conflicts, state })}
          onResolve={() => void resolve()}
          busy={busy !== null}
        />
      ) : null}
    </section>
  );
}
