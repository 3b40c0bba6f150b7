import { FluentProvider, webLightTheme } from '@fluentui/react-components';
import { createRoot } from 'react-dom/client';
import { naaSupported, officeDialogHost } from '../auth/dialog-fallback';
import { ExcelWorkbookPort, officeExcelHost, officeHostInfo } from '../excel';
import { FakeExcel } from '../excel-fake';
import { browserStorage } from '../sync/offline-queue';
import { defaultTransport } from '../sync/progress';
import { App } from './App';
import { detectHost } from './detect-host';
import { chooseLocale, paneStrings } from './i18n';
import { createPaneServices } from './pane-services';
import { PreviewShell } from './PreviewShell';
import { reportError, setErrorSink } from './report-error';

/**
 * Start-up: Excel (office.js answered with host Excel) or preview mode (anything else: a plain
 * browser, office.js missing or silent). Both run the same pane over a WorkbookPort; preview's
 * port is the same Office.js adapter over the in-browser fake of Excel.
 */
async function main(): Promise<void> {
  const container = document.getElementById('root');
  if (!container) return;
  const root = createRoot(container);
  const host = await detectHost(window as { Office?: unknown });
  const locale = chooseLocale(window.location.search, host.kind === 'excel' ? host.displayLanguage : null, navigator.language);
  document.documentElement.lang = locale;
  document.title = paneStrings(locale).appTitle;

  try {
    const storage = browserStorage();
    const transport = defaultTransport();
    const serviceUrl = window.location.origin;
    if (host.kind === 'excel') {
      const excel = officeExcelHost(Excel);
      const workbook = new ExcelWorkbookPort(excel, Office.context.requirements);
      const services = await createPaneServices({
        mode: 'office',
        locale,
        workbook,
        serviceUrl,
        transport,
        storage,
        naaSupported: naaSupported(),
        dialogHost: officeDialogHost(),
        selfTest: { excel, requirements: Office.context.requirements, host: officeHostInfo(Office) },
      });
      startQueue(services.queue);
      root.render(<App services={services} />);
    } else {
      const fake = new FakeExcel();
      fake.addSheet('Sheet1');
      const workbook = new ExcelWorkbookPort(fake.excel, fake.requirements);
      const services = await createPaneServices({
        mode: 'preview',
        locale,
        workbook,
        serviceUrl,
        transport,
        storage,
        naaSupported: false,
        dialogHost: null,
        selfTest: { excel: fake.excel, requirements: fake.requirements, host: { host: 'Excel (preview)', platform: 'Browser', version: `fake ExcelApi ${fake.apiVersion}` } },
      });
      startQueue(services.queue);
      // Tests and the curious can reach the fake workbook from the console.
      (window as { opsScorecardPreview?: FakeExcel }).opsScorecardPreview = fake;
      root.render(
        <PreviewShell fake={fake}>
          <App services={services} />
        </PreviewShell>,
      );
    }
  } catch (error) {
    // Nothing rendered yet, so the pane's MessageBar is not there: say it plainly, in the same words.
    setErrorSink(locale, null);
    const message = reportError(error, 'start');
    root.render(
      <FluentProvider theme={webLightTheme}>
        <p role="alert" style={{ padding: 16 }}>
          {message.text} {message.code ? `(${message.code})` : ''}
        </p>
      </FluentProvider>,
    );
  }
}

function startQueue(queue: { start(): void; retryNow(): void }): void {
  queue.start();
  // The browser noticed the network is back: no need to wait out the rest of the delay.
  window.addEventListener('online', () => queue.retryNow());
}

void main();
