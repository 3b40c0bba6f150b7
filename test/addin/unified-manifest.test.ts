import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Ajv from 'ajv-draft-04';
import addFormats from 'ajv-formats';
import { MANIFEST_SOURCE } from '../../addin/manifest/manifest-source';
import { DEV_ORIGIN } from '../../addin/manifest/make-manifest';
import { renderUnifiedManifest, semverOf } from '../../addin/manifest/unified-manifest';
import { renderXmlManifest } from '../../addin/manifest/xml-manifest';
import { PACKAGE_ICONS, encodePng } from '../../server/demo/make-icons';

const ROOT = path.join(__dirname, '..', '..');
const SCHEMAS = path.join(ROOT, 'test', 'fixtures', 'unified-manifest-schema');

/** ajv with the draft-04 meta-schema and formats, as Microsoft's tooling validates it, offline. */
function validator(schemaFile: string): (document: unknown) => string[] {
  // unicodeRegExp off: the localization schema has patterns ("\b]") valid only without the u flag.
  const ajv = new Ajv({ allErrors: true, strict: false, unicodeRegExp: false });
  addFormats(ajv);
  const validate = ajv.compile(JSON.parse(readFileSync(path.join(SCHEMAS, schemaFile), 'utf8')) as object);
  return (document) => (validate(document) ? [] : (validate.errors ?? []).map((e) => `${e.instancePath || '/'} ${e.message ?? ''}`));
}

const checkManifest = validator('MicrosoftTeams.schema.json');
const checkStrings = validator('MicrosoftTeams.Localization.schema.json');

describe('one source for both manifests', () => {
  it('manifest.xml is what the source renders for https://localhost:3000 (npm run manifest:write)', () => {
    expect(readFileSync(path.join(ROOT, 'manifest.xml'), 'utf8')).toBe(renderXmlManifest({ baseUrl: DEV_ORIGIN }));
  });

  it('the unified manifest validates against the Microsoft 365 app manifest 1.29 schema, offline', () => {
    const { manifest, zhStrings } = renderUnifiedManifest('https://scorecard.contoso.com');
    expect(checkManifest(manifest)).toEqual([]);
    expect(checkStrings(zhStrings)).toEqual([]);
  });

  it('the schema check is not vacuous: a manifest without an id, or with a bad scope, fails', () => {
    const { manifest } = renderUnifiedManifest('https://scorecard.contoso.com');
    const noId = { ...manifest };
    delete noId.id;
    expect(checkManifest(noId).join('\n')).toMatch(/id/);
    const extensions = manifest.extensions as { requirements: { scopes: string[] } }[];
    const badScope = { ...manifest, extensions: [{ ...extensions[0], requirements: { scopes: ['spreadsheet'] } }] };
    expect(checkManifest(badScope).length).toBeGreaterThan(0);
  });

  it('describes the same add-in as manifest.xml: id, version, requirement, page, icons, both languages', () => {
    const base = 'https://scorecard.contoso.com/ops';
    const { manifest, zhStrings } = renderUnifiedManifest(base);
    const xml = renderXmlManifest({ baseUrl: base });
    expect(manifest.id).toBe(MANIFEST_SOURCE.id);
    expect(xml).toContain(`<Id>${MANIFEST_SOURCE.id}</Id>`);
    expect(manifest.version).toBe(semverOf(MANIFEST_SOURCE.version));
    const ext = (manifest.extensions as Record<string, unknown>[])[0]!;
    expect(ext.requirements).toEqual({ capabilities: [{ name: 'ExcelApi', minVersion: '1.10' }], scopes: ['workbook'] });
    expect(xml).toContain('<Set Name="ExcelApi" MinVersion="1.10" />');
    expect(JSON.stringify(ext.runtimes)).toContain(`"page":"${base}/taskpane.html"`);
    expect(xml).toContain(`<SourceLocation DefaultValue="${base}/taskpane.html" />`);
    expect((manifest.name as { short: string }).short).toBe('Ops Scorecard');
    expect(zhStrings['name.short']).toBe('运营计分卡');
    expect(xml).toContain('<Override Locale="zh-CN" Value="运营计分卡" />');
  });

  it('packs the icons Microsoft 365 asks for: colour 192×192, outline 32×32 white on transparent', () => {
    for (const { file, size, draw } of PACKAGE_ICONS) {
      const png = readFileSync(path.join(ROOT, 'addin', 'assets', file));
      expect([png.readUInt32BE(16), png.readUInt32BE(20)]).toEqual([size, size]);
      expect(png.equals(encodePng(size, size, draw(size)))).toBe(true);
    }
    const outline = PACKAGE_ICONS[1].draw(32);
    for (let i = 0; i < outline.length; i += 4) {
      if (outline[i + 3]! > 0) expect([outline[i], outline[i + 1], outline[i + 2]]).toEqual([255, 255, 255]);
    }
  });

  it('npm run manifest writes the production XML manifest and the app package (a zip with both strings files and icons)', () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'manifest-pkg-'));
    const run = spawnSync(
      process.execPath,
      [path.join(ROOT, 'addin', 'manifest', 'make-manifest-cli.mjs'), '--url', 'https://scorecard.contoso.com', '--out', path.join(dir, 'm.xml'), '--package', path.join(dir, 'app.zip'), '--version', '1.2.0.0'],
      { encoding: 'utf8', timeout: 60_000 },
    );
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    const listing = spawnSync('unzip', ['-Z1', path.join(dir, 'app.zip')], { encoding: 'utf8' });
    expect(listing.stdout.trim().split('\n')).toEqual(['manifest.json', 'zh-cn.json', 'color-192.png', 'outline-32.png']);
    const manifest = JSON.parse(spawnSync('unzip', ['-p', path.join(dir, 'app.zip'), 'manifest.json'], { encoding: 'utf8' }).stdout) as Record<string, unknown>;
    expect(manifest.version).toBe('1.2.0');
    expect(checkManifest(manifest)).toEqual([]);
  });

  it('npm run validate checks both manifests offline and passes', () => {
    const run = spawnSync(process.execPath, [path.join(ROOT, 'addin', 'manifest', 'validate-cli.mjs')], { encoding: 'utf8', timeout: 60_000 });
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    expect(run.stdout).toContain('manifest.xml: valid');
    expect(run.stdout).toContain('unified manifest (manifest.json): valid');
  });
});
