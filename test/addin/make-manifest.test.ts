import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { makeManifest, readBaseUrl } from '../../addin/manifest/make-manifest';

const ROOT = path.join(__dirname, '..', '..');
const SCHEMA = path.join(ROOT, 'test', 'fixtures', 'manifest-xsd', 'OfficeAppManifestV1_1.xsd');
const CLI = path.join(ROOT, 'addin', 'manifest', 'make-manifest-cli.mjs');
const DEV = readFileSync(path.join(ROOT, 'manifest.xml'), 'utf8');

function xmllint(file: string): void {
  // Throws with xmllint's output when the file is not schema-valid (a missing xmllint fails too).
  execFileSync('xmllint', ['--noout', '--schema', SCHEMA, file], { stdio: 'pipe', timeout: 30_000 });
}

describe('readBaseUrl', () => {
  it.each([
    ['https://scorecard.contoso.com', 'https://scorecard.contoso.com'],
    ['https://scorecard.contoso.com/', 'https://scorecard.contoso.com'],
    ['https://contoso.com/tools/scorecard/', 'https://contoso.com/tools/scorecard'],
    ['https://SCORECARD.contoso.com:8443', 'https://scorecard.contoso.com:8443'],
  ])('%s → %s', (input, expected) => {
    expect(readBaseUrl(input)).toEqual({ ok: true, value: expected });
  });

  it.each([
    ['http://scorecard.contoso.com', 'not-https'],
    ['scorecard.contoso.com', 'not-a-url'],
    ['', 'not-a-url'],
    ['ftp://x', 'not-https'],
    ['https://user:pw@x.com', 'unsupported-url'],
    ['https://x.com/?a=1', 'unsupported-url'],
    ['https://x.com/#top', 'unsupported-url'],
  ])('refuses %j (%s)', (input, kind) => {
    expect(readBaseUrl(input)).toMatchObject({ ok: false, error: { kind } });
  });
});

describe('makeManifest', () => {
  it('replaces every development URL, keeps the Id, and can set the version', () => {
    const result = makeManifest(DEV, { url: 'https://scorecard.contoso.com', version: '1.2.0.0' });
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.value).not.toContain('localhost');
    expect(result.value.match(/https:\/\/scorecard\.contoso\.com\//g)).toHaveLength(DEV.match(/https:\/\/localhost:3000\//g)!.length);
    expect(result.value).toContain('<Id>3f6b1c2e-8a4d-4e5f-9b7a-2c1d0e9f8a61</Id>');
    expect(result.value).toContain('<Version>1.2.0.0</Version>');
    expect(makeManifest(DEV, { url: 'https://x.com', version: 'v2' })).toMatchObject({ ok: false, error: { kind: 'bad-version' } });
    expect(makeManifest('<x/>', { url: 'https://x.com' })).toMatchObject({ ok: false, error: { kind: 'no-dev-urls' } });
  });
});

describe('npm run manifest (the CLI)', () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'manifest-prod-'));

  it('writes a schema-valid production manifest', () => {
    const out = path.join(dir, 'manifest.prod.xml');
    const run = spawnSync(process.execPath, [CLI, '--url', 'https://scorecard.contoso.com/ops', '--out', out], { encoding: 'utf8', timeout: 30_000 });
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    const xml = readFileSync(out, 'utf8');
    expect(xml).toContain('<SourceLocation DefaultValue="https://scorecard.contoso.com/ops/taskpane.html" />');
    expect(xml).not.toContain('localhost');
    expect(() => xmllint(out)).not.toThrow();
  });

  it.each([['http://scorecard.contoso.com'], ['not a url']])('refuses %j with exit code 2 and a reason', (url) => {
    const out = path.join(dir, 'refused.xml');
    const run = spawnSync(process.execPath, [CLI, '--url', url, '--out', out], { encoding: 'utf8', timeout: 30_000 });
    expect(run.status).toBe(2);
    expect(run.stderr).toMatch(/https|not a URL/);
    expect(() => readFileSync(out)).toThrow();
  });

  it('requires --url', () => {
    const run = spawnSync(process.execPath, [CLI], { encoding: 'utf8', timeout: 30_000 });
    expect(run.status).toBe(2);
    expect(run.stderr).toMatch(/--url is required/);
  });
});
