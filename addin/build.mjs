#!/usr/bin/env node
// Builds the task pane for the web: `node addin/build.mjs` (npm run build:addin).
//   addin/taskpane/main.tsx        → dist/addin-web/taskpane.js    (ES module: React, Fluent UI, the pane)
//   addin/auth/auth-dialog-page.ts → dist/addin-web/auth-dialog.js (the sign-in dialog's page)
//   chunks/*.js                     split off what the first screen does not need: MSAL (loaded only
//                                   when Entra sign-in is configured), the preview workbook and its
//                                   Excel fake (preview mode only), the Sync and Scorecard tabs
//   taskpane.html, auth-dialog.html, assets/*.png copied beside them.
//   addin/contract/contract-page.ts → dist/addin-test/contract.js (+ contract.html): the test build
//   `npm run test:excel` sideloads (the contract suite inside Excel); never served by the service.
// Minified, with source maps; the HTML references each entry as `name.js?v=<content hash>` and
// chunks have content-hashed names, so the service caches scripts for a year and still serves a
// new version at once (the HTML itself is never cached). Every text file is also written
// compressed (.br, brotli 11; .gz, gzip 9) for the service to send as is. Prints each entry's
// size and what the first screen transfers.
import { createHash } from 'node:crypto';
import { copyFileSync, mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { brotliCompressSync, constants as zlib, gzipSync } from 'node:zlib';
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
  format: 'esm',
  splitting: true,
  chunkNames: 'chunks/[name]-[hash]',
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

/** Precompressed beside each text file: the service sends these bytes, it never compresses a script per request. */
function precompress(dir) {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const file = path.join(dir, entry.name);
    if (entry.isDirectory()) precompress(file);
    else if (/\.(?:js|html|css|map|txt|json)$/.test(entry.name)) {
      const bytes = readFileSync(file);
      writeFileSync(`${file}.br`, brotliCompressSync(bytes, { params: { [zlib.BROTLI_PARAM_QUALITY]: 11, [zlib.BROTLI_PARAM_SIZE_HINT]: bytes.length } }));
      writeFileSync(`${file}.gz`, gzipSync(bytes, { level: 9 }));
    }
  }
}
precompress(out);

const kb = (n) => `${(n / 1024).toFixed(1)} KiB`;
for (const [file, output] of Object.entries(result.metafile.outputs)) {
  if (!file.endsWith('.js') || !output.entryPoint) continue;
  // What opening it fetches: the entry and the chunks it imports statically (not the lazy ones).
  const eager = new Set([file]);
  for (const f of eager) for (const imp of result.metafile.outputs[f]?.imports ?? []) if (imp.kind === 'import-statement') eager.add(imp.path);
  const sum = (suffix) => [...eager].reduce((n, f) => n + readFileSync(path.resolve(root, f) + suffix).length, 0);
  process.stdout.write(`${path.relative(root, path.resolve(root, file))}: ${kb(sum(''))} minified, ${kb(sum('.br'))} brotli, ${kb(sum('.gz'))} gzipped (with the ${eager.size - 1} chunks it loads at once)\n`);
}
