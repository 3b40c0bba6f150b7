import { spawn } from 'node:child_process';
import path from 'node:path';
import { REPO_ROOT } from '../../fixtures/cli';
import { tempDir } from '../../fixtures/http-harness';

/** The built `ops-scorecard serve`, as `npm start` runs it, on a free port. */
function startServe(env: Record<string, string>) {
  const child = spawn(process.execPath, [path.join(REPO_ROOT, 'bin', 'ops-scorecard.js'), 'serve'], {
    cwd: tempDir(),
    env: { PATH: process.env.PATH ?? '', PORT: '0', LOG_LEVEL: 'warn', ...env },
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  const url = new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no URL printed: ${stdout} ${stderr}`)), 30_000);
    child.stdout.on('data', () => {
      const m = /listening on (http:\/\/[^\s]+)/.exec(stdout);
      if (m) {
        clearTimeout(timer);
        resolve(m[1]!);
      }
    });
    void exited.then(() => {
      clearTimeout(timer);
      reject(new Error(`exited: ${stderr}`));
    });
  });
  // A test that expects the process to fail never awaits the URL.
  url.catch(() => undefined);
  return { child, url, exited, output: () => ({ stdout, stderr }) };
}

describe('ops-scorecard serve', () => {
  it('listens on 127.0.0.1, prints URLs that work, and stops cleanly on SIGTERM', async () => {
    const dataDir = tempDir();
    const serve = startServe({ DATA_DIR: dataDir });
    const url = await serve.url;
    expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(serve.output().stdout).toContain(`${url}/api/docs`);
    expect(serve.output().stdout).toContain(`${url}/healthz`);
    expect((await fetch(`${url}/healthz`)).status).toBe(200);
    expect((await fetch(`${url}/readyz`)).status).toBe(200);
    expect((await fetch(`${url}/api/docs`)).status).toBe(200);
    serve.child.kill('SIGTERM');
    expect(await serve.exited).toBe(0);
    expect(serve.output().stderr).toContain('SIGTERM received');
  });

  it('exits 2 with a clear message when the port is taken', async () => {
    const first = startServe({ DATA_DIR: tempDir() });
    const url = await first.url;
    try {
      const port = new URL(url).port;
      const second = startServe({ DATA_DIR: tempDir(), PORT: port });
      expect(await second.exited).toBe(2);
      expect(second.output().stderr).toMatch(new RegExp(`port ${port} .*already in use`));
    } finally {
      first.child.kill('SIGTERM');
      await first.exited;
    }
  });
});
