import { DevTokenProvider } from '../../../addin/auth/dev-token';
import type { Transport } from '../../../addin/sync/http';
import { createPaneServices } from '../../../addin/taskpane/pane-services';
import { ok } from '../../../shared/result';
import { GridWorkbook } from '../../fixtures/grid-workbook';
import { MemoryStorage } from '../../fixtures/manual-timers';

const b64 = (o: object) => Buffer.from(JSON.stringify(o)).toString('base64url');
const jwt = (claims: object) => `${b64({ alg: 'ES256' })}.${b64(claims)}.c2ln`;

/** A service that answers the client configuration and nothing else (every push is "unreachable"). */
const transport: Transport = async (request) =>
  ok({ status: request.url.endsWith('/api/v1/client-config') ? 200 : 503, header: () => null, body: JSON.stringify({ auth: { mode: 'development' } }) });

describe('the pane’s sign-out (issue 19, item 10)', () => {
  it('forgets the account, clears its last-synced copies, and keeps its queued pushes for when it signs in again', async () => {
    const storage = new MemoryStorage();
    const services = await createPaneServices({
      mode: 'preview',
      locale: 'en-US',
      workbook: new GridWorkbook({}),
      serviceUrl: 'http://127.0.0.1:1',
      transport,
      storage,
      naaSupported: false,
      dialogHost: null,
      // Not run here: the Diagnostics view's self-test has its own tests.
      selfTest: { excel: { run: () => Promise.reject(new Error('not used')) }, requirements: { isSetSupported: () => false }, host: { host: 'test', platform: 'test', version: 'test' } },
    });
    const dev = services.auth as DevTokenProvider;
    expect(dev.usePasted(jwt({ email: 'admin@contoso.com', tid: 'dev-tenant', sub: 'admin-id', exp: 4_102_444_800 })).ok).toBe(true);
    const ref = { workspace: 'ops', workbook: 'wb', sheet: 'KPI' };
    services.snapshots.set(ref, { kind: 'kpi', revision: 1, rows: new Map([['a', { name: 'A' }]]) });
    services.queue.enqueue({ ref, body: { kind: 'kpi', mode: 'full', rows: [], deletes: [] }, base: null });
    expect([...storage.items.keys()].filter((k) => k.includes(':snapshot:'))).toHaveLength(1);

    services.signOut();
    expect(services.auth.account()).toBeNull();
    expect([...storage.items.keys()].filter((k) => k.includes(':snapshot'))).toEqual([]);
    expect(services.queue.pending()).toHaveLength(1);
    expect(services.queue.state()).toMatchObject({ pending: 0, heldForOthers: [{ name: 'admin@contoso.com', count: 1 }] });
    services.queue.dispose();
  });
});
