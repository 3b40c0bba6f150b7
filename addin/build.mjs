#!/usr/bin/env node
// Builds the task pane for the web: `node addin/build.mjs` (npm run build:addin).
//   addin/taskpane/main.tsx        → dist/addin-web/taskpane.js    (React + Fluent UI + MSAL, one file)
//   addin/auth/auth-dialog-page.ts → dist/addin-web/auth-dialog.js (the sign-in dialog's page)
//   taskpane.html, auth-dialog.html, assets/*.png copied beside them.
//   addin/contract/contract-page.ts → dist/addin-test/contract.js (+ contract.html): the test build
//   `npm run test:excel` sideloads (the contract suite inside Excel); never served by the service.
// Minified, with source maps; the HTML references each bundle as `name.js?v=<content hash>`, so
// the service can cache the bundles for a year and still serve a new version at once (the HTML
// itself is never cached). Prints each bundle's size, raw and gzipped.
import { createHash } from 'node:crypto';
import { copyFileSync, mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { build } from 'esbuild';

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, '..');
const out = path.join(root, 'dist', 'addin-web');

/**
 * zod's `z` namespace re-exports every locale's error messages (~40 languages), and a namespace
 * import keeps all of it in the bundle. The pane never shows zod's messages (it localises by its
 * own codes), and zod registers English itself when a schema is built, so the locale namespace
 * is dropped here: a few hundred KiB less for every user, nothing else changes.
 */
const zodWithoutLocales = {
  name: 'zod-without-locales',
  setup(b) {
    // Both the classic API and its `core` namespace re-export the locales.
    b.onLoad({ filter: /[\\/]zod[\\/]v4[\\/](?:classic[\\/]external|core[\\/]index)\.js$/ }, (args) => {
      const source = readFileSync(args.path, 'utf8');
      const line = 'export * as locales from "../locales/index.js";';
      if (!source.includes(line)) throw new Error('zod changed: the locales export to drop is not where it was');
      return { contents: source.replace(line, 'export const locales = {};'), loader: 'js', resolveDir: path.dirname(args.path) };
    });
  },
};

rmSync(out, { recursive: true, force: true });
mkdirSync(path.join(out, 'assets'), { recursive: true });

const result = await build({
  entryPoints: {
    taskpane: path.join(here, 'taskpane', 'main.tsx'),
    'auth-dialog': path.join(here, 'auth', 'auth-dialog-page.ts'),
  },
  outdir: out,
  bundle: true,
  minify: true,
  sourcemap: true,
  format: 'iife',
  platform: 'browser',
  // Office's web views: Edge WebView2 (Windows), WKWebView (Mac, iPad), and the browsers Excel on the web supports.
  target: ['es2020', 'chrome100', 'edge100', 'safari15', 'firefox100'],
  jsx: 'automatic',
  define: { 'process.env.NODE_ENV': '"production"' },
  legalComments: 'linked',
  metafile: true,
  absWorkingDir: root,
  plugins: [zodWithoutLocales],
  logLevel: 'warning',
});

function hashOf(file) {
  return createHash('sha256').update(readFileSync(file)).digest('hex').slice(0, 12);
}

function copyHtml(from, name, bundles) {
  let html = readFileSync(from, 'utf8');
  for (const bundle of bundles) {
    const file = `${bundle}.js`;
    if (!html.includes(`src="${file}"`)) throw new Error(`${name} does not reference ${file}`);
    html = html.replace(`src="${file}"`, `src="${file}?v=${hashOf(path.join(out, file))}"`);
  }
  writeFileSync(path.join(out, name), html);
}

copyHtml(path.join(here, 'taskpane', 'taskpane.html'), 'taskpane.html', ['taskpane']);
copyHtml(path.join(here, 'auth', 'auth-dialog.html'), 'auth-dialog.html', ['auth-dialog']);
for (const name of readdirSync(path.join(here, 'assets'))) {
  if (name.endsWith('.png')) copyFileSync(path.join(here, 'assets', name), path.join(out, 'assets', name));
}

// The test build: the contract suite as a page of its own, for the dev server to serve.
const testOut = path.join(root, 'dist', 'addin-test');
rmSync(testOut, { recursive: true, force: true });
mkdirSync(testOut, { recursive: true });
await build({
  entryPoints: { contract: path.join(here, 'contract', 'contract-page.ts') },
  outdir: testOut,
  bundle: true,
  minify: true,
  sourcemap: true,
  format: 'iife',
  platform: 'browser',
  target: ['es2020', 'chrome100', 'edge100', 'safari15', 'firefox100'],
  define: { 'process.env.NODE_ENV': '"production"' },
  absWorkingDir: root,
  plugins: [zodWithoutLocales],
  logLevel: 'warning',
});
copyFileSync(path.join(here, 'contract', 'contract.html'), path.join(testOut, 'contract.html'));

const kb = (n) => `${(n / 1024).toFixed(1)} KiB`;
for (const file of Object.keys(result.metafile.outputs).filter((f) => f.endsWith('.js'))) {
  const bytes = readFileSync(path.resolve(root, file));
  process.stdout.write(`${path.relative(root, path.resolve(root, file))}: ${kb(bytes.length)} minified, ${kb(gzipSync(bytes, { level: 9 }).length)} gzipped\n`);
}
