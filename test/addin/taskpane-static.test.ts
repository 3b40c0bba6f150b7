import express, { type ErrorRequestHandler } from 'express';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { brotliCompressSync, gzipSync } from 'node:zlib';
import request from 'supertest';
import { ApiError } from '../../server/http/api-error';
import { taskpaneStatic } from '../../server/routes/taskpane-static';

/** The router alone, with a stand-in for the app's problem handler (the lead wires the real one). */
function app(dir: string) {
  const a = express();
  a.use(taskpaneStatic({ dir }));
  const problems: ErrorRequestHandler = (error, _req, res, _next) => {
    const e = error as ApiError;
    res.status(e.status).type('application/problem+json').json({ code: e.code, detail: e.detail });
  };
  a.use(problems);
  return a;
}

describe('taskpane static files', () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'addin-web-'));
  mkdirSync(path.join(dir, 'assets'));
  writeFileSync(path.join(dir, 'taskpane.html'), '<!doctype html><script defer src="taskpane.js?v=abc123def456"></script>');
  writeFileSync(path.join(dir, 'taskpane.js'), 'console.log(1)');
  writeFileSync(path.join(dir, 'assets', 'icon-32.png'), Buffer.from([0x89, 0x50, 0x4e, 0x47]));
  writeFileSync(path.join(dir, '.env'), 'SECRET=1');
  mkdirSync(path.join(dir, 'api', 'v1'), { recursive: true });
  writeFileSync(path.join(dir, 'api', 'v1', 'workspaces'), 'a file, not the API');
  writeFileSync(path.join(dir, 'healthz'), 'a file, not the probe');

  it('redirects / to the pane (preview mode for anyone with the URL)', async () => {
    const res = await request(app(dir)).get('/');
    expect(res.status).toBe(302);
    expect(res.headers.location).toBe('/taskpane.html');
  });

  it('never caches the HTML; caches a versioned bundle for a year, an unversioned one not at all; icons a day', async () => {
    const html = await request(app(dir)).get('/taskpane.html');
    expect([html.status, html.headers['cache-control'], html.headers['content-type']]).toEqual([200, 'no-cache', 'text/html; charset=utf-8']);
    const versioned = await request(app(dir)).get('/taskpane.js?v=abc123def456');
    expect(versioned.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect((await request(app(dir)).get('/taskpane.js')).headers['cache-control']).toBe('no-cache');
    expect((await request(app(dir)).get('/taskpane.js?v=<x>')).headers['cache-control']).toBe('no-cache');
    expect((await request(app(dir)).get('/assets/icon-32.png')).headers['cache-control']).toBe('public, max-age=86400');
  });

  it('revalidates with an ETag', async () => {
    const first = await request(app(dir)).get('/taskpane.html');
    const again = await request(app(dir)).get('/taskpane.html').set('If-None-Match', first.headers.etag!);
    expect(again.status).toBe(304);
  });

  it('serves no dotfiles and nothing outside the folder', async () => {
    expect((await request(app(dir)).get('/.env')).status).toBe(404);
    expect((await request(app(dir)).get('/..%2f..%2fetc%2fpasswd')).status).toBe(404);
  });

  it('leaves API paths to the API: nothing under /api/, /healthz or /readyz is looked up on disk', async () => {
    expect((await request(app(dir)).get('/api/v1/workspaces')).status).toBe(404);
    expect((await request(app(dir)).get('/healthz')).status).toBe(404);
  });

  it('sends the build’s precompressed copy the browser accepts (brotli first), as is, with the plain file’s type', async () => {
    const built = mkdtempSync(path.join(os.tmpdir(), 'addin-web-z-'));
    mkdirSync(path.join(built, 'chunks'));
    const js = 'export const x = "' + 'a'.repeat(5000) + '";';
    writeFileSync(path.join(built, 'taskpane.js'), js);
    writeFileSync(path.join(built, 'taskpane.js.br'), brotliCompressSync(js));
    writeFileSync(path.join(built, 'taskpane.js.gz'), gzipSync(js));
    writeFileSync(path.join(built, 'chunks', 'SyncPane-AB12CD34.js'), js);
    writeFileSync(path.join(built, 'chunks', 'SyncPane-AB12CD34.js.br'), brotliCompressSync(js));
    const raw = (res: request.Response, done: (e: Error | null, body: Buffer) => void) => {
      const parts: Buffer[] = [];
      res.on('data', (c: Buffer) => parts.push(c));
      res.on('end', () => done(null, Buffer.concat(parts)));
    };
    const br = await request(app(built)).get('/taskpane.js?v=abc123def456').set('Accept-Encoding', 'gzip, deflate, br').buffer(true).parse(raw);
    expect([br.headers['content-encoding'], br.headers['content-type'], br.headers.vary, br.headers['cache-control']]).toEqual([
      'br',
      'text/javascript; charset=utf-8',
      'Accept-Encoding',
      'public, max-age=31536000, immutable',
    ]);
    // The build's brotli bytes, sent as they are (supertest decodes them for reading).
    expect(Number(br.headers['content-length'])).toBe(brotliCompressSync(js).length);
    expect((br.body as Buffer).toString()).toBe(js);
    const gz = await request(app(built)).get('/taskpane.js').set('Accept-Encoding', 'gzip');
    expect([gz.headers['content-encoding'], gz.text]).toEqual(['gzip', js]);
    const plain = await request(app(built)).get('/taskpane.js').set('Accept-Encoding', 'identity');
    expect([plain.headers['content-encoding'], plain.text]).toEqual([undefined, js]);
    // A chunk's name carries its hash: cached for a year.
    const chunk = await request(app(built)).get('/chunks/SyncPane-AB12CD34.js').set('Accept-Encoding', 'br').buffer(true).parse(raw);
    expect([chunk.headers['content-encoding'], chunk.headers['cache-control']]).toEqual(['br', 'public, max-age=31536000, immutable']);
  });

  it('says how to build the pane when it is not built', async () => {
    const empty = mkdtempSync(path.join(os.tmpdir(), 'addin-web-empty-'));
    const res = await request(app(empty)).get('/taskpane.html');
    expect(res.status).toBe(404);
    expect(res.body).toEqual({ code: 'not-found', detail: 'The task pane is not built: run `npm run build:addin`.' });
  });
});
