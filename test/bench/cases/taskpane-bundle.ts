import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { build } from 'esbuild';
import type { BenchCase } from './types';

const REPO_ROOT = path.resolve(__dirname, '..', '..', '..', '..');
const PANE_BUNDLE = path.join(REPO_ROOT, 'dist', 'addin-web', 'taskpane.js');

/** The raw libraries alone: React with one Fluent UI button, bundled the same way as the pane. */
const MINIMAL_PANE = `
import { createRoot } from 'react-dom/client';
import { Button, FluentProvider, webLightTheme } from '@fluentui/react-components';
createRoot(document.getElementById('root')!).render(
  <FluentProvider theme={webLightTheme}><Button appearance="primary">OK</Button></FluentProvider>,
);
`;

const gzipKB = (bytes: Uint8Array): number => Math.round(gzipSync(bytes, { level: 9 }).length / 1024);

export const taskpaneBundleCase: BenchCase = {
  name: 'taskpane-bundle',
  description:
    "the task pane's bundle (dist/addin-web/taskpane.js, built by addin/build.mjs) gzipped, vs React + one Fluent UI button bundled alike; sizes in KB reported for both",
  // The point is the size, reported below; the time is only that of gzipping each bundle.
  target: 10,
  maxPeakMB: null,
  reports: ['gzipKB', 'minifiedKB'],
  reportLimits: { gzipKB: 450 },
  async prepare(dir) {
    writeFileSync(path.join(dir, 'minimal.tsx'), MINIMAL_PANE);
    await build({
      entryPoints: [path.join(dir, 'minimal.tsx')],
      outfile: path.join(dir, 'minimal.js'),
      bundle: true,
      minify: true,
      format: 'iife',
      jsx: 'automatic',
      define: { 'process.env.NODE_ENV': '"production"' },
      nodePaths: [path.join(REPO_ROOT, 'node_modules')],
      logLevel: 'silent',
    });
  },
  async ours() {
    const bytes = readFileSync(PANE_BUNDLE);
    return { gzipKB: gzipKB(bytes), minifiedKB: Math.round(bytes.length / 1024) };
  },
  async baseline(dir) {
    const bytes = readFileSync(path.join(dir, 'minimal.js'));
    return { gzipKB: gzipKB(bytes), minifiedKB: Math.round(bytes.length / 1024) };
  },
};
