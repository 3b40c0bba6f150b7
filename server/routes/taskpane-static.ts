import { existsSync } from 'node:fs';
import path from 'node:path';
import express, { Router, type Response } from 'express';
import { apiError } from '../http/api-error';

/**
 * The task pane's files, built by `npm run build:addin` into dist/addin-web/, served at the
 * service's root: /taskpane.html (the manifest's SourceLocation), /taskpane.js, /auth-dialog.html,
 * /assets/icon-*.png. The service's own URL opens the pane in preview mode (`/` → taskpane.html),
 * so anyone can try the product in a browser without Excel.
 *
 * Caching:
 * - HTML: `no-cache` (revalidate every time): a new deployment reaches every user at once, and
 *   the HTML is what names the bundle's version.
 * - Bundles requested as `name.js?v=<hash>` (how the built HTML references them): a year,
 *   immutable; a new build has a new hash, hence a new URL. Without ?v: `no-cache`.
 * - Icons: a day. Office caches manifest icons on its own anyway.
 * The security headers (CSP with frame-ancestors for Office) come from the app's middleware.
 */

export interface TaskpaneStaticOptions {
  /** Where the built files are; dist/addin-web next to the compiled server by default. */
  readonly dir?: string;
  /** Answer `/` with a redirect to /taskpane.html (default true). */
  readonly rootRedirect?: boolean;
  /**
   * Serve the bundles' source maps (default true). Off in production: a map holds the text of
   * every source file, which the pane does not need and an attacker reads with pleasure.
   */
  readonly sourceMaps?: boolean;
}

const YEAR = 31_536_000;
const DAY = 86_400;

export function defaultTaskpaneDir(): string {
  // Compiled: dist/server/routes/taskpane-static.js → dist/addin-web. From the .ts source (jest),
  // the build of `npm run build:addin` in dist/ as well.
  if (__filename.endsWith('.ts')) return path.resolve(__dirname, '..', '..', 'dist', 'addin-web');
  return path.resolve(__dirname, '..', '..', 'addin-web');
}

function cacheControl(res: Response, file: string): void {
  const ext = path.extname(file);
  if (ext === '.html') {
    res.setHeader('Cache-Control', 'no-cache');
  } else if (ext === '.js' || ext === '.map' || ext === '.txt') {
    const versioned = typeof res.req.query.v === 'string' && /^[0-9a-f]{6,64}$/.test(res.req.query.v);
    res.setHeader('Cache-Control', versioned ? `public, max-age=${YEAR}, immutable` : 'no-cache');
  } else {
    res.setHeader('Cache-Control', `public, max-age=${DAY}`);
  }
}

function isApiPath(p: string): boolean {
  return p === '/api' || p.startsWith('/api/') || p === '/healthz' || p === '/readyz';
}

export function taskpaneStatic(options: TaskpaneStaticOptions = {}): Router {
  const dir = options.dir ?? defaultTaskpaneDir();
  const router = Router();
  if (options.rootRedirect ?? true) {
    router.get('/', (_req, res) => res.redirect(302, '/taskpane.html'));
  }
  const serveFiles = express.static(dir, {
    index: false,
    redirect: false,
    dotfiles: 'ignore',
    fallthrough: true,
    etag: true,
    lastModified: true,
    setHeaders: cacheControl,
  });
  // The API never names a file of the pane: its requests skip the stat() that express.static
  // would otherwise queue on the thread pool for each of them (a third of a light GET's time).
  const maps = options.sourceMaps ?? true;
  router.use((req, res, next) => (isApiPath(req.path) || (!maps && req.path.endsWith('.map')) ? next() : serveFiles(req, res, next)));
  // Not built yet: say how to build it, instead of a bare 404 that looks like a broken deployment.
  router.get(['/taskpane.html', '/taskpane.js', '/auth-dialog.html', '/auth-dialog.js'], (_req, _res, next) => {
    next(
      existsSync(path.join(dir, 'taskpane.html'))
        ? apiError('not-found')
        : apiError('not-found', 'The task pane is not built: run `npm run build:addin`.'),
    );
  });
  return router;
}
