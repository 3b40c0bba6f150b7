#!/usr/bin/env node
// npm run manifest -- --url https://scorecard.contoso.com [--out dist/manifest.prod.xml] [--version 1.2.0.0]
//
// Writes the production manifest from manifest.xml (see make-manifest.ts for the rules). The
// TypeScript module is compiled in memory with esbuild, so this needs no prior `tsc -b`.
// Exit codes: 0 written, 2 refused (bad arguments), 1 anything else.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { build } from 'esbuild';

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, '..', '..');

function usage(message) {
  process.stderr.write(`${message}\nUsage: npm run manifest -- --url https://your-host [--out FILE] [--version 1.2.0.0]\n`);
  process.exit(2);
}

let args;
try {
  args = parseArgs({
    options: { url: { type: 'string' }, out: { type: 'string' }, version: { type: 'string' }, in: { type: 'string' } },
    allowPositionals: false,
  }).values;
} catch (error) {
  usage(error instanceof Error ? error.message : String(error));
}
if (!args.url) usage('--url is required.');

const compiled = await build({
  entryPoints: [path.join(here, 'make-manifest.ts')],
  bundle: true,
  platform: 'node',
  format: 'esm',
  write: false,
  logLevel: 'silent',
});
const source = compiled.outputFiles[0].text;
const { makeManifest, describeFailure } = await import(`data:text/javascript;base64,${Buffer.from(source).toString('base64')}`);

const input = path.resolve(root, args.in ?? 'manifest.xml');
const out = path.resolve(process.cwd(), args.out ?? path.join(root, 'dist', 'manifest.prod.xml'));
const result = makeManifest(readFileSync(input, 'utf8'), { url: args.url, ...(args.version ? { version: args.version } : {}) });
if (!result.ok) usage(describeFailure(result.error));
mkdirSync(path.dirname(out), { recursive: true });
writeFileSync(out, result.value);
process.stdout.write(`Wrote ${out}\n`);
