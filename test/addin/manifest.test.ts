import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { inflateSync } from 'node:zlib';
import { SaxesParser } from 'saxes';
import { ICON_SIZES, crc32, drawIcon, encodePng } from '../../server/demo/make-icons';

const ROOT = path.join(__dirname, '..', '..');
const MANIFEST = path.join(ROOT, 'manifest.xml');
const SCHEMA = path.join(ROOT, 'test', 'fixtures', 'manifest-xsd', 'OfficeAppManifestV1_1.xsd');
const ASSETS = path.join(ROOT, 'addin', 'assets');

/**
 * xmllint (Debian: libxml2-utils; CI installs it) against Microsoft's published XSDs. A missing
 * xmllint fails the test: a skipped schema check would let a broken manifest through.
 */
function validate(file: string): { ok: boolean; output: string } {
  try {
    execFileSync('xmllint', ['--noout', '--schema', SCHEMA, file], { stdio: 'pipe', timeout: 30_000 });
    return { ok: true, output: '' };
  } catch (error) {
    const e = error as NodeJS.ErrnoException & { stderr?: Buffer; status?: number };
    if (e.code === 'ENOENT') throw new Error('xmllint not found: install libxml2-utils (apt-get install libxml2-utils)');
    return { ok: false, output: e.stderr?.toString() ?? String(error) };
  }
}

interface Element {
  readonly name: string;
  readonly attrs: Readonly<Record<string, string>>;
  readonly children: Element[];
  text: string;
}

function parse(xml: string): Element {
  const parser = new SaxesParser({ xmlns: false });
  const root: Element = { name: '#document', attrs: {}, children: [], text: '' };
  const stack: Element[] = [root];
  parser.on('error', (error) => {
    throw error;
  });
  parser.on('opentag', (tag) => {
    const element: Element = { name: tag.name, attrs: tag.attributes as Record<string, string>, children: [], text: '' };
    stack[stack.length - 1]!.children.push(element);
    stack.push(element);
  });
  parser.on('text', (text) => {
    stack[stack.length - 1]!.text += text;
  });
  parser.on('closetag', () => {
    stack.pop();
  });
  parser.write(xml).close();
  return root.children[0]!;
}

function all(element: Element, name: string): Element[] {
  return element.children.flatMap((child) => [...(child.name === name ? [child] : []), ...all(child, name)]);
}

function one(element: Element, name: string): Element {
  const found = all(element, name);
  if (found.length !== 1) throw new Error(`expected one <${name}>, found ${found.length}`);
  return found[0]!;
}

function child(element: Element, name: string): Element {
  const found = element.children.find((c) => c.name === name);
  if (!found) throw new Error(`<${element.name}> has no <${name}>`);
  return found;
}

