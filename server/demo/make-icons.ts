import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { deflateSync } from 'node:zlib';

/**
 * The add-in's icons (manifest.xml: 16/32/80 on the ribbon, 32/64 in the add-in list, 128 for
 * stores), drawn here rather than kept as opaque binaries so they can be regenerated and
 * reviewed: three rising bars — a scorecard — in a rounded Office-green square.
 *
 *   node dist/server/demo/make-icons.js [folder]     (default: addin/assets)
 *
 * The PNG encoder is a few lines over node's zlib, so the repository needs no image library.
 */

export const ICON_SIZES = [16, 32, 64, 80, 128] as const;

// ---------------------------------------------------------------------------------------------
// PNG: signature, IHDR, IDAT (zlib stream of filtered scanlines), IEND; each chunk CRC-32'd.

const CRC_TABLE = (() => {
  const table = new Uint32Array(256);
  for (let n = 0; n < 256; n += 1) {
    let c = n;
    for (let k = 0; k < 8; k += 1) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    table[n] = c >>> 0;
  }
  return table;
})();

export function crc32(bytes: Uint8Array): number {
  let crc = 0xffffffff;
  for (const byte of bytes) crc = CRC_TABLE[(crc ^ byte) & 0xff]! ^ (crc >>> 8);
  return (crc ^ 0xffffffff) >>> 0;
}

function chunk(type: string, data: Uint8Array): Buffer {
  const out = Buffer.alloc(12 + data.length);
  out.writeUInt32BE(data.length, 0);
  out.write(type, 4, 'latin1');
  out.set(data, 8);
  // The CRC covers the type and the data, not the length.
  out.writeUInt32BE(crc32(out.subarray(4, 8 + data.length)), 8 + data.length);
  return out;
}

/** An 8-bit RGBA image (`rgba.length === width × height × 4`, not premultiplied) as a PNG file. */
export function encodePng(width: number, height: number, rgba: Uint8Array): Buffer {
  if (rgba.length !== width * height * 4) throw new Error(`expected ${width * height * 4} bytes, got ${rgba.length}`);
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header[8] = 8; // bits per channel
  header[9] = 6; // colour type: RGBA
  // compression, filter method and interlace stay 0: deflate, adaptive filtering, none.

  // Each scanline starts with its filter type; 0 (none) is enough for icons this small.
  const stride = width * 4;
  const raw = Buffer.alloc((stride + 1) * height);
  for (let y = 0; y < height; y += 1) raw.set(rgba.subarray(y * stride, (y + 1) * stride), y * (stride + 1) + 1);

  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(raw, { level: 9 })),
    chunk('IEND', new Uint8Array(0)),
  ]);
}

// ---------------------------------------------------------------------------------------------
// The glyph, in unit coordinates (0..1, y down), sampled 4×4 per pixel for smooth edges.

type Rgb = readonly [number, number, number];
const OFFICE_GREEN: Rgb = [0x10, 0x7c, 0x41];
const WHITE: Rgb = [0xff, 0xff, 0xff];
const LIGHT_BLUE: Rgb = [0xbf, 0xe3, 0xff];

interface Bar {
  readonly left: number;
  readonly right: number;
  readonly top: number;
  readonly colour: Rgb;
}
const BASELINE = 0.78;
const BARS: readonly Bar[] = [
  { left: 0.22, right: 0.36, top: 0.54, colour: WHITE },
  { left: 0.43, right: 0.57, top: 0.4, colour: WHITE },
  { left: 0.64, right: 0.78, top: 0.22, colour: LIGHT_BLUE },
];
const SQUARE = { inset: 0.03, radius: 0.2 };

function insideRoundedSquare(x: number, y: number): boolean {
  const lo = SQUARE.inset + SQUARE.radius;
  const hi = 1 - SQUARE.inset - SQUARE.radius;
  const dx = x < lo ? lo - x : x > hi ? x - hi : 0;
  const dy = y < lo ? lo - y : y > hi ? y - hi : 0;
  const inBox = x >= SQUARE.inset && x <= 1 - SQUARE.inset && y >= SQUARE.inset && y <= 1 - SQUARE.inset;
  return inBox && dx * dx + dy * dy <= SQUARE.radius * SQUARE.radius;
}

