import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { writeDemoWorkbook } from '../../../server/demo/write-demo-workbook';
import { REPO_ROOT, runCli } from '../../fixtures/cli';

/** `ops-scorecard push` against the real service, both started as a user would start them. */
describe('ops-scorecard push', () => {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'push-'));
  const workbook = path.join(dataDir, 'demo.xlsx');
  let service: ChildProcess;
  let url = '';

  beforeAll(async () => {
    await writeDemoWorkbook(workbook);
    service = spawn(process.execPath, [path.join(REPO_ROOT, 'bin', 'ops-scorecard.js'), 'serve'], {
      env: { PATH: process.env.PATH ?? '', DATA_DIR: dataDir, PORT: '0', LOG_LEVEL: 'silent' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    url = await new Promise<string>((resolve, reject) => {
      let seen = '';
      const timer = setTimeout(() => reject(new Error(`service did not start: ${seen}`)), 30_000);
      service.stdout!.on('data', (chunk: Buffer) => {
        seen += chunk.toString('utf8');
        const m = /listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(seen);
        if (m) {
          clearTimeout(timer);
          resolve(m[1]!);
        }
      });
    });
  }, 40_000);

  afterAll(() => {
    service.kill('SIGTERM');
  });

  const token = async (user: string) => (await runCli(['token', '--user', user], { DATA_DIR: dataDir })).stdout.trim();

  it('stores every recognised sheet for a member of the demo matrix, and says so', async () => {
    // 钱七 is 系统管理员 in the demo matrix: global modify, so pushing the matrix keeps their rights.
    const run = await runCli(['push', workbook, '--server', url, '--workspace', 'demo', '--workbook', 'from-cli', '--token', await token('qianqi@example.cn')]);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('from-cli / KPI: revision 1');
    expect(run.stdout).toContain('from-cli / 甘特图: revision 1');
  });

  it('refuses without a valid token, with exit code 2 and the service’s reason', async () => {
    const run = await runCli(['push', workbook, '--server', url, '--workspace', 'demo', '--token', 'not-a-token']);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('401 unauthenticated');
    expect(run.stderr).not.toContain('not-a-token');
  });

  it('needs a token and a server URL', async () => {
    expect((await runCli(['push', workbook, '--workspace', 'demo', '--server', url])).code).toBe(2);
    expect((await runCli(['push', workbook, '--workspace', 'demo', '--token', 'x', '--server', 'ftp://x'])).code).toBe(2);
  });
});
