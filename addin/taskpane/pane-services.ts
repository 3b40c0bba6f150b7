import type { Locale } from '../../shared/i18n/locale';
import { chooseTokenProvider } from '../auth/choose-provider';
import { fetchClientConfig } from '../auth/client-config';
import type { DialogHost } from '../auth/dialog-fallback';
import type { InteractiveTokenProvider, SignedInAccount } from '../auth/token-provider';
import type { Transport } from '../sync/http';
import { OfflineQueue, type KeyValueStorage, type QueueOwner } from '../sync/offline-queue';
import { SheetSync } from '../sync/sheet-sync';
import { createSnapshotStore, type SnapshotStore } from '../sync/snapshot-store';
import { createSyncClient, type SyncClient } from '../sync/sync-client';
import type { SyncTarget, WorkbookPort } from '../workbook-port';
import type { SheetChecker } from '../check/check-sheet';
import { localToday, paneChecker } from './check-workbook';
import { ConflictMarkingPort } from './conflict-marks';
import type { SelfTestEnvironment } from './diagnostics/self-test';

/**
 * The pane's composition root, plain TypeScript: everything the React components use, built
 * once at start-up from what main.tsx detected (Office or preview, the workbook port, the
 * service's URL). Components get it through context and never construct services themselves.
 */
export interface PaneServices {
  readonly mode: 'office' | 'preview';
  readonly locale: Locale;
  readonly workbook: ConflictMarkingPort;
  readonly serviceUrl: string;
  readonly auth: InteractiveTokenProvider;
  readonly client: SyncClient;
  readonly queue: OfflineQueue;
  readonly sheetSync: SheetSync;
  readonly snapshots: SnapshotStore;
  readonly checker: SheetChecker;
  readonly storage: KeyValueStorage | null;
  readonly today: () => string;
  /** The Diagnostics view's self-test: this Excel (or preview's fake) and where it runs. */
  readonly selfTest: SelfTestEnvironment;
  /** Where this workbook syncs to: its document settings (memory where the port has none). */
  readonly target: { get(): Promise<SyncTarget | null>; set(target: SyncTarget): Promise<void> };
  /** After a sign-in: the new account's queued pushes go out. */
  signedIn(): void;
  /** Sign-out: the account is forgotten, its snapshots cleared; its queued pushes stay, unsent. */
  signOut(): void;
}

export interface PaneEnvironment {
  readonly mode: 'office' | 'preview';
  readonly locale: Locale;
  readonly workbook: WorkbookPort;
  /** The service's origin: the task pane is served by it, so normally the page's own origin. */
  readonly serviceUrl: string;
  readonly transport: Transport;
  readonly storage: KeyValueStorage | null;
  readonly naaSupported: boolean;
  readonly dialogHost: DialogHost | null;
  readonly selfTest: SelfTestEnvironment;
}

export function ownerOfAccount(account: SignedInAccount | null): QueueOwner | null {
  return account?.owner ? { ...account.owner, name: account.username } : null;
}

export async function createPaneServices(env: PaneEnvironment): Promise<PaneServices> {
  const config = await fetchClientConfig(env.serviceUrl, env.transport);
  const auth = chooseTokenProvider({
    config,
    inOffice: env.mode === 'office',
    naaSupported: env.naaSupported,
    baseUrl: env.serviceUrl,
    transport: env.transport,
    dialogHost: env.dialogHost,
  });
  const client = createSyncClient({ baseUrl: env.serviceUrl, tokens: auth, transport: env.transport, timeoutMs: 120_000 });
  const currentOwner = () => ownerOfAccount(auth.account());
  const queue = new OfflineQueue({
    send: (entry, base, onProgress) =>
      client.push(entry.ref, entry.body, { baseRevision: base, idempotencyKey: entry.idempotencyKey, onProgress, owner: entry.owner }),
    currentOwner,
    storage: env.storage,
    storageKey: `ops-scorecard:queue:${env.serviceUrl}`,
  });
  const snapshots = createSnapshotStore(env.storage, `ops-scorecard:${env.serviceUrl}`, currentOwner);
  const workbook = new ConflictMarkingPort(env.workbook);
  let remembered: SyncTarget | null = null;
  const target = {
    async get() {
      return remembered ?? (remembered = (await workbook.readSyncTarget?.()) ?? null);
    },
    async set(next: SyncTarget) {
      remembered = next;
      await workbook.writeSyncTarget?.(next);
    },
  };
  return {
    mode: env.mode,
    locale: env.locale,
    workbook,
    serviceUrl: env.serviceUrl,
    auth,
    client,
    queue,
    sheetSync: new SheetSync({ workbook, client, queue, snapshots }),
    snapshots,
    // The checker marks through the conflict-marking port, so open conflicts stay marked beside the issues.
    checker: paneChecker(workbook, env.locale),
    storage: env.storage,
    today: () => localToday(),
    selfTest: env.selfTest,
    target,
    signedIn: () => queue.accountChanged(),
    signOut: () => {
      const owner = auth.account()?.owner ?? null;
      auth.signOut();
      if (owner) snapshots.clearOwner(owner);
      queue.accountChanged();
    },
  };
}
