#!/usr/bin/env node
// npm run manifest -- --url https://scorecard.contoso.com [--out dist/manifest.prod.xml] [--version 1.2.0.0]
//                     [--package dist/ops-scorecard-app.zip]
//   Writes the production XML manifest (centralized deployment) and the unified-manifest app
//   package (Integrated Apps with the JSON manifest: manifest.json, zh-cn.json and the two icons,
//   zipped), both from addin/manifest/manifest-source.ts. See docs/deploy.md for which to use.
// npm run manifest:write
//   Rewrites the development manifest.xml (https://localhost:3000) from the same source.
//
// The TypeScript modules are compiled in memory with esbuild, so this needs no prior `tsc -b`.
// Exit codes: 0 written, 2 refused (bad arguments), 1 anything else.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { crc32 } from 'node:zlib';
import { build } from 'esbuild';

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, '..', '..');

function usage(message) {
  process.stderr.write(`${message}\nUsage: npm run manifest -- --url https://your-host [--out FILE] [--version 1.2.0.0] [--package FILE.zip]\n`);
  process.exit(2);
}

let args;
try {
  args = parseArgs({
    options: {
      url: { type: 'string' },
      out: { type: 'string' },
      version: { type: 'string' },
      in: { type: 'string' },
      package: { type: 'string' },
      'write-dev': { type: 'boolean' },
    },
    allowPositionals: false,
  }).values;
} catch (error) {
  usage(error instanceof Error ? error.message : String(error));
}

async function load(file) {
  const compiled = await build({ entryPoints: [path.join(here, file)], bundle: true, platform: 'node', format: 'esm', write: false, logLevel: 'silent' });
  return import(`data:text/javascript;base64,${Buffer.from(compiled.outputFiles[0].text).toString('base64')}`);
}

/** A zip of stored (uncompressed) entries: what an app package needs, with no library. */
function zip(entries) {
  const local = [];
  const central = [];
  let offset = 0;
  for (const { name, data } of entries) {
    const nameBytes = Buffer.from(name, 'utf8');
    const crc = crc32(data) >>> 0;
    const header = Buffer.alloc(30);
    header.writeUInt32LE(0x04034b50, 0);
    header.writeUInt16LE(20, 4);
    header.writeUInt16LE(0x0800, 6); // UTF-8 names
    header.writeUInt16LE(0, 8); // stored
    header.writeUInt32LE(0x00210000, 10); // 1980-01-01 00:00
    header.writeUInt32LE(crc, 14);
    header.writeUInt32LE(data.length, 18);
    header.writeUInt32LE(data.length, 22);
    header.writeUInt16LE(nameBytes.length, 26);
    local.push(header, nameBytes, data);
    const entry = Buffer.alloc(46);
    entry.writeUInt32LE(0x02014b50, 0);
    entry.writeUInt16LE(20, 4);
    entry.writeUInt16LE(20, 6);
    entry.writeUInt16LE(0x0800, 8);
    entry.writeUInt16LE(0, 10);
    entry.writeUInt32LE(0x00210000, 12);
    entry.writeUInt32LE(crc, 16);
    entry.writeUInt32LE(data.length, 20);
    entry.writeUInt32LE(data.length, 24);
    entry.writeUInt16LE(nameBytes.length, 28);
    entry.writeUInt32LE(offset, 42);
    central.push(entry, nameBytes);
    offset += header.length + nameBytes.length + data.length;
  }
  const centralBytes = Buffer.concat(central);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(centralBytes.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...local, centralBytes, end]);
}

if (args['write-dev']) {
  const { renderXmlManifest } = await load('xml-manifest.ts');
  const { DEV_ORIGIN } = await load('make-manifest.ts');
  const file = path.join(root, 'manifest.xml');
  writeFileSync(file, renderXmlManifest({ baseUrl: DEV_ORIGIN }));
  process.stdout.write(`Wrote ${file}\n`);
  process.exit(0);
}

if (!args.url) usage('--url is required.');
const { makeManifest, describeFailure, readBaseUrl } = await load('make-manifest.ts');
const input = path.resolve(root, args.in ?? 'manifest.xml');
const out = path.resolve(process.cwd(), args.out ?? path.join(root, 'dist', 'manifest.prod.xml'));
const result = makeManifest(readFileSync(input, 'utf8'), { url: args.url, ...(args.version ? { version: args.version } : {}) });
if (!result.ok) usage(describeFailure(result.error));
mkdirSync(path.dirname(out), { recursive: true });
writeFileSync(out, result.value);
process.stdout.write(`Wrote ${out}\n`);

const { renderUnifiedManifest, ZH_STRINGS_FILE } = await load('unified-manifest.ts');
const { MANIFEST_SOURCE } = await load('manifest-source.ts');
const source = args.version ? { ...MANIFEST_SOURCE, version: args.version } : MANIFEST_SOURCE;
const files = renderUnifiedManifest(readBaseUrl(args.url).value, source);
const json = (value) => Buffer.from(`${JSON.stringify(value, null, 2)}\n`, 'utf8');
const pack = path.resolve(process.cwd(), args.package ?? path.join(root, 'dist', 'ops-scorecard-app.zip'));
mkdirSync(path.dirname(pack), { recursive: true });
writeFileSync(
  pack,
  zip([
    { name: 'manifest.json', data: json(files.manifest) },
    { name: ZH_STRINGS_FILE, data: json(files.zhStrings) },
    ...Object.values(source.packageIcons).map((name) => ({ name, data: readFileSync(path.join(root, 'addin', 'assets', name)) })),
  ]),
);
process.stdout.write(`Wrote ${pack} (unified manifest app package)\n`);
