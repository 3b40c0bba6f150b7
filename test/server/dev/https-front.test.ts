import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import https from 'node:https';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { generateCertificates } from 'office-addin-dev-certs';
import { startHttpsFront, type RunningFront } from '../../../server/dev/https-front';

/**
 * The development HTTPS front (npm run dev-server): the pane and the API are the service's
 * answers, over https with the development certificate; /selftest/ is the test build with its own
 * CSP. The certificate is made by office-addin-dev-certs' generator in a temporary folder and
 * trusted by this test's requests only (installing it would change the machine's trust store).
 */
let front: RunningFront;
let service: Server;
let ca: Buffer;
const seen: { method: string; url: string; body: string; proto: string | undefined }[] = [];

beforeAll(async () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'front-'));
  await generateCertificates(path.join(dir, 'ca.crt'), path.join(dir, 'localhost.crt'), path.join(dir, 'localhost.key'), 2, ['localhost']);
  ca = readFileSync(path.join(dir, 'ca.crt'));
  const build = path.join(dir, 'addin-test');
  mkdirSync(build);
  writeFileSync(path.join(build, 'contract.html'), '<!doctype html><title>contract test</title>');
  service = createServer((req, res) => {
    let body = '';
    req.on('data', (c: Buffer) => (body += c.toString()));
    req.on('end', () => {
      seen.push({ method: req.method ?? '', url: req.url ?? '', body, proto: req.headers['x-forwarded-proto'] as string | undefined });
      res.writeHead(req.url === '/healthz' ? 200 : 201, { 'content-type': 'application/json', 'x-request-id': 'r1' });
      res.end(JSON.stringify({ status: 'ok' }));
    });
  });
  await new Promise<void>((resolve) => service.listen(0, '127.0.0.1', () => resolve()));
  front = await startHttpsFront({
    port: 0,
    tls: { cert: readFileSync(path.join(dir, 'localhost.crt')), key: readFileSync(path.join(dir, 'localhost.key')) },
    target: `http://127.0.0.1:${(service.address() as AddressInfo).port}`,
    testBuildDir: build,
  });
});

afterAll(async () => {
  await front?.close();
  await new Promise<void>((resolve) => service.close(() => resolve()));
});

function get(pathname: string, method = 'GET', body?: string): Promise<{ status: number; headers: Record<string, unknown>; text: string }> {
  return new Promise((resolve, reject) => {
    // No shared agent: a TLS session cached by another test in this worker must not be resumed here.
    const req = https.request(`${front.url}${pathname}`, { method, ca, agent: false }, (res) => {
      let text = '';
      res.on('data', (c: Buffer) => (text += c.toString()));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, text }));
    });
    req.on('error', reject);
    if (body) req.end(body);
    else req.end();
  });
}

describe('the development HTTPS front', () => {
  it('answers over https with the development certificate and hands requests to the service, bodies included', async () => {
    const health = await get('/healthz');
    expect(health).toMatchObject({ status: 200, text: '{"status":"ok"}' });
    expect(health.headers['x-request-id']).toBe('r1');
    const push = await get('/api/v1/workspaces/demo/workbooks/wb/sheets/KPI', 'PUT', '{"rows":[]}');
    expect(push.status).toBe(201);
    expect(seen.at(-1)).toEqual({ method: 'PUT', url: '/api/v1/workspaces/demo/workbooks/wb/sheets/KPI', body: '{"rows":[]}', proto: 'https' });
  });

  it('serves the test build under /selftest/ with a CSP that lets it post to the result server only', async () => {
    const page = await get('/selftest/contract.html');
    expect(page.status).toBe(200);
    expect(page.text).toContain('contract test');
    expect(page.headers['content-security-policy']).toBe(
      "default-src 'self'; script-src 'self' https://appsforoffice.microsoft.com; connect-src 'self' https://localhost:4201; style-src 'self' 'unsafe-inline'; img-src 'self' data:",
    );
    expect((await get('/selftest/missing.js')).status).toBe(404);
  });

  it('is refused by a client that does not trust the certificate', async () => {
    await expect(
      new Promise((resolve, reject) => https.get(`${front.url}/healthz`, { ca: [] as unknown as Buffer }, resolve).on('error', reject)),
    ).rejects.toThrow(/certificate/);
  });
});
