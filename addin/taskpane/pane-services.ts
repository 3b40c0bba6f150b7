import type { Locale } from '../../shared/i18n/locale';
import { chooseTokenProvider } from '../auth/choose-provider';
import { fetchClientConfig } from '../auth/client-config';
import type { DialogHost } from '../auth/dialog-fallback';
import type { InteractiveTokenProvider } from '../auth/token-provider';
import type { Transport } from '../sync/http';
import { OfflineQueue, type KeyValueStorage } from '../sync/offline-queue';
import { SheetSync } from '../sync/sheet-sync';
import { createSnapshotStore } from '../sync/snapshot-store';
import { createSyncClient, type SyncClient } from '../sync/sync-client';
import type { WorkbookPort } from '../workbook-port';
import type { SheetChecker } from '../check/check-sheet';
import { localToday, paneChecker } from './check-workbook';
import type { SelfTestEnvironment } from './diagnostics/self-test';

/**
 * The pane's composition root, plain TypeScript: everything the React components use, built
 * once at start-up from what main.tsx detected (Office or preview, the workbook port, the
 * service's URL). Components get it through context and never construct services themselves.
 */
export interface PaneServices {
  readonly mode: 'office' | 'preview';
  readonly locale: Locale;
  readonly workbook: WorkbookPort;
  readonly serviceUrl: string;
  readonly auth: InteractiveTokenProvider;
  readonly client: SyncClient;
  readonly queue: OfflineQueue;
  readonly sheetSync: SheetSync;
  readonly checker: SheetChecker;
  readonly storage: KeyValueStorage | null;
  readonly today: () => string;
  /** The Diagnostics view's self-test: this Excel (or preview's fake) and where it runs. */
  readonly selfTest: SelfTestEnvironment;
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
  const queue = new OfflineQueue({
    send: (entry, base, onProgress) =>
      client.push(entry.ref, entry.body, { baseRevision: base, idempotencyKey: entry.idempotencyKey, onProgress }),
    storage: env.storage,
    storageKey: `ops-scorecard:queue:${env.serviceUrl}`,
  });
  const snapshots = createSnapshotStore(env.storage, `ops-scorecard:${env.serviceUrl}`);
  return {
    mode: env.mode,
    locale: env.locale,
    workbook: env.workbook,
    serviceUrl: env.serviceUrl,
    auth,
    client,
    queue,
    sheetSync: new SheetSync({ workbook: env.workbook, client, queue, snapshots }),
    checker: paneChecker(env.workbook, env.locale),
    storage: env.storage,
    today: () => localToday(),
    selfTest: env.selfTest,
  };
}
