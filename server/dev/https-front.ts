import { request as httpRequest } from 'node:http';
import { createServer, type Server } from 'node:https';
import type { AddressInfo } from 'node:net';
import express from 'express';

/**
 * The development HTTPS front that sideloading needs: Office loads add-ins only over https, from
 * the manifest's https://localhost:3000. It answers with the dev certificate
 * (office-addin-dev-certs) and hands every request to the service on its plain HTTP port, so the
 * task pane and the API are the service's own; the service itself keeps listening on HTTP for the
 * API and the preview. Under /selftest/ it serves the test build (dist/addin-test: the contract
 * suite's page that `npm run test:excel` sideloads), which posts its report to the result server
 * on https://localhost:4201 — hence that page's own CSP.
 */
export interface HttpsFrontOptions {
  readonly port: number;
  readonly host?: string;
  readonly tls: { readonly cert: string | Buffer; readonly key: string | Buffer };
  /** The service, e.g. http://127.0.0.1:3100. */
  readonly target: string;
  /** dist/addin-test; served at /selftest/. */
  readonly testBuildDir: string;
  /** Where the test page may post its report (the result server's origin). */
  readonly resultOrigin?: string;
}

export interface RunningFront {
  readonly url: string;
  readonly server: Server;
  close(): Promise<void>;
}

export function testPageCsp(resultOrigin: string): string {
  return [
    "default-src 'self'",
    "script-src 'self' https://appsforoffice.microsoft.com",
    `connect-src 'self' ${resultOrigin}`,
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data:",
  ].join('; ');
}

export async function startHttpsFront(options: HttpsFrontOptions): Promise<RunningFront> {
  const target = new URL(options.target);
  const app = express();
  app.disable('x-powered-by');
  app.use(
    '/selftest',
    (_req, res, next) => {
      res.setHeader('Content-Security-Policy', testPageCsp(options.resultOrigin ?? 'https://localhost:4201'));
      res.setHeader('Cache-Control', 'no-cache');
      next();
    },
    express.static(options.testBuildDir, { index: false, redirect: false, fallthrough: false }),
  );
  // Everything else is the service's answer, streamed both ways.
  app.use((req, res) => {
    const upstream = httpRequest(
      { hostname: target.hostname, port: target.port, path: req.originalUrl, method: req.method, headers: { ...req.headers, host: target.host, 'x-forwarded-proto': 'https' } },
      (answer) => {
        res.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(res);
      },
    );
    upstream.on('error', () => {
      if (!res.headersSent) res.status(502).type('text/plain').send('The service behind the development HTTPS front does not answer.');
      else res.end();
    });
    req.pipe(upstream);
  });
  const server = createServer({ cert: options.tls.cert, key: options.tls.key }, app);
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host ?? 'localhost', () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  return {
    url: `https://localhost:${port}`,
    server,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
