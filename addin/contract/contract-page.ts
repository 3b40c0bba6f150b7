import { sendTestResults } from 'office-addin-test-helpers';
import { officeExcelHost, officeHostInfo } from '../excel/excel-host';
import { formatReport, forTransport } from './report';
import { runContractSuite } from './run-suite';

/**
 * The test build's page (dist/addin-test/contract.html), sideloaded into Excel by
 * `npm run test:excel`: once Office is ready it runs the contract suite in the live workbook
 * (scratch sheets, deleted afterwards), shows the report, and posts it to the result server on
 * this machine (office-addin-test-server, port from ?port=, 4201 by default) with
 * office-addin-test-helpers, as Office's own samples do.
 */
const DEFAULT_PORT = 4201;

function show(text: string): void {
  const out = document.getElementById('report');
  if (out) out.textContent = text;
}

async function main(): Promise<void> {
  const requested = Number(new URLSearchParams(window.location.search).get('port'));
  const port = Number.isInteger(requested) && requested > 0 && requested < 65_536 ? requested : DEFAULT_PORT;
  const office = (window as { Office?: typeof Office }).Office;
  if (!office) {
    show('office.js did not load: open this page from Excel (npm run test:excel).');
    return;
  }
  const info = await office.onReady();
  if (info.host !== office.HostType.Excel) {
    show(`Not in Excel (host: ${String(info.host)}): this page runs the contract suite inside Excel only.`);
    return;
  }
  show('Running the contract suite…');
  const report = await runContractSuite({
    excel: officeExcelHost(Excel),
    requirements: office.context.requirements,
    host: officeHostInfo(office),
    locale: 'en-US',
    clock: () => performance.now(),
  });
  show(formatReport(report));
  const sent = await sendTestResults(forTransport(report), port);
  if (!sent) show(`${formatReport(report)}\n\nCould not send the results to https://localhost:${port}/results.`);
}

void main();
