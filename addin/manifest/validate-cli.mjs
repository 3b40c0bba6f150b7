#!/usr/bin/env node
// npm run validate — both manifests checked offline, against the schemas vendored in test/fixtures:
//   manifest.xml           with xmllint against Microsoft's Office add-in XSDs (test/fixtures/manifest-xsd)
//   the unified manifest   (generated from the same source) with ajv, draft-04, against the
//                          Microsoft 365 app manifest 1.29 schema (test/fixtures/unified-manifest-schema)
// `office-addin-manifest validate manifest.xml` sends the manifest to a Microsoft service; where
// that service is reachable it is a useful extra check, but this command needs no network.
// Exit codes: 0 valid, 1 invalid (or a checker is missing).
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const require = createRequire(import.meta.url);
const Ajv = require('ajv-draft-04');
const addFormats = require('ajv-formats');

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, '..', '..');
const fixtures = path.join(root, 'test', 'fixtures');
let failed = false;

try {
  execFileSync('xmllint', ['--noout', '--schema', path.join(fixtures, 'manifest-xsd', 'OfficeAppManifestV1_1.xsd'), path.join(root, 'manifest.xml')], { stdio: 'pipe' });
  process.stdout.write('manifest.xml: valid (Office add-in manifest schema 1.1, offline)\n');
} catch (error) {
  failed = true;
  if (error.code === 'ENOENT') process.stderr.write('manifest.xml: xmllint not found — install libxml2-utils (apt-get install libxml2-utils)\n');
  else process.stderr.write(`manifest.xml: INVALID\n${error.stderr?.toString() ?? error.message}\n`);
}

const compiled = await build({ entryPoints: [path.join(here, 'unified-manifest.ts')], bundle: true, platform: 'node', format: 'esm', write: false, logLevel: 'silent' });
const { renderUnifiedManifest } = await import(`data:text/javascript;base64,${Buffer.from(compiled.outputFiles[0].text).toString('base64')}`);
const files = renderUnifiedManifest('https://localhost:3000');
const schemaDir = path.join(fixtures, 'unified-manifest-schema');
for (const [label, schemaFile, document] of [
  ['unified manifest (manifest.json)', 'MicrosoftTeams.schema.json', files.manifest],
  ['unified manifest strings (zh-cn.json)', 'MicrosoftTeams.Localization.schema.json', files.zhStrings],
]) {
  // unicodeRegExp off: the localization schema's patterns ("\b]") are valid JavaScript regexps but not with the u flag.
  const ajv = new Ajv({ allErrors: true, strict: false, unicodeRegExp: false });
  addFormats(ajv);
  const validate = ajv.compile(JSON.parse(readFileSync(path.join(schemaDir, schemaFile), 'utf8')));
  if (validate(document)) process.stdout.write(`${label}: valid (Microsoft 365 app manifest ${files.manifest.manifestVersion}, offline)\n`);
  else {
    failed = true;
    process.stderr.write(`${label}: INVALID\n${validate.errors.map((e) => `  ${e.instancePath || '/'} ${e.message}`).join('\n')}\n`);
  }
}
process.exit(failed ? 1 : 0);
