import path from 'node:path';
import { axe, openPane, SHOTS, startPaneServer, withPage, type PaneServer } from './pane-browser';
jest.setTimeout(120_000);
let server: PaneServer;
beforeAll(async () => { server = await startPaneServer(); });
afterAll(() => server?.close());
it('scratch', async () => {
  await withPage('scratch', openPane(server, { lang: 'en-US', paneWidth: 320, viewport: { width: 900, height: 800 } }), async ({ page, problems }) => {
    await page.getByTestId('preview-banner').waitFor();
    await page.screenshot({ path: path.join(SHOTS, 'scratch.png') });
    console.log(JSON.stringify(await axe(page), null, 1).slice(0, 6000), problems);
  });
});