/** What one sample point shows: a bar, the square, or nothing (null = transparent). */
function sample(x: number, y: number): Rgb | null {
  if (!insideRoundedSquare(x, y)) return null;
  for (const bar of BARS) {
    if (x >= bar.left && x <= bar.right && y >= bar.top && y <= BASELINE) return bar.colour;
  }
  return OFFICE_GREEN;
}

export function drawIcon(size: number): Uint8Array {
  const SUB = 4;
  const rgba = new Uint8Array(size * size * 4);
  for (let py = 0; py < size; py += 1) {
    for (let px = 0; px < size; px += 1) {
      let r = 0;
      let g = 0;
      let b = 0;
      let covered = 0;
      for (let sy = 0; sy < SUB; sy += 1) {
        for (let sx = 0; sx < SUB; sx += 1) {
          const colour = sample((px + (sx + 0.5) / SUB) / size, (py + (sy + 0.5) / SUB) / size);
          if (!colour) continue;
          r += colour[0];
          g += colour[1];
          b += colour[2];
          covered += 1;
        }
      }
      const i = (py * size + px) * 4;
      if (covered === 0) continue; // stays transparent black
      // Colour averaged over covered samples only (straight alpha); coverage becomes alpha.
      rgba[i] = Math.round(r / covered);
      rgba[i + 1] = Math.round(g / covered);
      rgba[i + 2] = Math.round(b / covered);
      rgba[i + 3] = Math.round((covered / (SUB * SUB)) * 255);
    }
  }
  return rgba;
}

/**
 * The unified manifest's outline icon: the bars alone, white on transparent (Microsoft 365 asks
 * for a 32×32 transparent PNG whose shape is white).
 */
export function drawOutlineIcon(size: number): Uint8Array {
  const SUB = 4;
  const rgba = new Uint8Array(size * size * 4);
  for (let py = 0; py < size; py += 1) {
    for (let px = 0; px < size; px += 1) {
      let covered = 0;
      for (let sy = 0; sy < SUB; sy += 1) {
        for (let sx = 0; sx < SUB; sx += 1) {
          const x = (px + (sx + 0.5) / SUB) / size;
          const y = (py + (sy + 0.5) / SUB) / size;
          if (BARS.some((bar) => x >= bar.left && x <= bar.right && y >= bar.top && y <= BASELINE)) covered += 1;
        }
      }
      const i = (py * size + px) * 4;
      if (covered === 0) continue;
      rgba[i] = 255;
      rgba[i + 1] = 255;
      rgba[i + 2] = 255;
      rgba[i + 3] = Math.round((covered / (SUB * SUB)) * 255);
    }
  }
  return rgba;
}

/** The unified manifest's package icons: colour 192×192, outline 32×32 (manifest-source.ts names them). */
export const PACKAGE_ICONS = [
  { file: 'color-192.png', size: 192, draw: drawIcon },
  { file: 'outline-32.png', size: 32, draw: drawOutlineIcon },
] as const;

export function writeIcons(folder: string): string[] {
  mkdirSync(folder, { recursive: true });
  const ribbon = ICON_SIZES.map((size) => {
    const file = path.join(folder, `icon-${size}.png`);
    writeFileSync(file, encodePng(size, size, drawIcon(size)));
    return file;
  });
  const pack = PACKAGE_ICONS.map(({ file, size, draw }) => {
    const out = path.join(folder, file);
    writeFileSync(out, encodePng(size, size, draw(size)));
    return out;
  });
  return [...ribbon, ...pack];
}

if (require.main === module) {
  for (const file of writeIcons(process.argv[2] ?? path.join('addin', 'assets'))) process.stdout.write(`${file}\n`);
}
