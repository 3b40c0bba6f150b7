import { Button, Field, Input, Spinner, Text, makeStyles, tokens } from '@fluentui/react-components';
import { useCallback, useEffect, useState } from 'react';
import type { MyWorkspacesResponse } from '../../shared/api/my-workspaces';
import { WorkspaceNameSchema } from '../../shared/api/workspace';
import type { SyncTarget } from '../workbook-port';
import { reportError } from './report-error';
import { useAccount, useServices, useStrings } from './services-context';

/**
 * Where this workbook syncs to, chosen, never assumed: the workspaces the signed-in user may push
 * to (GET /api/v1/me/workspaces), or a new one when the service lets them start one, and the
 * workbook's name on the service. Nothing is preselected the first time; the choice is kept in
 * the workbook's document settings, so the same file syncs to the same place next time.
 */

const NEW = '\u0000new';

type Listing =
  | { readonly status: 'signed-out' }
  | { readonly status: 'loading' }
  | { readonly status: 'ready'; readonly answer: MyWorkspacesResponse }
  | { readonly status: 'failed' };

export interface SyncTargetState {
  readonly listing: Listing;
  readonly workspace: string;
  readonly newName: string;
  readonly workbook: string;
  setWorkspace(value: string): void;
  setNewName(value: string): void;
  setWorkbook(value: string): void;
  reload(): void;
  /** The target as chosen now, or null while incomplete or invalid. */
  current(): SyncTarget | null;
  remember(target: SyncTarget): Promise<void>;
}

export function useSyncTarget(): SyncTargetState {
  const services = useServices();
  const { account } = useAccount();
  const [listing, setListing] = useState<Listing>({ status: 'signed-out' });
  const [workspace, setWorkspace] = useState('');
  const [newName, setNewName] = useState('');
  const [workbook, setWorkbook] = useState('');
  const [generation, setGeneration] = useState(0);

  useEffect(() => {
    let live = true;
    void services.target.get().then((t) => {
      if (!live || !t) return;
      setWorkspace((w) => w || t.workspace);
      setWorkbook((b) => b || t.workbook);
    });
    return () => {
      live = false;
    };
  }, [services]);

  useEffect(() => {
    if (!account) return setListing({ status: 'signed-out' });
    let live = true;
    setListing({ status: 'loading' });
    void services.client.myWorkspaces().then((answer) => {
      if (!live) return;
      if (!answer.ok) {
        setListing({ status: 'failed' });
        return void reportError(answer.error, 'push');
      }
      setListing({ status: 'ready', answer: answer.value });
    });
    return () => {
      live = false;
    };
  }, [services, account, generation]);

  const current = (): SyncTarget | null => {
    const name = (workspace === NEW ? newName : workspace).trim();
    const book = workbook.trim();
    if (name === '' || book === '' || !WorkspaceNameSchema.safeParse(name).success || book.length > 128) return null;
    return { workspace: name, workbook: book };
  };

  const remember = useCallback((t: SyncTarget) => services.target.set(t).catch((e: unknown) => void reportError(e, 'push')), [services]);
  return { listing, workspace, newName, workbook, setWorkspace, setNewName, setWorkbook, reload: () => setGeneration((g) => g + 1), current, remember };
}

const useStyles = makeStyles({
  root: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM },
  select: { width: '100%', minHeight: '32px', font: 'inherit', padding: `0 ${tokens.spacingHorizontalS}` },
  line: { display: 'flex', gap: tokens.spacingHorizontalS, alignItems: 'center', flexWrap: 'wrap' },
});

export function SyncTargetFields({ target }: { target: SyncTargetState }) {
  const s = useStrings();
  const styles = useStyles();
  const { listing } = target;
  const list = listing.status === 'ready' ? listing.answer.workspaces : [];
  const canCreate = listing.status === 'ready' && listing.answer.canCreate;
  // A remembered workspace that is not (or no longer) in the list is still shown, so the choice is visible.
  const known = new Set(list.map((w) => w.name));
  const extra = target.workspace !== '' && target.workspace !== NEW && !known.has(target.workspace) ? [target.workspace] : [];
  const policy = list.find((w) => w.name === target.workspace)?.policySource?.permissions ?? null;

  return (
    <div className={styles.root}>
      <Field label={s.sync.workspace} hint={listing.status === 'ready' && (list.length > 0 || canCreate) ? s.sync.workspaceHint : undefined}>
        {(props) => (
          <select
            {...props}
            className={styles.select}
            value={target.workspace}
            onChange={(e) => target.setWorkspace(e.target.value)}
            disabled={listing.status !== 'ready'}
            data-testid="workspace"
          >
            <option value="" disabled>
              {s.sync.chooseWorkspace}
            </option>
            {[...list.map((w) => w.name), ...extra].map((name) => (
              <option key={name} value={name}>
                {name}
              </option>
            ))}
            {canCreate ? <option value={NEW}>{s.sync.newWorkspace}</option> : null}
          </select>
        )}
      </Field>
      {policy ? <Text size={200} data-testid="policy-source">{s.sync.policySource(policy.workbook, policy.sheet)}</Text> : null}
      {listing.status === 'signed-out' ? <Text size={200}>{s.sync.signInForWorkspaces}</Text> : null}
      {listing.status === 'loading' ? <Spinner size="tiny" label={s.sync.loadingWorkspaces} /> : null}
      {listing.status === 'ready' && list.length === 0 && !canCreate ? <Text size={200}>{s.sync.noWorkspaces}</Text> : null}
      {listing.status === 'ready' || listing.status === 'failed' ? (
        <div className={styles.line}>
          <Button size="small" appearance="subtle" onClick={target.reload}>
            {s.sync.refresh}
          </Button>
        </div>
      ) : null}
      {target.workspace === NEW ? (
        <Field label={s.sync.newWorkspaceName}>
          <Input value={target.newName} onChange={(_e, d) => target.setNewName(d.value)} maxLength={64} />
        </Field>
      ) : null}
      <Field label={s.sync.workbook} hint={s.sync.workbookHint}>
        <Input value={target.workbook} onChange={(_e, d) => target.setWorkbook(d.value)} maxLength={128} />
      </Field>
    </div>
  );
}