function pngSize(file: string): [number, number] {
  const png = readFileSync(file);
  expect(png.subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
  expect(png.toString('latin1', 12, 16)).toBe('IHDR');
  return [png.readUInt32BE(16), png.readUInt32BE(20)];
}

/** https://localhost:3000/assets/icon-32.png → addin/assets/icon-32.png */
function assetFile(url: string): string {
  const name = /\/assets\/([\w.-]+\.png)$/.exec(url)?.[1];
  if (!name) throw new Error(`not an asset URL: ${url}`);
  return path.join(ASSETS, name);
}

describe('manifest.xml', () => {
  const xml = readFileSync(MANIFEST, 'utf8');
  const app = parse(xml);

  it('is valid against the Office add-in manifest schema', () => {
    const result = validate(MANIFEST);
    expect(result.output).toBe('');
    expect(result.ok).toBe(true);
  });

  it('fails that schema when elements are out of order (the check is not vacuous)', () => {
    const swapped = xml.replace(
      /(\s*<IconUrl [^>]*\/>)(\s*<HighResolutionIconUrl [^>]*\/>)(\s*<SupportUrl [^>]*\/>)/,
      '$3$1$2',
    );
    expect(swapped).not.toBe(xml);
    const file = path.join(mkdtempSync(path.join(os.tmpdir(), 'manifest-')), 'manifest.xml');
    writeFileSync(file, swapped);
    const result = validate(file);
    expect(result.ok).toBe(false);
    expect(result.output).toMatch(/SupportUrl|IconUrl/);
  });

  it('is an Excel task pane add-in with a fixed id that may read and write the workbook', () => {
    expect(app.name).toBe('OfficeApp');
    expect(app.attrs['xsi:type']).toBe('TaskPaneApp');
    expect(child(app, 'Id').text).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
    expect(child(child(app, 'Hosts'), 'Host').attrs.Name).toBe('Workbook');
    expect(child(app, 'Permissions').text).toBe('ReadWriteDocument');
    expect(child(child(app, 'DefaultSettings'), 'SourceLocation').attrs.DefaultValue).toBe('https://localhost:3000/taskpane.html');
  });

  it('requires ExcelApi 1.10', () => {
    const sets = child(child(app, 'Requirements'), 'Sets');
    expect(sets.attrs.DefaultMinVersion).toBe('1.1');
    expect(sets.children.map((s) => [s.name, s.attrs.Name, s.attrs.MinVersion])).toEqual([['Set', 'ExcelApi', '1.10']]);
  });

  it('speaks Chinese too: zh-CN overrides for the name and description', () => {
    for (const name of ['DisplayName', 'Description']) {
      const overrides = child(app, name).children.filter((c) => c.name === 'Override');
      expect(overrides.map((o) => o.attrs.Locale)).toEqual(['zh-CN']);
      expect(overrides[0]!.attrs.Value).toMatch(/[\u4e00-\u9fff]/);
    }
    for (const text of all(app, 'bt:String')) {
      expect(child(text, 'bt:Override').attrs.Locale).toBe('zh-CN');
    }
  });

  it('uses https for every URL', () => {
    const urls = [
      ...['IconUrl', 'HighResolutionIconUrl', 'SupportUrl'].map((name) => child(app, name).attrs.DefaultValue),
      ...all(app, 'AppDomain').map((e) => e.text.trim()),
      // Under VersionOverrides a SourceLocation names a resource (resid) instead of a URL.
      ...[...all(app, 'SourceLocation'), ...all(app, 'bt:Image'), ...all(app, 'bt:Url')]
        .map((e) => e.attrs.DefaultValue)
        .filter((v) => v !== undefined),
    ];
    expect(urls.length).toBeGreaterThan(8);
    for (const url of urls) expect(url).toMatch(/^https:\/\/[^\s]+$/);
  });

  it('puts a Show Taskpane button on the Home tab with 16/32/80 px icons that exist at those sizes', () => {
    const tab = one(app, 'OfficeTab');
    expect(tab.attrs.id).toBe('TabHome');
    const button = one(tab, 'Control');
    expect(button.attrs['xsi:type']).toBe('Button');
    expect(child(button, 'Action').attrs['xsi:type']).toBe('ShowTaskpane');
    expect(child(child(button, 'Action'), 'SourceLocation').attrs.resid).toBe('Taskpane.Url');

    const images = new Map(
      all(one(app, 'Resources'), 'bt:Image').map((image) => [image.attrs.id, image.attrs.DefaultValue ?? '']),
    );
    const icons = child(button, 'Icon').children.map((image) => ({ size: Number(image.attrs.size), resid: image.attrs.resid ?? '' }));
    expect(icons.map((i) => i.size)).toEqual([16, 32, 80]);
    for (const { size, resid } of icons) {
      const url = images.get(resid);
      expect(url).toBe(`https://localhost:3000/assets/icon-${size}.png`);
      expect(pngSize(assetFile(url!))).toEqual([size, size]);
    }
    expect(pngSize(assetFile(child(app, 'IconUrl').attrs.DefaultValue!))).toEqual([32, 32]);
    expect(pngSize(assetFile(child(app, 'HighResolutionIconUrl').attrs.DefaultValue!))).toEqual([64, 64]);
  });
});

describe('the add-in icons', () => {
  it('are what server/demo/make-icons.ts draws (regenerate with it after changing the glyph)', () => {
    for (const size of ICON_SIZES) {
      expect(readFileSync(path.join(ASSETS, `icon-${size}.png`)).equals(encodePng(size, size, drawIcon(size)))).toBe(true);
    }
  });

  it('are encoded by the PNG rules: IDAT holds a filter byte and width × 4 bytes per row, chunks carry CRC-32', () => {
    const png = encodePng(2, 1, new Uint8Array([255, 0, 0, 255, 0, 0, 255, 128]));
    // 8 signature + 25 IHDR, then IDAT's length and type.
    const idatLength = png.readUInt32BE(33);
    expect(png.toString('latin1', 37, 41)).toBe('IDAT');
    expect([...inflateSync(png.subarray(41, 41 + idatLength))]).toEqual([0, 255, 0, 0, 255, 0, 0, 255, 128]);
    // Every PNG ends with the same IEND chunk, CRC AE426082.
    expect(png.subarray(-12).toString('hex')).toBe('0000000049454e44ae426082');
    expect(crc32(Buffer.from('IEND', 'latin1'))).toBe(0xae426082);
  });
});
