import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { writeDemoWorkbook } from '../../../server/demo/write-demo-workbook';
import { runCli } from '../../fixtures/cli';

/**
 * Managers open scorecards in whatever they have; LibreOffice is the strictest common reader.
 * CI installs it (.ci/run); a missing soffice fails here rather than skipping.
 */
describe('a generated scorecard in LibreOffice', () => {
  it('converts to PDF without complaint', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'lo-'));
    const demo = path.join(dir, 'demo.xlsx');
    const out = path.join(dir, 'scorecard.xlsx');
    await writeDemoWorkbook(demo);
    expect((await runCli(['scorecard', demo, '--out', out])).code).toBe(0);
    execFileSync('soffice', ['--headless', `-env:UserInstallation=file://${dir}/profile`, '--convert-to', 'pdf', '--outdir', dir, out], {
      timeout: 120_000,
      stdio: 'pipe',
    });
    const pdf = path.join(dir, 'scorecard.pdf');
    expect(existsSync(pdf)).toBe(true);
    expect(statSync(pdf).size).toBeGreaterThan(5_000);
  }, 150_000);
});
